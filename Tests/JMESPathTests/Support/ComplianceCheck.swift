import GuardrailCore
import JMESPath
import Testing

extension ComplianceCase {
    /// Parses and evaluates the case's expression on its document.
    func evaluate(runtime: JMESPath.Runtime) -> Result<JSONValue, JMESPathError> {
        do {
            let parsed = try JMESPath.Expression(parsing: expression)
            return .success(try parsed.evaluate(on: given, runtime: runtime))
        } catch {
            return .failure(error)
        }
    }

    /// Records an issue unless `outcome` meets `expectation`: the same result, or an error of the expected
    /// kind. Benchmark cases have no expected answer; with `benchmarksMustEvaluate` they must not fail.
    func check(
        _ outcome: Result<JSONValue, JMESPathError>, against expectation: Expectation, benchmarksMustEvaluate: Bool
    ) {
        switch (expectation, outcome) {
        case (.result(let expected), .success(let actual)):
            #expect(actual == expected, "\(name): \(expression) gave \(actual), expected \(expected)")
        case (.result(let expected), .failure(let error)):
            Issue.record("\(name): \(expression) failed with \(error), expected \(expected)")
        case (.error(let kind), .success(let actual)):
            Issue.record("\(name): \(expression) gave \(actual), expected a \(kind) error")
        case (.error(let kind), .failure(let error)):
            #expect(error.kind.rawValue == kind, "\(name): \(expression) failed with \(error), expected \(kind)")
        case (.bench, .success):
            break
        case (.bench, .failure(let error)):
            if benchmarksMustEvaluate {
                Issue.record("\(name): benchmark expression \(expression) failed with \(error)")
            }
        }
    }
}
