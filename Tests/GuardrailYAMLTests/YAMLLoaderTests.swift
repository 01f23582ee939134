import GuardrailCore
import Testing

@testable import GuardrailYAML

@Suite struct YAMLLoaderTests {
    @Test func multiDocumentStreamSkipsEmptyDocuments() throws {
        let text = "---\n# only a comment\n---\na: 1\n---\n---\n~\n---\n- x\n...\n"
        let docs = try YAML.loadAll(text, file: "s.yaml")
        #expect(docs.map(\.value) == [["a": 1], ["x"]])
        #expect(docs.map(\.index) == [1, 4])
        #expect(docs.map(\.startLine) == [3, 8])
    }

    @Test func emptyInputHasNoDocuments() throws {
        #expect(try YAML.loadAll("").isEmpty)
        #expect(try YAML.loadAll("# nothing\n\n").isEmpty)
        #expect(try YAML.load("") == nil)
    }

    @Test func loadRefusesSeveralDocuments() {
        do {
            _ = try YAML.load("a: 1\n---\nb: 2\n", file: "k.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("k.yaml:2:1: expected a single document"))
        }
    }

    @Test func jsonIsYAML() throws {
        let json = #"{"kind": "Pod", "n": 1.5, "i": 10, "list": [true, null, "x\/y\u00e9"], "e": {}}"#
        let value = try YAML.load(json)
        #expect(value == ["kind": "Pod", "n": 1.5, "i": 10, "list": [true, nil, "x/yé"], "e": [:]])
        #expect(value == (try JSONParser.parse(json)))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}a: 1\r\nb:\r\n  - x\r\n  - z\r\n"
        #expect(try YAML.load(text) == ["a": 1, "b": ["x", "z"]])
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a: 1\n".utf8).flatMap { [$0, 0] }
        #expect(try YAML.loadAll(bytes: utf16).first?.value == ["a": 1])
    }

    @Test func keysKeepDocumentOrder() throws {
        let value = try YAML.load("z: 1\na: 2\nm: 3\n")
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try YAML.load("a: 1\nb: 2\na: 3\n") == ["a": 3, "b": 2])
    }

    @Test func anchorsAndAliases() throws {
        let value = try YAML.load("base: &b {x: 1}\nuse: *b\nlist: [&s str, *s]\n")
        #expect(value == ["base": ["x": 1], "use": ["x": 1], "list": ["str", "str"]])
    }

    @Test func mergeKeysFollowGoYAMLv2() throws {
        // Confirmed with kubectl: keys before `<<` are overwritten by it, keys after it win, and in a
        // list of merged maps the earlier map wins.
        let text = """
            base: &b {a: 1, b: 2}
            m1:
              a: 9
              <<: *b
              c: 3
            m2:
              <<: [{x: 1, w: 1}, {x: 2, z: 2}]
              z: 5
            quoted:
              "<<": *b
            """
        let value = try YAML.load(text)
        #expect(value["m1"] == ["a": 1, "b": 2, "c": 3])
        #expect(value["m2"] == ["x": 1, "w": 1, "z": 5])
        #expect(value["quoted"] == ["<<": ["a": 1, "b": 2]])
        #expect(throws: YAMLError.self) { try YAML.load("a:\n  <<: 1\n") }
        #expect(throws: YAMLError.self) { try YAML.load("a:\n  <<: [1]\n") }
    }

    @Test func undefinedAliasIsAnError() {
        do {
            _ = try YAML.load("a: *nope\n", file: "f.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("f.yaml:1:4: unknown anchor 'nope'"))
        }
    }

    @Test func syntaxErrorsNamePosition() {
        do {
            _ = try YAML.load("a: 1\nb: [1, 2\nc: 3\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.line == 3)
            #expect(error.message.contains("while parsing a flow sequence that started at line 2, column 4"))
        }
        do {
            _ = try YAML.load("a: 1\n b: 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "2:3: mapping values are not allowed in this context")
        }
    }

    @Test func invalidUTF8IsReported() {
        #expect(throws: YAMLError.self) { try YAML.loadAll(bytes: Array("a: ".utf8) + [0xFF, 0x0A]) }
    }

    @Test func locationsFollowPaths() throws {
        let text = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            spec:
              rules:
              - name: first
                match:
                  any:
                  - resources: {kinds: [Pod]}
              - name: second
                <<: &m
                  validate: {message: x}
            """
        let doc = try #require(try YAML.loadAll(text, file: "p.yaml").first)
        #expect(doc.location(of: []) == SourceLocation(file: "p.yaml", line: 1, column: 1))
        // A mapping member's value, and its key.
        #expect(doc.location(of: ["spec", "rules", 0, "match"])?.description == "p.yaml:7:7")
        #expect(doc.keyLocation(of: ["spec", "rules", 0, "match"])?.description == "p.yaml:6:5")
        // A sequence item at the item itself.
        #expect(
            doc.location(of: ["spec", "rules", 0, "match", "any", 0, "resources", "kinds", 0])?.description
                == "p.yaml:8:29")
        #expect(doc.keyLocation(of: ["spec", "rules", 1])?.description == "p.yaml:9:5")
        #expect(doc.keyLocation(of: ["spec", "rules", 1, "name"])?.description == "p.yaml:9:5")
        #expect(doc.location(of: ["spec", "rules", 1, "name"])?.description == "p.yaml:9:11")
        // Through a merge key: the merged mapping's entry.
        #expect(doc.keyLocation(of: ["spec", "rules", 1, "validate"])?.description == "p.yaml:11:7")
        #expect(doc.location(of: ["spec", "rules", 1, "validate"])?.description == "p.yaml:11:17")
        #expect(doc.location(of: ["spec", "rules", 2]) == nil)
        #expect(doc.location(of: ["spec", "nope"]) == nil)
        #expect((["spec", "rules", 0, "match"] as [JSONPathComponent]).fieldPath == "spec.rules[0].match")
    }

    @Test func locationsThroughAliases() throws {
        let doc = try #require(try YAML.loadAll("a: &x\n  b: 1\nc: *x\n").first)
        #expect(doc.location(of: ["c", "b"])?.line == 2)
        #expect(doc.location(of: ["c"])?.line == 3)
    }

    @Test func scalarTextKeepsOriginalSpelling() throws {
        let doc = try #require(try YAML.loadAll("namespace: yes\nport: 0755\nname: plain\nempty:\n").first)
        #expect(doc.value["namespace"] == true)
        #expect(doc.scalarText(at: ["namespace"]) == "yes")
        #expect(doc.scalarText(at: ["port"]) == "0755")
        #expect(doc.scalarText(at: ["name"]) == "plain")
        #expect(doc.scalarText(at: ["empty"]) == "")
    }

    @Test func locationsCanBeTurnedOff() throws {
        let doc = try #require(try YAML.loadAll("a: 1\n", options: YAMLOptions(trackLocations: false)).first)
        #expect(doc.value == ["a": 1])
        #expect(doc.location(of: ["a"]) == nil)
    }
}

@Suite struct YAMLErrorMessageTests {
    static let cases: [(String, String)] = [
        ("a: 1\nb\nc: 2\n", "p.yaml:3:1: could not find expected ':' (while scanning a simple key that started"
            + " at line 2, column 1)"),
        ("a:\n  - x\n  y: 1\n", "p.yaml:3:3: did not find expected '-' indicator (while parsing a block"
            + " collection that started at line 2, column 3)"),
        ("a: 'open\n", "p.yaml:2:1: found unexpected end of stream (while scanning a quoted scalar that started"
            + " at line 1, column 4)"),
        ("a:\n\t- x\n", "p.yaml:2:1: found character that cannot start any token (while scanning for the next"
            + " token that started at line 2, column 1);"
                + " YAML does not allow tabs for indentation, use spaces"),
        ("a: [1, 2\n", "p.yaml:2:1: did not find expected ',' or ']' (while parsing a flow sequence that"
            + " started at line 1, column 4)"),
    ]

    @Test(arguments: cases)
    func libyamlErrors(_ text: String, _ expected: String) {
        do {
            _ = try YAML.loadAll(text, file: "p.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == expected)
            #expect(error.diagnostic.severity == .error)
        }
    }

    @Test func emptyValueLocationIsOnItsKeysLine() throws {
        let doc = try #require(try YAML.loadAll("a:\nb: 1\n").first)
        #expect(doc.location(of: ["a"])?.line == 1)
    }
}

/// kubectl's wording for the same inputs, observed with
/// `kubectl config view --kubeconfig FILE` → `error loading config file "FILE": <message>`.
@Suite struct YAMLKubectlMessageTests {
    static let cases: [(String, String)] = [
        ("a:\n  - x\n  y: 1\n", "yaml: line 2: did not find expected '-' indicator"),
        ("a: 1\nb\nc: 2\n", "yaml: line 3: could not find expected ':'"),
        ("a: [1, 2\n", "yaml: line 1: did not find expected ',' or ']'"),
        ("a: *nope\n", "yaml: unknown anchor 'nope' referenced"),
        ("a:\n\t- x\n", "yaml: line 2: found character that cannot start any token"),
        ("a: 1\n b: 2\n", "yaml: line 2: mapping values are not allowed in this context"),
        ("a: {b: .inf}\n", "json: unsupported value: +Inf"),
        ("a: !!int abc\n", "yaml: cannot decode !!str `abc` as a !!int"),
        ("a:\n  <<: 1\n", "yaml: map merge requires map or sequence of maps as the value"),
    ]

    @Test(arguments: cases)
    func kubectlWording(_ text: String, _ expected: String) async throws {
        do {
            _ = try YAML.loadAll(text, file: "f")
            Issue.record("expected an error")
        } catch {
            #expect(error.kubectlMessage == expected)
        }
        // And the real kubectl agrees, when it is installed.
        guard KubectlOracle.path != nil else { return }
        let path = try KubectlOracle.temporaryFile(text, name: "message-\(UInt(bitPattern: text.hashValue)).kubeconfig")
        let result = try await KubectlOracle.run(["config", "view", "--kubeconfig", path])
        #expect(result.stderr == "error: error loading config file \"\(path)\": \(expected)\n")
    }
}
