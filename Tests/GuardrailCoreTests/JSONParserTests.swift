import GuardrailCore
import Testing

@Suite struct JSONParserTests {
    @Test func parsesScalarsAndContainers() throws {
        let v = try JSONParser.parse(#"{"a": [1, -2.5, true, null, "x\u00e9\n"], "b": {"c": 1e3}}"#)
        #expect(v["a"] == [1, -2.5, true, nil, "xé\n"])
        #expect(v["b"]?["c"] == .double(1000))
        #expect(v["b"]?["c"] == 1000)  // numbers compare by value
    }

    @Test func integersStayIntegers() throws {
        let v = try JSONParser.parse("[9007199254740993, 1.0]")
        #expect(v[0] == .int(9_007_199_254_740_993))
        #expect(JSONWriter().string(from: v) == "[9007199254740993,1]")
    }

    @Test(arguments: [
        ("{", "line 1, column 2: expected a string key in an object"),
        ("[1,]", "line 1, column 4: unexpected character ']', expected a value"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after an object key"),
        ("01", "line 1, column 1: invalid number: leading zeros are not allowed"),
        ("\n\n  nul", "line 3, column 3: invalid literal"),
        ("[1] x", "line 1, column 5: unexpected data after the top-level value"),
    ])
    func reportsPositions(input: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func objectEqualityIgnoresOrderButOutputKeepsIt() throws {
        let a = try JSONParser.parse(#"{"z":1,"a":2}"#)
        let b = try JSONParser.parse(#"{"a":2,"z":1}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.description == #"{"z":1,"a":2}"#)
        #expect(JSONWriter(options: .init(sortKeys: true)).string(from: a) == #"{"a":2,"z":1}"#)
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test func writerMatchesGoEncodingJSON() {
        let w = JSONWriter()
        #expect(w.string(from: "<a&b>") == #""\u003ca\u0026b\u003e""#)
        #expect(w.string(from: "\u{1}") == #""\u0001""#)
        #expect(JSONWriter.formatNumber(0.1) == "0.1")
        #expect(JSONWriter.formatNumber(1e21) == "1e+21")
        #expect(JSONWriter.formatNumber(1e20) == "100000000000000000000")
        #expect(JSONWriter.formatNumber(1.5e-7) == "1.5e-07")
        #expect(JSONWriter.formatNumber(-123.456) == "-123.456")
        #expect(JSONWriter.formatNumber(0.000001) == "0.000001")
        let pretty = JSONWriter(options: .kubectl).string(from: ["a": [1, 2], "b": [:]])
        #expect(pretty == "{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": {}\n}")
    }

    @Test func base64RoundTrips() {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let e = Base64.encode(Array(s.utf8))
            #expect(Base64.decode(e).map { String(decoding: $0, as: UTF8.self) } == s)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Zg") == nil)
        #expect(Base64.decode("Zg", padding: false) == [0x66])
    }
}

/// The string scanner skips eight bytes at a time; a quote, backslash or control character must be found
/// wherever it falls in a word, next to multi-byte UTF-8, and in the tail shorter than a word.
@Suite struct JSONParserStringScanTests {
    static let offsets = Array(0..<19)

    @Test(arguments: offsets)
    func escapesAnywhereInAWord(offset: Int) throws {
        let prefix = String(repeating: "a", count: offset)
        #expect(try JSONParser.parse("\"\(prefix)\\\"x\"") == .string(prefix + "\"x"))
        #expect(try JSONParser.parse("\"\(prefix)\\\\\"") == .string(prefix + "\\"))
        #expect(try JSONParser.parse("[\"\(prefix)\", \"é\(prefix)ü\"]") == [.string(prefix), .string("é\(prefix)ü")])
        #expect(try JSONParser.parse("\"\(prefix)\u{7F}ß\"") == .string(prefix + "\u{7F}ß"))
    }

    @Test(arguments: offsets)
    func controlCharactersAnywhereInAWordAreRejected(offset: Int) {
        let prefix = String(repeating: "é", count: offset / 2) + String(repeating: "a", count: offset % 2)
        for control in ["\u{01}", "\t", "\n", "\u{1F}"] {
            do {
                _ = try JSONParser.parse("\"\(prefix)\(control)zzzzzzzzzz\"")
                Issue.record("accepted a raw control character after \(offset) bytes")
            } catch {
                #expect(error.message == "control character in a string; escape it")
                #expect(error.offset == 1 + prefix.utf8.count)
            }
        }
    }
}

/// JSONWriter's string escapes are Go's `encoding/json` (what kubectl prints; checked against kubectl 1.27,
/// 1.29 and 1.33 with `kubectl create configmap --dry-run=client -o json`), at any position in a string.
@Suite struct JSONWriterEscapingTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\r\t", #""\n\r\t""#),
        ("a\u{8}b\u{C}c\u{1}d\u{1F}", #""a\bb\fc\u0001d\u001f""#),
        ("<a & b>", #""\u003ca \u0026 b\u003e""#),
        ("x\u{2028}y\u{2029}z\u{2027}", #""x\u2028y\u2029z‧""#),
        ("é€😀", #""é€😀""#),
        ("", #""""#),
    ])
    func goEscapes(text: String, json: String) {
        for prefix in ["", "abcdefg", "é"] {
            let expected = "\"" + prefix + json.dropFirst()
            #expect(JSONWriter().string(from: .string(prefix + text)) == expected)
        }
    }

    @Test func htmlEscapingCanBeTurnedOff() {
        let writer = JSONWriter(options: .init(escapeHTML: false))
        #expect(writer.string(from: .string("<&>\u{2028}")) == "\"<&>\u{2028}\"")
    }

    @Test func keysAndNestingUseTheSameEscapes() {
        let value: JSONValue = ["k\"<": ["\u{8}": [1, "\u{1B}"]]]
        #expect(JSONWriter().string(from: value) == #"{"k\"\u003c":{"\b":[1,"\u001b"]}}"#)
        #expect(
            JSONWriter(options: .kubectl).string(from: value)
                == "{\n    \"k\\\"\\u003c\": {\n        \"\\b\": [\n            1,\n            \"\\u001b\"\n        ]\n    }\n}")
    }
}

/// `omitting: .listItemManagedFields` must give exactly the full parse minus `items[*].metadata.managedFields`,
/// and exactly the full parse's error for a malformed document, wherever the mistake is.
@Suite struct JSONParserOmissionTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Raw JSON text of a random value (escapes written by hand, so the skipper sees every kind).
    static func randomText(_ g: inout LCG, depth: Int) -> String {
        let strings = [#""a""#, #""f:metadata""#, #""\"q\" \\ \/ \b\f\n\r\t""#, #""\u00e9\ud83d\ude00x""#, #""""#, #""é€""#]
        switch depth > 3 ? g.next(4) : g.next(7) {
        case 0: return strings[g.next(strings.count)]
        case 1: return ["0", "-12", "3.5e-7", "1E+3", "12345678901234567890"][g.next(5)]
        case 2: return ["true", "false", "null"][g.next(3)]
        case 3: return #""plain""#
        case 4, 5:
            let n = g.next(4)
            let members = (0..<n).map { i in
                ["\"k\(i)\"", "\"managedFields\"", "\"metadata\"", "\"items\""][g.next(4)] + ":" + randomText(&g, depth: depth + 1)
            }
            return "{" + members.joined(separator: ",") + "}"
        default:
            return "[" + (0..<g.next(4)).map { _ in randomText(&g, depth: depth + 1) }.joined(separator: ", ") + "]"
        }
    }

    static func randomList(_ g: inout LCG) -> String {
        let items = (0..<(1 + g.next(3))).map { i in
            """
            {"apiVersion": "v1", "metadata": {"name": "o\(i)", "managedFields": \(randomText(&g, depth: 0)), \
            "labels": {"managedFields": "kept"}}, "spec": \(randomText(&g, depth: 0))}
            """
        }
        return """
            {"kind": "List", "metadata": {"managedFields": \(randomText(&g, depth: 0))}, \
            "items": [\(items.joined(separator: ",\n"))], "extra": {"items": [{"metadata": {"managedFields": 1}}]}}
            """
    }

    /// The full parse with `items[*].metadata.managedFields` removed by hand.
    static func withoutItemManagedFields(_ value: JSONValue) -> JSONValue {
        guard case .object(var root) = value, case .array(let items)? = root["items"] else { return value }
        root["items"] = .array(items.map { item in
            guard case .object(var object) = item, case .object(var metadata)? = object["metadata"] else { return item }
            metadata["managedFields"] = nil
            object["metadata"] = .object(metadata)
            return .object(object)
        })
        return .object(root)
    }

    @Test func sameResultAsTheFullParse() throws {
        var g = LCG(state: 7)
        for _ in 0..<300 {
            let text = Self.randomList(&g)
            let full = try JSONParser.parse(text)
            let omitted = try JSONParser.parse(bytes: Array(text.utf8), omitting: .listItemManagedFields)
            #expect(omitted == Self.withoutItemManagedFields(full), "\(text)")
            #expect(omitted["metadata"]?["managedFields"] != nil || full["metadata"]?["managedFields"] == nil)
        }
    }

    @Test func sameErrorAsTheFullParse() {
        var g = LCG(state: 11)
        let breakers = ["\u{01}", "\\x", "\\u12g4", ",,", "}", "\"", ":", "tru", "01", "[", "\\"]
        var compared = 0
        for _ in 0..<300 {
            var bytes = Array(Self.randomList(&g).utf8)
            let breaker = Array(breakers[g.next(breakers.count)].utf8)
            bytes.insert(contentsOf: breaker, at: g.next(bytes.count))
            let full = Result { () throws(JSONParseError) in try JSONParser.parse(bytes: bytes) }
            let omitted = Result { () throws(JSONParseError) in
                try JSONParser.parse(bytes: bytes, omitting: .listItemManagedFields)
            }
            switch (full, omitted) {
            case (.failure(let a), .failure(let b)):
                #expect(a == b)
                compared += 1
            case (.success(let a), .success(let b)):
                #expect(b == Self.withoutItemManagedFields(a))
            default:
                Issue.record("one parse failed and the other did not: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(compared > 200)
    }

    @Test func nestingLimitStillApplies() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let text = #"{"items": [{"metadata": {"managedFields": "# + deep + "}}]}"
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: Array(text.utf8), omitting: .listItemManagedFields) }
    }
}
