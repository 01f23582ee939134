import GuardrailCore
import JMESPath
import KyvernoJMESPath
import Testing

/// Fuzzing the parser and interpreter: random, grammar-generated and mutated expressions must parse or
/// fail with a `JMESPathError` — never crash or hang — and deep nesting must be refused with an error
/// instead of overflowing the stack. Seeds are fixed so a failure reproduces.
@Suite("Parser robustness", .timeLimit(.minutes(2)))
struct ParserRobustnessTests {
    /// SplitMix64: small, fast, deterministic.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let document: JSONValue = [
        "foo": ["bar": ["baz", 1, 2.5, nil, true], "n": -3], "list": [["a": 1], ["a": "x"], [1, [2, 3]]],
        "s": "text", "o": ["k": ["v": "w"]],
    ]
    static let kyverno = KyvernoJMESPath.runtime(clock: .init(unixSeconds: 0))

    /// Parses and evaluates in both dialects; any outcome but a crash is fine.
    static func exercise(_ expression: String) -> Bool {
        guard let parsed = try? JMESPath.Expression(parsing: expression) else { return false }
        _ = try? parsed.evaluate(on: document, runtime: .standard)
        _ = try? parsed.evaluate(on: document, runtime: kyverno)
        return true
    }

    static let fragments = [
        "foo", "bar", "list", "@", "*", ".", "[", "]", "[]", "[?", "{", "}", "(", ")", ",", ":", "|", "||", "&&",
        "!", "==", "!=", "<", "<=", ">", ">=", "&", "`1`", "`\"x\"`", "`[1,2]`", "`{\"a\":1}`", "'raw'", "\"quoted\"",
        "0", "-1", "2", "length(", "sort_by(", "max_by(", "map(", "to_string(", "keys(", "add(", "split(", "a", " ",
        "`", "'", "\"", "\\", "é", "\u{0}", "[::-1]", "[1:]", "[?a==`1`]",
    ]

    @Test("random token soup never crashes")
    func tokenSoup() {
        var rng = SeededGenerator(state: 7)
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...12, using: &rng)
            let expression = (0..<length).map { _ in Self.fragments.randomElement(using: &rng)! }.joined()
            if Self.exercise(expression) { parsed += 1 }
        }
        #expect(parsed > 100, "the generator should produce some valid expressions")
    }

    /// Grammar-directed generation: mostly valid expressions that reach deep into the interpreter.
    static func generate(_ depth: Int, _ rng: inout SeededGenerator) -> String {
        if depth <= 0 { return ["foo", "bar", "@", "list", "s", "n", "`1`", "'x'", "a"].randomElement(using: &rng)! }
        let a = generate(depth - 1, &rng)
        let b = generate(depth - 1, &rng)
        switch Int.random(in: 0..<18, using: &rng) {
        case 0: return "\(a).\(["foo", "bar", "a", "k", "*"].randomElement(using: &rng)!)"
        case 1: return "\(a)[\(Int.random(in: -3...3, using: &rng))]"
        case 2:
            let (start, stop) = (Int.random(in: -3...3, using: &rng), Int.random(in: -3...3, using: &rng))
            return "\(a)[\(start):\(stop):\([1, -1, 2].randomElement(using: &rng)!)]"
        case 3: return "\(a)[*].\(b)"
        case 4: return "\(a)[]"
        case 5: return "\(a)[?\(b)]"
        case 6: return "\(a) | \(b)"
        case 7: return "\(a) || \(b)"
        case 8: return "\(a) && \(b)"
        case 9: return "!\(a)"
        case 10: return "[\(a), \(b)]"
        case 11: return "{x: \(a), y: \(b)}"
        case 12: return "\(a) \(["==", "!=", "<", ">="].randomElement(using: &rng)!) \(b)"
        case 13: return "(\(a))"
        case 14:
            let name = ["length", "to_string", "type", "not_null", "to_array", "keys", "abs", "to_upper"]
                .randomElement(using: &rng)!
            return "\(name)(\(a))"
        case 15: return "\(["sort_by", "max_by", "min_by", "map"].randomElement(using: &rng)!)(\(a), &\(b))"
        case 16: return "\(a).*.\(b)"
        default:
            let name = ["add", "contains", "merge", "join", "pattern_match", "lookup"].randomElement(using: &rng)!
            return "\(name)(\(a), \(b))"
        }
    }

    @Test("grammar-generated expressions never crash")
    func generated() {
        var rng = SeededGenerator(state: 42)
        var parsed = 0
        for _ in 0..<5_000 {
            if Self.exercise(Self.generate(Int.random(in: 1...5, using: &rng), &rng)) { parsed += 1 }
        }
        #expect(parsed > 4_000)
    }

    @Test("mutated compliance expressions never crash")
    func mutated() {
        var rng = SeededGenerator(state: 2024)
        let seeds = ComplianceCase.all.map(\.expression)
        for _ in 0..<20_000 {
            var scalars = Array(seeds.randomElement(using: &rng)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &rng)
                let replacement = Array(Self.fragments.randomElement(using: &rng)!.unicodeScalars)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where !scalars.isEmpty: scalars.remove(at: position)
                case 1: scalars.insert(contentsOf: replacement, at: position)
                default:
                    if !scalars.isEmpty { scalars.replaceSubrange(position...position, with: replacement) }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            _ = Self.exercise(text)
        }
    }

    static let deepShapes: [(String, @Sendable (Int) -> String)] = [
        ("parentheses", { String(repeating: "(", count: $0) + "a" + String(repeating: ")", count: $0) }),
        ("multi-select lists", { String(repeating: "[", count: $0) + "a" + String(repeating: "]", count: $0) }),
        ("multi-select hashes", { String(repeating: "{a:", count: $0) + "a" + String(repeating: "}", count: $0) }),
        ("not", { String(repeating: "!", count: $0) + "a" }),
        ("pipes", { Array(repeating: "a", count: $0).joined(separator: " | ") }),
        ("or chains", { Array(repeating: "a", count: $0).joined(separator: " || ") }),
        ("comparisons", { Array(repeating: "a", count: $0).joined(separator: " == ") }),
        ("indexes", { "a" + String(repeating: "[0]", count: $0) }),
        ("projections", { "a" + String(repeating: "[*].b", count: $0) }),
        ("filters", { String(repeating: "a[?", count: $0) + "b" + String(repeating: "]", count: $0) }),
        ("function calls", { String(repeating: "abs(", count: $0) + "a" + String(repeating: ")", count: $0) }),
        ("expression references", { String(repeating: "& ", count: $0) + "a" }),
        ("literals", { "`" + String(repeating: "[", count: $0) + String(repeating: "]", count: $0) + "`" }),
    ]

    @Test("deep nesting is refused with a syntax error", arguments: 0..<deepShapes.count)
    func deepNesting(_ shape: Int) {
        let (name, make) = Self.deepShapes[shape]
        for depth in [1_000, 100_000] {
            let expression = make(depth)
            #expect(throws: JMESPathError.self, "\(name) nested \(depth) deep") {
                _ = try JMESPath.Expression(parsing: expression)
            }
        }
        // Up to the limit, parsing and evaluating still work on a test thread's stack (debug build).
        var accepted = 0
        for depth in [JMESPath.maxNestingDepth / 3, JMESPath.maxNestingDepth / 2, JMESPath.maxNestingDepth - 2] {
            if let parsed = try? JMESPath.Expression(parsing: make(depth)) {
                accepted += 1
                _ = try? parsed.evaluate(on: Self.document, runtime: Self.kyverno)
                _ = try? parsed.evaluate(on: Self.document, runtime: .standard)
            }
        }
        #expect(accepted >= 1, "\(name): even shallow nesting was refused")
    }

    @Test("nesting errors carry the kind and a position")
    func nestingErrorDetails() throws {
        let error = try #require(throws: JMESPathError.self) {
            _ = try JMESPath.Expression(
                parsing: String(repeating: "(", count: 500) + "a" + String(repeating: ")", count: 500))
        }
        #expect(error.kind == .syntax)
        #expect(error.message.contains("nested too deeply"))
        #expect(error.position != nil)
    }

    @Test(
        "extreme numbers in slices and arithmetic do not trap",
        arguments: [
            "list[1:10:9223372036854775807]", "list[::-9223372036854775808]",
            "list[-9223372036854775808:9223372036854775807]",
            "list[9223372036854775807]", "list[-9223372036854775808]",
            "add('0.000000000000000000000000000000000000000001Ki', '1')",
            "add('99999999999999999999999999999999999999e2', '1')", "add('1e9999', '1e-9999')",
            "time_parse('1', '-9223372036854775808')", "time_parse('1', '9223372036854775807')",
            "time_add('2023-01-01T00:00:00Z', '2562047h')", "multiply('9223372036854775807', `1e300`)",
            "divide('1e-9', `1e300`)", "round(`1e308`, `400`)", "abs(`-9223372036854775808`)",
            "sum([`9223372036854775807`, `1`])", "modulo(`1e300`, `7`)", "truncate('abc', `1e300`)",
            "replace('aaa', 'a', 'b', `1e300`)",
        ])
    func extremeNumbers(_ expression: String) {
        _ = Self.exercise(expression)
    }

    static let argumentPool = [
        "'1Ki'", "'1.5Gi'", "'500m'", "'1h30m'", "'-1s'", "'0'", "'-0.5'", "'1e3'", "'9e18'",
        "'99999999999999999999Ei'",
        "`0`", "`-1`", "`1e308`", "`-1e308`", "`9223372036854775807`", "`-9223372036854775808`", "`0.5`", "`1.5e-300`",
        "'2023-01-01T00:00:00Z'", "'9999-12-31T23:59:59+23:59'", "'0001-01-01T00:00:00-23:59'", "'2006-01-02'",
        "'Mon Jan _2 15:04:05 MST 2006'", "'.000'", "''", "'*'", "'?'", "'(['", "'$1${x}$$'", "'(?P<n>a)'", "'a*'",
        "`[]`", "`{}`", "`[1, \"a\"]`", "`[\"a\", \"b\"]`", "`{\"a\": 1}`", "`null`", "`true`", "'1.2.3'", "'>=1.x'",
        "'!1.x || <0.0.1'", "'http://[::1]:80/x'", "'http://256.1.1.1'", "'é'", "'a\\b'", "'e9999'", "'1e-9999'",
        "'2562047h47m16.854775807s'", "'-2562047h47m16.854775808s'", "'a: [1'", "'{\"a\": 1}'", "'nginx@sha256:'",
        "'SGVsbG8='", "'=='", "'15'", "&foo", "@",
    ]

    @Test("every function survives random arguments")
    func functionArguments() {
        var rng = SeededGenerator(state: 99)
        let names = KyvernoJMESPath.functionNames
        #expect(names.count > 70)
        for _ in 0..<30_000 {
            let name = names.randomElement(using: &rng)!
            let count = Int.random(in: 0...4, using: &rng)
            let arguments = (0..<count).map { _ in Self.argumentPool.randomElement(using: &rng)! }
            _ = Self.exercise("\(name)(\(arguments.joined(separator: ", ")))")
        }
    }

    @Test("long flat field chains are not nesting")
    func longFieldChain() throws {
        let expression = Array(repeating: "a", count: 50_000).joined(separator: ".")
        let parsed = try JMESPath.Expression(parsing: expression)
        #expect(try parsed.evaluate(on: ["a": "x"]) == nil)
    }

    @Test(
        "syntax errors report what was expected and where",
        arguments: [
            ("foo.", 4, "expected an identifier, '*', '[' or '{' after '.' but found end of expression"),
            ("foo[", 4, "expected a number, ':' or '*' but found end of expression"),
            ("{a b}", 3, "expected ':' but found identifier 'b'"),
            ("a = b", 2, "expected '==' but found '='"),
            ("'abc", 0, "unterminated raw string"),
            ("`{`", 0, "invalid JSON in literal"),
            ("foo[1:2:3:4]", 9, "expected ']' but found ':'"),
            ("\"a\"(1)", 0, "a quoted identifier cannot name a function"),
            ("é", 0, "unexpected character 'é'"),
            ("ab é", 3, "unexpected character 'é'"),
        ])
    func syntaxErrorMessages(_ expression: String, _ position: Int, _ message: String) throws {
        let error = try #require(throws: JMESPathError.self) { _ = try JMESPath.Expression(parsing: expression) }
        #expect(error.kind == .syntax)
        #expect(error.position == position)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }
}
