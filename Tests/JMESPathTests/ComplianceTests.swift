import GuardrailCore
import JMESPath
import Testing

/// The official JMESPath compliance suite (copied into Fixtures/compliance) in standard mode.
@Suite("JMESPath compliance suite")
struct ComplianceTests {
    @Test("the suite was found") func suiteIsPresent() {
        #expect(ComplianceCase.all.count > 800)
    }

    @Test("compliance case", arguments: ComplianceCase.all)
    func complianceCase(_ testCase: ComplianceCase) {
        let outcome: Result<JSONValue, JMESPathError>
        do {
            let expression = try JMESPath.Expression(parsing: testCase.expression)
            outcome = .success(try expression.evaluate(on: testCase.given, runtime: .standard))
        } catch {
            outcome = .failure(error)
        }
        switch (testCase.expectation, outcome) {
        case (.result(let expected), .success(let actual)):
            #expect(actual == expected, "\(testCase.name): \(testCase.expression) gave \(actual), expected \(expected)")
        case (.result(let expected), .failure(let error)):
            Issue.record("\(testCase.name): \(testCase.expression) failed with \(error), expected \(expected)")
        case (.error(let kind), .success(let actual)):
            Issue.record("\(testCase.name): \(testCase.expression) gave \(actual), expected a \(kind) error")
        case (.error(let kind), .failure(let error)):
            #expect(
                error.kind.rawValue == kind,
                "\(testCase.name): \(testCase.expression) failed with \(error), expected \(kind)")
        case (.bench, .success):
            break
        case (.bench, .failure(let error)):
            Issue.record("\(testCase.name): benchmark expression \(testCase.expression) failed with \(error)")
        }
    }
}
