import GuardrailCore
import Testing

@testable import GuardrailYAML

/// Golden outputs captured from `kubectl create configmap … --dry-run=client -o yaml` and
/// `kubectl config view -o yaml` (kubectl v1.32), so these run without kubectl.
@Suite struct YAMLWriterTests {
    static let scalarCases: [(String, String)] = [
        ("yes", #""yes""#), ("123", #""123""#), ("1e3", #""1e3""#), ("  lead", "'  lead'"), ("trail ", "'trail '"),
        ("a: b", "'a: b'"), ("a #b", "'a #b'"), ("#x", "'#x'"), ("héllo 😀", #""héllo \U0001F600""#), ("", #""""#),
        ("tab\there", #""tab\there""#), ("it's", "it's"), ("2024-01-01", #""2024-01-01""#), ("1:20", #""1:20""#),
        ("- x", "'- x'"), ("~", #""~""#), ("trail \nx", #""trail \nx""#), (#""q""#, #"'"q"'"#), ("[a]", "'[a]'"),
        ("a,b", "a,b"), ("null", #""null""#), ("0x1F", #""0x1F""#), (".5", #"".5""#), ("-", "'-'"), ("?", "'?'"),
        (": x", "': x'"), ("a:b", "a:b"), ("@x", "'@x'"), ("%x", "'%x'"), ("---", "'---'"), ("*x", "'*x'"),
        ("!x", "'!x'"), ("&x", "'&x'"), ("|", "'|'"), (">", "'>'"), ("a ", "'a '"), ("{", "'{'"),
        ("\u{00A0}x", "\u{00A0}x"),
    ]

    @Test(arguments: scalarCases)
    func scalarStyle(_ value: String, _ expected: String) {
        #expect(YAMLWriter().string(from: ["k": .string(value)]) == "k: \(expected)\n")
    }

    @Test func literalBlocks() {
        let object: JSONValue = [
            "j": "line1\nline2\n", "k": "line1\nline2", "t": "\n lead", "u": "a\n\nb\n\n",
        ]
        #expect(
            YAMLWriter().string(from: ["data": object]) == """
                data:
                  j: |
                    line1
                    line2
                  k: |-
                    line1
                    line2
                  t: |2-

                     lead
                  u: |+
                    a

                    b


                """)
    }

    @Test func longLinesFoldAtEightyColumns() {
        let words = (0..<40).map { "word\($0)" }.joined(separator: " ")
        #expect(
            YAMLWriter().string(from: ["data": ["l": .string(words)]]) == """
                data:
                  l: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12
                    word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24
                    word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36
                    word37 word38 word39

                """)
        let long = String(repeating: "x", count: 200)
        #expect(YAMLWriter().string(from: ["k": .string(long)]) == "k: \(long)\n")
    }

    @Test func structureAndKeyOrder() {
        let value: JSONValue = [
            "kind": "Pod", "apiVersion": "v1",
            "metadata": ["name": "p", "labels": [:], "creationTimestamp": nil],
            "spec": [
                "containers": [["name": "c", "args": ["a", "b"], "ports": [["containerPort": 80]]]],
                "tolerations": [], "matrix": [[1, 2], [], [[3]]],
            ],
            "n": "needs quoting",
        ]
        #expect(
            YAMLWriter().string(from: value) == """
                apiVersion: v1
                kind: Pod
                metadata:
                  creationTimestamp: null
                  labels: {}
                  name: p
                "n": needs quoting
                spec:
                  containers:
                  - args:
                    - a
                    - b
                    name: c
                    ports:
                    - containerPort: 80
                  matrix:
                  - - 1
                    - 2
                  - []
                  - - - 3
                  tolerations: []

                """)
    }

    @Test func keyOrderIsGoYAMLs() {
        let keys = ["b", "a10", "a9", "A", "_x", "~x", "x-y", "x.y", "xy", "x0", "x00", "x01", "1", "10", "2", "é"]
        let sorted = keys.sorted(by: YAMLKeyOrder.less)
        // Same order as kubectl printed in YAMLWriterKubectlTests.structuresAndNumbers.
        #expect(
            sorted == ["_x", "~x", "1", "2", "10", "A", "a9", "a10", "b", "x-y", "x.y", "x0", "x00", "x01", "xy", "é"])
    }

    @Test func numbers() {
        let value: JSONValue = [
            "f": [1.5, 1.0, 1e6, 1234567.5, 0.0001, 0.00001, 1e21, -2.5e-7], "i": [0, -1, 123_456_789_012],
        ]
        #expect(
            YAMLWriter().string(from: value) == """
                f:
                - 1.5
                - 1
                - 1000000
                - 1.2345675e+06
                - 0.0001
                - 1e-05
                - 1e+21
                - -2.5e-07
                i:
                - 0
                - -1
                - 123456789012

                """)
    }

    @Test func longKeysUseComplexKeySyntax() {
        let key = String(repeating: "k", count: 130)
        #expect(YAMLWriter().string(from: [.init(stringLiteral: key): 1] as JSONValue) == "? \(key)\n: 1\n")
    }

    @Test func multipleDocuments() {
        #expect(YAMLWriter().string(documents: [["a": 1], ["b": 2]]) == "a: 1\n---\nb: 2\n")
    }

    @Test(arguments: YAMLWriterKubectlTests.trickyValues)
    func roundTrip(_ value: String) throws {
        let object: JSONValue = [
            "list": [.string(value)], "map": ["k": .string(value)], .init(stringLiteral: value): 1,
        ]
        let text = YAMLWriter().string(from: object)
        #expect(try YAML.load(text) == object, "\(text)")
    }
}
