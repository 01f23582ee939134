import GuardrailCore
import JMESPath
import KyvernoJMESPath
import Testing

/// The compliance suite again, in Kyverno's dialect: every case must give the standard answer except
/// the ones listed in ``KyvernoDialect/complianceDifferences``, which must give Kyverno's answer.
@Suite("JMESPath compliance suite in Kyverno's dialect")
struct KyvernoComplianceTests {
    static let runtime = KyvernoJMESPath.runtime(clock: .init(unixSeconds: 1_700_000_000))

    @Test("compliance case (Kyverno dialect)", arguments: ComplianceCase.all)
    func complianceCase(_ testCase: ComplianceCase) {
        let outcome = testCase.evaluate(runtime: Self.runtime)
        var expectation = testCase.expectation
        if let difference = KyvernoDialect.complianceDifferences[testCase.name] {
            #expect(
                difference.expression == testCase.expression, "\(testCase.name): the table names another expression")
            expectation = difference.kyverno
        }
        testCase.check(outcome, against: expectation, benchmarksMustEvaluate: false)
    }
}

/// Where Kyverno's dialect answers differently from standard JMESPath.
enum KyvernoDialect {
    struct Difference: Sendable {
        var expression: String
        var kyverno: ComplianceCase.Expectation
        var why: String
    }

    /// Compliance cases (by name) whose answer differs in Kyverno's go-jmespath fork.
    static let complianceDifferences: [String: Difference] = [
        "basic#0.5": Difference(
            expression: "foo.bar.bad", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "basic#0.6": Difference(
            expression: "foo.bad", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "basic#0.7": Difference(
            expression: "bad", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "basic#0.8": Difference(
            expression: "bad.morebad.morebad", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "functions#0.108": Difference(
            expression: "sum(array)", kyverno: .error("evaluation"),
            why: "Kyverno's sum adds with add(): mixed operands are an invalid operand, not invalid-type"),
        "functions#0.110": Difference(
            expression: "sum(`[]`)", kyverno: .error("evaluation"),
            why: "Kyverno's sum refuses an empty array: at least one element in the array is required"),
        "indices#1.5": Difference(
            expression: "foo[3].bar", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "multiselect#0.10": Difference(
            expression: "foo.badkey.{nokey: nokey, alsonokey: alsonokey}", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#0.0": Difference(
            expression: "foo.bar", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#0.1": Difference(
            expression: "foo", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#10.14": Difference(
            expression: "a.{foo: bar}", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#10.15": Difference(
            expression: "a.{foo: bar, baz: bam}", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#11.5": Difference(
            expression: "foo.[a || b]", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#14.0": Difference(
            expression: "foo", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#14.1": Difference(
            expression: "\"foo\"", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#14.2": Difference(
            expression: "\"\\\\\"", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#9.0": Difference(
            expression: "foo[0]", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#9.12": Difference(
            expression: "foo.[abc]", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#9.13": Difference(
            expression: "foo.[abc, def]", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
        "syntax#9.3": Difference(
            expression: "foo.[*]", kyverno: .error("not-found"),
            why: "a key missing from an object is NotFoundError along a plain field/index chain"),
    ]
}
