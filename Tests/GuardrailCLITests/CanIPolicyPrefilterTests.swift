import GuardrailCore
import Testing

@testable import GuardrailCLI

@Suite("can-i policy prefilter")
struct CanIPolicyPrefilterTests {
    static func policy(_ kinds: [JSONValue], style: String = "any") -> JSONValue {
        let resources: JSONValue = ["resources": ["kinds": .array(kinds)]]
        let match: JSONValue = style == "any" ? ["any": [resources]] : resources
        return ["kind": "ClusterPolicy", "spec": ["rules": [["name": "r", "match": match]]]]
    }

    @Test(arguments: [
        (["Pod"] as [JSONValue], "Pod", true), (["Pod"], "ConfigMap", false), (["v1/Pod"], "Pod", true),
        (["apps/v1/Deployment"], "Deployment", true), (["Pod/exec"], "Pod", true), (["*"], "Secret", true),
        (["Config*"], "ConfigMap", true), (["Pod"], "Deployment", true), (["Pod"], "CronJob", true),
        (["Service", "Ingress"], "Pod", false), (["pod"], "Pod", true),
    ])
    func keepsEverythingThatMightMatch(kinds: [JSONValue], kind: String, kept: Bool) {
        #expect(PolicyPrefilter.mayApply(Self.policy(kinds), toKind: kind) == kept)
        #expect(PolicyPrefilter.mayApply(Self.policy(kinds, style: "legacy"), toKind: kind) == kept)
    }

    @Test func policiesWithoutKindsOrRulesAreKept() {
        #expect(
            PolicyPrefilter.mayApply(
                ["spec": ["rules": [["name": "r", "match": ["any": [["subjects": []]]]]]]], toKind: "Pod"))
        #expect(PolicyPrefilter.mayApply(["spec": [:]], toKind: "Pod"))
        #expect(PolicyPrefilter.mayApply(["spec": ["rules": [["name": "r"]]]], toKind: "Pod"))
    }
}
