import GuardrailCore
import KyvernoEngine
import Testing

/// One row of Kyverno's operator unit tables (copied as data into Fixtures/operators).
struct OperatorCase: CustomTestStringConvertible, Sendable {
    var line: Int
    var key: JSONValue
    var operatorName: String
    var value: JSONValue
    var expected: Bool
    var testDescription: String { "line \(line): \(key) \(operatorName) \(value) => \(expected)" }
}

enum OperatorTables {
    static let operatorNames = ConditionOperator.allCases.map(\.rawValue)

    /// Parses a Go-ish literal as used in the tables: JSON, `'raw'` strings, `nil`,
    /// `N * time.Hour`/`time.Minute`.
    static func literal(_ text: String) -> JSONValue? {
        let t = text.trimmingCharacters(in: " ")
        if t == "nil" { return .null }
        if t.hasPrefix("'") && t.hasSuffix("'") && t.count >= 2 { return .string(String(t.dropFirst().dropLast())) }
        for (unit, seconds) in [("time.Hour", 3600), ("time.Minute", 60), ("time.Second", 1)] where t.hasSuffix(unit) {
            let n = String(t.dropLast(unit.count)).trimmingCharacters(in: " ").trimmingCharacters(in: "*")
            return Int64(n.trimmingCharacters(in: " ")).map { .int($0 * Int64(seconds)) }
        }
        return try? JSONParser.parse(t)
    }

    /// Splits `left SEP right` at the top level (outside quotes and brackets).
    static func splitTopLevel(_ text: String, separator: String) -> (String, String)? {
        let chars = Array(text)
        var depth = 0
        var quote: Character? = nil
        var i = 0
        let sep = Array(separator)
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                depth -= 1
            } else if depth == 0 && i + sep.count <= chars.count && Array(chars[i..<(i + sep.count)]) == sep {
                return (String(chars[..<i]), String(chars[(i + sep.count)...]))
            }
            i += 1
        }
        return nil
    }

    /// Appendix A: `KEY Operator VALUE => RESULT`.
    static let evaluateTest: [OperatorCase] = {
        var cases: [OperatorCase] = []
        for (n, raw) in Fixtures.text("operators/evaluate-test.txt").split(separator: "\n").enumerated() {
            let line = String(raw)
            guard !line.hasPrefix("#"), let (lhs, result) = splitTopLevel(line, separator: " => ") else { continue }
            var parsed: OperatorCase? = nil
            for name in operatorNames {
                if let (k, v) = splitTopLevel(lhs, separator: " \(name) "), let key = literal(k), let value = literal(v)
                {
                    parsed = OperatorCase(
                        line: n + 1, key: key, operatorName: name, value: value,
                        expected: result.trimmingCharacters(in: " ") == "true")
                    break
                }
            }
            cases.append(parsed!)
        }
        return cases
    }()

    /// Appendix B: `KEY [OP] ~ VALUE => RESULT (name)` under `# file :: TestFunction` headers.
    static let handlerTests: (cases: [OperatorCase], unrepresentable: [String]) = {
        var cases: [OperatorCase] = []
        var skipped: [String] = []
        var function = ""
        for (n, raw) in Fixtures.text("operators/operator-handlers.txt").split(separator: "\n").enumerated() {
            let line = String(raw)
            if line.hasPrefix("# pkg/") {
                function = String(line.split(separator: ":").last!).trimmingCharacters(in: " ")
                continue
            }
            guard !line.hasPrefix("#"), let (lhs, rest) = splitTopLevel(line, separator: " => ") else { continue }
            let expected = rest.hasPrefix("true")
            if lhs.contains("struct{}{}") {
                skipped.append(line)  // a Go-only value with no JSON form
                continue
            }
            var (keyText, valueText) = splitTopLevel(lhs, separator: " ~ ")!
            var op = defaultOperator(function)
            // `KEY [Operator]` or `KEY [kyvernov1.ConditionOperators["Operator"]]`.
            let chars = Array(keyText)
            if keyText.hasSuffix("]"),
                let open = chars.indices.first(where: {
                    $0 > 0 && chars[$0 - 1] == " " && chars[$0] == "[" && $0 + 1 < chars.count && chars[$0 + 1].isLetter
                })
            {
                let inside = String(chars[(open + 1)..<(chars.count - 1)])
                if let quoted = inside.split(separator: "\"").dropFirst().first {
                    op = String(quoted)
                } else {
                    op = inside
                }
                keyText = String(chars[..<open])
            }
            if let (before, _) = splitTopLevel(valueText, separator: ", condition:") { valueText = before }
            guard let key = literal(keyText), let value = literal(valueText) else {
                fatalError("cannot parse line \(n + 1): \(line)")
            }
            cases.append(OperatorCase(line: n + 1, key: key, operatorName: op, value: value, expected: expected))
        }
        return (cases, skipped)
    }()

    static func defaultOperator(_ function: String) -> String {
        switch function {
        case _ where function.hasPrefix("TestEqualHandler"): return "Equals"
        case _ where function.hasPrefix("TestNotEqualHandler"): return "NotEquals"
        case _ where function.hasPrefix("TestInHandler"), "TestIsIn": return "In"
        case "TestIsNotIn": return "NotIn"
        case "TestAnyNotInHandler_Evaluate": return "AnyNotIn"
        case "TestAllNotInHandler_Evaluate": return "AllNotIn"
        case _ where function.hasSuffix("_GreaterThanOrEquals"): return "DurationGreaterThanOrEquals"
        case _ where function.hasSuffix("_LessThanOrEquals"): return "DurationLessThanOrEquals"
        case _ where function.hasSuffix("_LessThan"): return "DurationLessThan"
        case _ where function.hasPrefix("TestDurationOperatorHandler"): return "DurationGreaterThan"
        default: return "?"
        }
    }
}

@Suite struct OperatorTableTests {
    @Test func evaluateTableIsComplete() {
        #expect(OperatorTables.evaluateTest.count == 336)
        #expect(OperatorTables.handlerTests.cases.count + OperatorTables.handlerTests.unrepresentable.count == 206)
        #expect(OperatorTables.handlerTests.unrepresentable.count == 1)
    }

    @Test(arguments: OperatorTables.evaluateTest)
    func testEvaluate(_ row: OperatorCase) throws {
        let op = try #require(ConditionOperator(name: row.operatorName))
        #expect(try op.evaluate(key: row.key, value: row.value) == row.expected)
    }

    @Test(arguments: OperatorTables.handlerTests.cases)
    func operatorHandlers(_ row: OperatorCase) throws {
        guard let op = ConditionOperator(name: row.operatorName) else {
            // Kyverno's duration comparison returns false for an invalid operator.
            #expect(row.expected == false)
            return
        }
        #expect(try op.evaluate(key: row.key, value: row.value) == row.expected)
    }

    @Test(
        arguments: [
            // Derived edge cases from the semantics notes (§4.3/§4.4).
            (JSONValue.int(1025), "GreaterThan", JSONValue.string("1Ki"), false),
            (.string("123"), "Equals", .string("1*"), false),
            (.string("abc"), "Equals", .string("a*"), true),
            (.string("6"), "AnyNotIn", .string("5"), false),
            (.string("6"), "NotIn", .string("5"), false),
            (.null, "Equals", .null, false),
            (.null, "NotEquals", .string("x"), false),
            (.int(1_000_000), "AnyIn", .array(["1000000"]), false),
            (.int(1_000_000), "AnyIn", .array(["1e+06"]), true),
            (.string("kube-system"), "AnyNotIn", .array(["default", "kube-*"]), false),
            (.string(""), "AnyNotIn", .array(["default", "kyverno"]), true),
            (.array([]), "AnyNotIn", .array(["default", "kyverno"]), false),
            (.string("CREATE"), "anyin", .array(["CREATE"]), true),
            (.string("a"), "Equal", .string("a"), true),
            (.string("a"), "NotEqual", .string("a"), false),
        ] as [(JSONValue, String, JSONValue, Bool)])
    func derivedCases(key: JSONValue, op: String, value: JSONValue, expected: Bool) throws {
        let handler = try #require(ConditionOperator(name: op))
        #expect(try handler.evaluate(key: key, value: value) == expected)
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
