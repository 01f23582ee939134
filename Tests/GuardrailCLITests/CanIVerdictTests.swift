import Foundation
import GuardrailCore
import Testing

@testable import GuardrailCLI

/// Verdict folding, exit codes, and the text/JSON renderers (golden files under Fixtures/cani/golden;
/// re-record with RECORD_SNAPSHOTS=1).
@Suite("can-i verdict and rendering")
struct CanIVerdictTests {
    static let request = AccessRequest(
        verb: "create", group: "apps", version: "v1", resource: "deployments", subresource: "", name: "",
        namespace: "testnamespace", kind: "Deployment", namespaced: true, nonResourceURL: nil,
        admission: .admitted(.create))
    static let user = UserInfo(
        username: "cell-infra-jane.doe-example.com", groups: ["cell-infra-admins", "system:authenticated"])
    static let allowed = RBACAnswer(
        allowed: true,
        reason:
            "RBAC: allowed by ClusterRoleBinding \"cell-infra-admins\" of ClusterRole \"cluster-admin\" to Group \"cell-infra-admins\"",
        source: .offline)

    static func finding(_ effect: GuardrailFinding.Effect, policy: String = "p", action: String = "Enforce")
        -> GuardrailFinding
    {
        GuardrailFinding(policyKind: "ClusterPolicy", policy: policy, rule: "r", action: action, effect: effect)
    }

    static func verdict(rbac: RBACAnswer = allowed, findings: [GuardrailFinding], limitations: [Limitation] = [])
        -> CanIVerdict
    {
        CanIVerdict(
            request: request, user: user, rbac: rbac,
            guardrails: .evaluated(findings, policiesConsidered: 3), limitations: limitations)
    }

    @Test(arguments: [
        ([GuardrailFinding](), CanIVerdict.Answer.yes, GuardrailExitCode.success),
        ([finding(.passes), finding(.audits, action: "Audit")], .yes, .success),
        ([finding(.exempted), finding(.excluded)], .yes, .success),
        ([finding(.mightBlock)], .yesUnless, .dependsOnObject),
        ([finding(.mightBlock), finding(.blocks)], .no, .denied),
        ([finding(.errorBlocks)], .no, .denied),
        ([finding(.errorIgnored)], .yes, .success),
    ])
    func findingsFoldIntoOneVerdict(findings: [GuardrailFinding], answer: CanIVerdict.Answer, code: GuardrailExitCode) {
        let verdict = Self.verdict(findings: findings)
        #expect(verdict.answer == answer)
        #expect(verdict.exitCode == code)
    }

    @Test func rbacNoIsNoWhateverTheGuardrailsSay() {
        let verdict = Self.verdict(
            rbac: RBACAnswer(allowed: false, source: .selfSubjectAccessReview), findings: [Self.finding(.passes)])
        #expect(verdict.answer == .no && verdict.exitCode == .denied)
    }

    @Test func unreadableGuardrailsAreNeverAYes() {
        var verdict = Self.verdict(
            findings: [],
            limitations: [
                Limitation(
                    problem: "could not list clusterpolicies.kyverno.io: forbidden", impact: "no guardrail was checked",
                    guardrailsUnknown: true)
            ])
        #expect(verdict.answer == .unknown && verdict.exitCode == .failure)
        verdict.guardrails = .unavailable("could not read the policies")
        verdict.limitations = []
        #expect(verdict.answer == .unknown)
        // …but an RBAC no or a definite block stays a definite no: "no" and "error" never share a code.
        verdict.rbac.allowed = false
        #expect(verdict.exitCode == .denied)
    }

    @Test func bindingsLimitationsKeepTheVerdictButAreShown() {
        let verdict = Self.verdict(
            findings: [],
            limitations: [
                Limitation(
                    problem: "could not list clusterrolebindings: forbidden",
                    impact: "rules that match on clusterRoles may be misjudged")
            ])
        #expect(verdict.answer == .yes)
        #expect(
            CanITextRenderer().render(verdict).contains(
                "  - could not list clusterrolebindings: forbidden: rules that match on clusterRoles may be misjudged\n"
            ))
    }

    static func blockedExample() -> CanIVerdict {
        var blocks = GuardrailFinding(
            policyKind: "ClusterPolicy", policy: "block-cluster-admin-from-ns", rule: "block-cluster-admin-writes",
            action: "Enforce", effect: .blocks,
            message:
                "cell-infra-jane.doe-example.com holds cluster-admin and may not CREATE Deployment objects in testnamespace"
        )
        blocks.reasons = [
            "match.any[0].clusterRoles: ClusterRole \"cluster-admin\" through ClusterRoleBinding \"cell-infra-admins\"",
            "match.any[0].resources.namespaces: \"testnamespace\" matches \"testnamespace\"",
        ]
        var might = GuardrailFinding(
            policyKind: "ClusterPolicy", policy: "require-team-label", rule: "check-team-label", action: "Enforce",
            effect: .mightBlock)
        might.dependsOn = ["request.object.metadata.labels.team"]
        var exempt = GuardrailFinding(
            policyKind: "Policy", policy: "quota", policyNamespace: "testnamespace", rule: "limits",
            action: "Enforce", effect: .exempted)
        exempt.exceptions = ["kyverno/break-glass"]
        var verdict = verdict(findings: [might, exempt, blocks])
        verdict.notes = [Diagnostic(.warning, "example warning")]
        return verdict
    }

    @Test func textOutputGolden() throws {
        try Golden.check(CanITextRenderer().render(Self.blockedExample()), "blocked.txt")
        var unless = Self.blockedExample()
        unless.guardrails = .evaluated(unless.findings.filter { $0.effect != .blocks }, policiesConsidered: 3)
        try Golden.check(CanITextRenderer().render(unless), "yes-unless.txt")
        var read = Self.verdict(findings: [])
        read.request.verb = "get"
        read.request.admission = .notAdmitted(
            "get is a read: reads are never sent to admission control, so guardrails cannot block it; only RBAC applies"
        )
        read.guardrails = .notApplicable(
            "get is a read: reads are never sent to admission control, so guardrails cannot block it; only RBAC applies"
        )
        try Golden.check(CanITextRenderer().render(read), "read.txt")
    }

    @Test func jsonOutputGolden() throws {
        let json =
            JSONWriter(options: .init(indent: "  ")).string(from: CanIDocument.make(Self.blockedExample())) + "\n"
        try Golden.check(json, "blocked.json")
        let document = CanIDocument.make(Self.blockedExample())
        #expect(document["verdict"] == "no" && document["exitCode"] == 1 && document["allowed"] == false)
        #expect(document["guardrails"]?["rules"]?[0]?["effect"] == "blocks")
    }
}

/// Compares output with a golden file; `RECORD_SNAPSHOTS=1` rewrites it.
enum Golden {
    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        let path = CanIFixtures.directory + "/golden/" + name
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(
                atPath: CanIFixtures.directory + "/golden", withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            actual == expected, "golden \(name) differs; re-record with RECORD_SNAPSHOTS=1",
            sourceLocation: sourceLocation)
    }
}

/// The verdict line names at most three rules and counts the rest; every rule still gets its block.
@Suite("can-i verdict line with many rules")
struct CanIVerdictLineTests {
    static func findings(_ count: Int, _ effect: GuardrailFinding.Effect) -> [GuardrailFinding] {
        (0..<count).map { CanIVerdictTests.finding(effect, policy: "p\($0)") }
    }

    @Test(arguments: [
        (1, "yes, unless the object is rejected by ClusterPolicy \"p0\" rule \"r\" (pass the object with -f to know)"),
        (3, "yes, unless the object is rejected by ClusterPolicy \"p0\" rule \"r\", ClusterPolicy \"p1\" rule \"r\", ClusterPolicy \"p2\" rule \"r\" (pass the object with -f to know)"),
        (4, "yes, unless the object is rejected by ClusterPolicy \"p0\" rule \"r\", ClusterPolicy \"p1\" rule \"r\", ClusterPolicy \"p2\" rule \"r\" and 1 more rule (pass the object with -f to know)"),
        (250, "yes, unless the object is rejected by ClusterPolicy \"p0\" rule \"r\", ClusterPolicy \"p1\" rule \"r\", ClusterPolicy \"p2\" rule \"r\" and 247 more rules (pass the object with -f to know)"),
    ])
    func objectDependentRules(count: Int, line: String) {
        let verdict = CanIVerdictTests.verdict(findings: Self.findings(count, .mightBlock))
        let text = CanITextRenderer().render(verdict)
        #expect(text.split(separator: "\n").first.map(String.init) == line)
        #expect(text.components(separatedBy: "  MAY BLOCK  ").count - 1 == count)
    }

    @Test func blockingRulesAreNamedFirstAndCounted() {
        let verdict = CanIVerdictTests.verdict(findings: Self.findings(2, .errorBlocks) + Self.findings(5, .blocks))
        #expect(
            CanITextRenderer().verdictLine(verdict)
                == "no — blocked by ClusterPolicy \"p0\" rule \"r\", ClusterPolicy \"p1\" rule \"r\", "
                + "ClusterPolicy \"p2\" rule \"r\" and 4 more rules")
    }
}
