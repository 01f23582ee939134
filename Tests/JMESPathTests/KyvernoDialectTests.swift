import GuardrailCore
import JMESPath
import KyvernoJMESPath
import Testing

/// Expressions whose answer in Kyverno's `{{ }}` differs from standard JMESPath (or that show the
/// missing-key rules of the go-jmespath fork, interpreter.go `Execute`), with both answers asserted.
@Suite("Kyverno dialect versus standard JMESPath")
struct KyvernoDialectTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var expression: String
        var kyverno: ComplianceCase.Expectation
        var standard: ComplianceCase.Expectation
        var testDescription: String { "\(name): \(expression)" }
    }

    static let document: JSONValue = [
        "request": [
            "operation": "CREATE",
            "object": [
                "metadata": ["name": "web", "labels": ["app": "web"]],
                "spec": ["containers": [["name": "a"], ["name": "b", "image": "nginx"]]],
            ],
            "oldObject": nil,
        ],
        "list": [1, 2],
    ]

    static let cases: [Case] = [
        Case(
            name: "missing key is an error", expression: "request.object.metadata.namespace",
            kyverno: .error("not-found"), standard: .result(nil)),
        Case(
            name: "missing top-level key", expression: "missing", kyverno: .error("not-found"), standard: .result(nil)),
        Case(
            name: "below null is null", expression: "request.oldObject.metadata.name",
            kyverno: .result(nil), standard: .result(nil)),
        Case(
            name: "below a string is null", expression: "request.operation.foo", kyverno: .result(nil),
            standard: .result(nil)),
        Case(
            name: "|| defaults a missing key", expression: "request.object.metadata.namespace || 'default'",
            kyverno: .result("default"), standard: .result("default")),
        Case(
            name: "|| with both sides missing", expression: "missing || alsomissing",
            kyverno: .result(nil), standard: .result(nil)),
        Case(
            name: "request.operation || 'BACKGROUND'", expression: "request.operation || 'BACKGROUND'",
            kyverno: .result("CREATE"), standard: .result("CREATE")),
        Case(
            name: "index after a missing key", expression: "missing[0]", kyverno: .error("not-found"),
            standard: .result(nil)),
        Case(
            name: "projection over a missing key", expression: "missing[*].name", kyverno: .result(nil),
            standard: .result(nil)),
        Case(
            name: "projection swallows missing fields", expression: "request.object.spec.containers[*].image",
            kyverno: .result(["nginx"]), standard: .result(["nginx"])),
        Case(
            name: "filter with a missing field", expression: "request.object.spec.containers[?image=='nginx'].name",
            kyverno: .result(["b"]), standard: .result(["b"])),
        Case(
            name: "comparison with a missing key", expression: "missing == null", kyverno: .result(true),
            standard: .result(true)),
        Case(name: "not of a missing key", expression: "!missing", kyverno: .result(true), standard: .result(true)),
        Case(
            name: "&& left side missing", expression: "missing && request.operation", kyverno: .result(nil),
            standard: .result(nil)),
        Case(
            name: "&& right side missing", expression: "request.operation && missing",
            kyverno: .error("not-found"), standard: .result(nil)),
        Case(
            name: "multi-select swallows", expression: "[missing, list[0]]", kyverno: .result([nil, 1]),
            standard: .result([nil, 1])),
        Case(name: "pipe swallows", expression: "missing | @", kyverno: .result(nil), standard: .result(nil)),
        Case(
            name: "function argument swallows", expression: "not_null(missing, 'x')", kyverno: .result("x"),
            standard: .result("x")),
        Case(
            name: "length of a defaulted list", expression: "length(request.object.spec.initContainers || `[]`)",
            kyverno: .result(0), standard: .result(0)),
        Case(
            name: "quoted key with dots", expression: "request.object.metadata.labels.\"app.kubernetes.io/name\" || ''",
            kyverno: .result(""), standard: .result("")),
        Case(
            name: "sum of an empty list", expression: "sum(`[]`)", kyverno: .error("evaluation"), standard: .result(0)),
        Case(
            name: "sum of quantities", expression: "sum(['1Gi', '512Mi'])", kyverno: .result("1536Mi"),
            standard: .error("invalid-type")),
        Case(
            name: "sum of durations", expression: "sum(['1h', '90s'])", kyverno: .result("1h1m30s"),
            standard: .error("invalid-type")),
        Case(
            name: "Kyverno function", expression: "to_upper(request.operation)", kyverno: .result("CREATE"),
            standard: .error("unknown-function")),
        Case(
            name: "to_number keeps integers", expression: "to_number('42')", kyverno: .result(42), standard: .result(42)
        ),
        Case(
            name: "to_number reads Go floats", expression: "to_number('1e3')", kyverno: .result(1000),
            standard: .result(1000)),
        Case(
            name: "to_number refuses hex", expression: "to_number('0x10')", kyverno: .result(nil),
            standard: .result(nil)),
        Case(
            name: "to_string sorts keys like Go", expression: "to_string(`{\"b\": 1, \"a\": \"<\"}`)",
            kyverno: .result("{\"a\":\"\\u003c\",\"b\":1}"), standard: .result("{\"a\":\"\\u003c\",\"b\":1}")),
    ]

    static let kyverno = KyvernoJMESPath.runtime(clock: .init(unixSeconds: 1_700_000_000))

    @Test("dialect case", arguments: cases)
    func dialectCase(_ testCase: Case) {
        check(testCase, runtime: Self.kyverno, expectation: testCase.kyverno, dialect: "kyverno")
        check(testCase, runtime: .standard, expectation: testCase.standard, dialect: "standard")
    }

    func check(_ testCase: Case, runtime: JMESPath.Runtime, expectation: ComplianceCase.Expectation, dialect: String) {
        let outcome: Result<JSONValue, JMESPathError>
        do {
            outcome = .success(try JMESPath.search(testCase.expression, in: Self.document, runtime: runtime))
        } catch {
            outcome = .failure(error)
        }
        switch (expectation, outcome) {
        case (.result(let expected), .success(let actual)):
            #expect(actual == expected, "\(testCase.name) [\(dialect)]: gave \(actual), expected \(expected)")
        case (.result(let expected), .failure(let error)):
            Issue.record("\(testCase.name) [\(dialect)]: failed with \(error), expected \(expected)")
        case (.error(let kind), .success(let actual)):
            Issue.record("\(testCase.name) [\(dialect)]: gave \(actual), expected a \(kind) error")
        case (.error(let kind), .failure(let error)):
            #expect(
                error.kind.rawValue == kind, "\(testCase.name) [\(dialect)]: failed with \(error), expected \(kind)")
        case (.bench, _):
            break
        }
    }

    @Test("the not-found error names the key like Kyverno")
    func notFoundMessage() throws {
        let error = #expect(throws: JMESPathError.self) {
            try JMESPath.search("request.object.spec.missing", in: Self.document, runtime: Self.kyverno)
        }
        #expect(error?.key == "missing")
        #expect(error?.message == "unknown key \"missing\" in path")
        #expect(error?.kyvernoText == "Unknown key \"missing\" in path")
    }
}
