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
        let outcome = testCase.evaluate(runtime: .standard)
        testCase.check(outcome, against: testCase.expectation, benchmarksMustEvaluate: true)
    }
}
