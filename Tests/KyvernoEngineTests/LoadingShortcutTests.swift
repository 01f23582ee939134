import GuardrailCore
import Testing

@testable import KyvernoEngine
import KyvernoJMESPath

/// The shortcuts that make loading and evaluating cheap must answer exactly like the general code they skip:
/// member lookups, bare kind selectors, literal kind comparison and the evaluation order of policies.
@Suite struct LoadingShortcutTests {
    // MARK: Member lookup

    /// Small objects are scanned with a length check, large ones (past JSONObject's index threshold) use the
    /// index; both must agree with the subscript, including keys of equal length, absent keys and member
    /// keys that are canonically equivalent to the key without being the same bytes (KELVIN SIGN is `K`).
    @Test(arguments: [3, 16, 17, 40])
    func memberAgreesWithSubscript(size: Int) {
        var object = JSONObject()
        for i in 0..<size { object["key\(i)"] = .int(Int64(i)) }
        object["\u{212A}ind"] = "kelvin"
        object["caf\u{e9}"] = "precomposed"
        let value = JSONValue.object(object)
        #expect(value["Kind"] == "kelvin")
        for key in (0..<size + 2).map({ "key\($0)" }) + ["Kind", "cafe", "", "kez0", "KEY1", "k", "xey0"] {
            #expect(value.member(key) == value[key], "key \(key)")
        }
        #expect(JSONValue.array([value]).member("key0") == nil)
        #expect(JSONValue.string("key0").member("key0") == nil)
    }

    // MARK: Kind selectors

    /// Bare kinds (no `/`, no `.`) take a fast path; it must give what the general parse gives.
    @Test(arguments: ["Pod", "", "ConfigMap", "Pödchen", "*", "Po*", "P?d", "x-y_z"])
    func bareKindParsesAsGroupAndVersionWildcards(text: String) {
        #expect(KindSelector(parsing: text) == KindSelector(group: "*", version: "*", kind: text, subresource: ""))
    }

    /// A kind pattern equal to the kind byte for byte matches without globbing; anything else is still
    /// globbed, and canonically equivalent but different bytes do not count as equal (Kyverno compares bytes).
    @Test(
        arguments: [
            ("Pod", "Pod", true), ("Po*", "Pod", true), ("Po*", "Po*", true), ("P?d", "P?d", true),
            ("P?d", "Pxd", true), ("Pod", "Pods", false), ("Pods", "Pod", false), ("Pod", "pod", false),
            ("Deployment", "DaemonSet", false), ("Caf\u{e9}", "Cafe\u{301}", false), ("Caf\u{e9}", "Caf\u{e9}", true),
        ] as [(String, String, Bool)])
    func literalKindsCompareBytes(pattern: String, kind: String, matches: Bool) {
        let gvk = GroupVersionKind(version: "v1", kind: kind)
        #expect(KindSelector(parsing: pattern).matches(gvk, subresource: "") == matches)
        #expect(Wildcard.match(pattern, kind) == matches)
    }

    /// The rule-level kind check: one filter of `any` (or the legacy filter) must name the kind, every filter
    /// of `all` must; a filter without kinds matches any kind.
    @Test(
        arguments: [
            (MatchResources(any: [filter(["Deployment"]), filter(["Pod"])]), "Pod", true),
            (MatchResources(any: [filter(["Deployment"]), filter(["Pod"])]), "Service", false),
            (MatchResources(any: [filter(["Deployment"]), filter([])]), "Service", true),
            (MatchResources(all: [filter(["Pod"]), filter(["Pod", "Deployment"])]), "Pod", true),
            (MatchResources(all: [filter(["Pod"]), filter(["Pod", "Deployment"])]), "Deployment", false),
            (MatchResources(legacy: filter(["v1/Pod"])), "Pod", true),
            (MatchResources(legacy: filter(["v1/Pod"])), "Deployment", false),
            (MatchResources(any: [filter(["Deployment"])], all: [filter(["Pod"])]), "Pod", false),
        ] as [(MatchResources, String, Bool)])
    func ruleKindCheck(match: MatchResources, kind: String, mayMatch: Bool) {
        let rule = PolicyRule(name: "r", match: match)
        #expect(rule.mayMatchKind(GroupVersionKind(version: "v1", kind: kind), subresource: "") == mayMatch)
    }

    static func filter(_ kinds: [String]) -> ResourceFilter {
        ResourceFilter(resources: ResourceDescription(kinds: kinds))
    }

    // MARK: Evaluation order

    static func policy(_ kind: PolicyReference.Kind, _ namespace: String, _ name: String, rule: String = "r")
        -> KyvernoPolicy
    {
        KyvernoPolicy(
            reference: PolicyReference(kind: kind, namespace: namespace, name: name),
            rules: [PolicyRule(name: rule, match: MatchResources())])
    }

    /// Sorted by name, then namespace; equal keys keep their input order (the sort is stable), and input
    /// that is already in order is returned as it is.
    @Test func policiesAreOrderedByNameThenNamespaceStably() {
        let input = [
            Self.policy(.clusterPolicy, "", "c"), Self.policy(.policy, "ns2", "a"),
            Self.policy(.policy, "ns1", "a", rule: "first"), Self.policy(.clusterPolicy, "", "b"),
            Self.policy(.policy, "ns1", "a", rule: "second"),
        ]
        let ordered = ClusterState(policies: input).policies
        #expect(ordered.map(\.reference.description) == [
            "Policy/ns1/a", "Policy/ns1/a", "Policy/ns2/a", "ClusterPolicy/b", "ClusterPolicy/c",
        ])
        #expect(ordered.prefix(2).map { $0.rules[0].name } == ["first", "second"])
        let again = ClusterState(policies: ordered).policies
        #expect(again.map(\.reference.description) == ordered.map(\.reference.description))
        #expect(again.prefix(2).map { $0.rules[0].name } == ["first", "second"])
    }

    // MARK: Roles

    /// A binding that names the caller through several subjects grants once, through the first subject in
    /// binding order (user, then groups).
    @Test func bindingReachedThroughSeveralSubjectsGrantsOnce() {
        let bindings = [
            KyvernoBinding(
                kind: "ClusterRoleBinding", name: "both", roleKind: "ClusterRole", roleName: "admin",
                subjects: [Subject(kind: "Group", name: "devs"), Subject(kind: "User", name: "alice")]),
            KyvernoBinding(
                kind: "RoleBinding", namespace: "shop", name: "team", roleKind: "Role", roleName: "editor",
                subjects: [Subject(kind: "Group", name: "devs"), Subject(kind: "Group", name: "ops")]),
        ]
        let roles = RoleBindingIndex(bindings).roles(
            for: UserInfo(username: "alice", groups: ["ops", "devs"]), requestNamespace: "shop")
        #expect(roles.clusterRoles == ["admin"])
        #expect(roles.roles == ["shop:editor"])
        #expect(roles.grants.map(\.binding) == ["ClusterRoleBinding 'both'", "RoleBinding 'shop/team'"])
        #expect(roles.grants.map(\.subject.description) == ["User alice", "Group ops"])
    }
}
