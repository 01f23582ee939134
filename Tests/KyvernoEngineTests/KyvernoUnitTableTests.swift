import GuardrailCore
@testable import KyvernoEngine
import KyvernoJMESPath
import Testing

/// Kyverno's own unit-test tables for roles, subjects, kinds, wildcards, ConfigMap parsing and messages
/// (as recorded in the project's reference notes, kyverno-operator-tables.md §R, §S, §K, §M).
@Suite struct KyvernoUnitTableTests {
    // MARK: R — roles (pkg/userinfo/roleRef_test.go)

    static func rb(
        _ ns: String, _ name: String, _ subjects: [Subject], role: String, kind: String = "Role"
    ) -> KyvernoBinding {
        KyvernoBinding(
            kind: "RoleBinding", namespace: ns, name: name, roleKind: kind, roleName: role, subjects: subjects)
    }

    static func crb(_ name: String, _ subjects: [Subject], role: String) -> KyvernoBinding {
        KyvernoBinding(
            kind: "ClusterRoleBinding", name: name, roleKind: "ClusterRole", roleName: role, subjects: subjects)
    }

    static let rbA = rb("ns-1", "same-ns", [Subject(kind: "ServiceAccount", name: "sa")], role: "role-1")
    static let rbB = rb(
        "ns-1", "same-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "ns-1")], role: "role-1")
    static let rbC = rb(
        "ns-2", "different-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "ns-1")], role: "role-1")
    static let rbD = rb(
        "ns-2", "different-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "ns-1")],
        role: "role-1", kind: "ClusterRole")
    static let crb1 = crb("crb1", [Subject(kind: "ServiceAccount", name: "sa", namespace: "foo")], role: "role-1")
    static let crb2 = crb("crb2", [Subject(kind: "ServiceAccount", name: "sa", namespace: "bar")], role: "role-2")
    static let sa1 = UserInfo(username: "system:serviceaccount:ns-1:sa")
    static let saFoo = UserInfo(username: "system:serviceaccount:foo:sa")

    @Test(
        arguments: [
            ("R01", sa1, "", [rbB], [String](["ns-1:role-1"]), [String]()),
            ("R02", sa1, "", [rbA], ["ns-1:role-1"], []),
            ("R03", sa1, "", [rbC], ["ns-2:role-1"], []),
            ("R04", sa1, "ns-2", [rbD], [], ["role-1"]),
            ("R05", sa1, "default", [rbD], [], []),
            ("R06", sa1, "ns-2", [rbA, rbB, rbC, rbD], ["ns-1:role-1", "ns-2:role-1"], ["role-1"]),
            ("R07", saFoo, "anything", [crb1, crb2], [], ["role-1"]),
            (
                "R08", saFoo, "",
                [
                    rb("foo", "same-ns", [Subject(kind: "ServiceAccount", name: "sa")], role: "role-1"),
                    rb(
                        "foo", "same-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "foo")],
                        role: "role-1"),
                    rb(
                        "ns-2", "different-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "foo")],
                        role: "role-1"),
                    rb(
                        "ns-2", "different-ns", [Subject(kind: "ServiceAccount", name: "sa", namespace: "foo")],
                        role: "role-1",
                        kind: "ClusterRole"),
                    crb1, crb2,
                ], ["foo:role-1", "ns-2:role-1"], ["role-1"]
            ),
            (
                "R09", UserInfo(username: "chip", groups: ["mygroup", "system:authenticated"]), "qa",
                [
                    rb(
                        "qa", "chip-qa-rolebinding", [Subject(kind: "User", name: "chip")], role: "chip",
                        kind: "ClusterRole"),
                    rb("qa", "chip-qa-specialrb", [Subject(kind: "User", name: "chip")], role: "chip-special-role"),
                    crb(
                        "system:basic-user", [Subject(kind: "Group", name: "system:authenticated")],
                        role: "system:basic-user"),
                    crb(
                        "system:discovery", [Subject(kind: "Group", name: "system:authenticated")],
                        role: "system:discovery"),
                    crb(
                        "system:public-info-viewer", [Subject(kind: "Group", name: "system:authenticated")],
                        role: "system:public-info-viewer"),
                ], ["qa:chip-special-role"],
                ["chip", "system:basic-user", "system:discovery", "system:public-info-viewer"]
            ),
        ] as [(String, UserInfo, String, [KyvernoBinding], [String], [String])])
    func roles(
        id: String, user: UserInfo, namespace: String, bindings: [KyvernoBinding], roles: [String],
        clusterRoles: [String]
    ) {
        let computed = RoleBindingIndex(bindings).roles(for: user, requestNamespace: namespace)
        #expect(computed.roles == roles, "\(id)")
        #expect(computed.clusterRoles == clusterRoles, "\(id)")
    }

    @Test(
        arguments: [
            ([Subject](), "system:serviceaccount:foo:test", [String](), "", false),
            (
                [Subject(kind: "ServiceAccount", name: "test", namespace: "foo")], "system:serviceaccount:foo:test", [],
                "", true
            ),
            ([Subject(kind: "ServiceAccount", name: "test")], "system:serviceaccount:foo:test", [], "foo", true),
            (
                [Subject(kind: "ServiceAccount", name: "test", namespace: "foo")], "system:serviceaccount:bar:test", [],
                "", false
            ),
            ([Subject(kind: "ServiceAccount", name: "test")], "system:serviceaccount:bar:test", [], "foo", false),
            ([Subject(kind: "ServiceAccount", name: "test")], "system:serviceaccount::test", [], "", false),
            ([Subject(kind: "User", name: "someone@company.org")], "someone@company.org", [], "", true),
            ([Subject(kind: "User", name: "someone@company.org")], "someone-else@company.org", [], "", false),
            ([Subject(kind: "Group", name: "admin")], "x", ["user", "dev", "admin"], "", true),
            ([Subject(kind: "Group", name: "marketing")], "x", ["user", "dev", "admin"], "", false),
        ] as [([Subject], String, [String], String, Bool)])
    func matchBindingSubjects(
        subjects: [Subject], username: String, groups: [String], bindingNamespace: String,
        matches: Bool
    ) {
        // A RoleBinding to a Role counts in every namespace, so a match shows up in `roles`.
        let binding = KyvernoBinding(
            kind: bindingNamespace.isEmpty ? "ClusterRoleBinding" : "RoleBinding",
            namespace: bindingNamespace, name: "b", roleKind: bindingNamespace.isEmpty ? "ClusterRole" : "Role",
            roleName: "r", subjects: subjects)
        let computed = RoleBindingIndex([binding]).roles(
            for: UserInfo(username: username, groups: groups),
            requestNamespace: "")
        #expect(!computed.grants.isEmpty == matches)
    }

    // MARK: S — policy subjects (pkg/utils/match/subjects_test.go)

    @Test(
        arguments: [
            ([Subject](), "admin", [String](), false),
            (
                [Subject(kind: "ServiceAccount", name: "default", namespace: "kube-system")],
                "system:serviceaccount:kube-system:default", [], true
            ),
            (
                [Subject(kind: "ServiceAccount", name: "default", namespace: "kube-system")],
                "system:serviceaccount:default:default", [], false
            ),
            (
                [Subject(kind: "ServiceAccount", name: "admin", namespace: "kube-system")],
                "system:serviceaccount:kube-system:default", [], false
            ),
            (
                [Subject(kind: "ServiceAccount", name: "*", namespace: "kube-system")],
                "system:serviceaccount:kube-system:any-sa", [], true
            ),
            (
                [Subject(kind: "ServiceAccount", name: "kyverno", namespace: "kyverno*")],
                "system:serviceaccount:kyverno-system:kyverno", [], true
            ),
            ([Subject(kind: "User", name: "alice")], "alice", [], true),
            ([Subject(kind: "User", name: "alice")], "bob", [], false),
            ([Subject(kind: "User", name: "admin-*")], "admin-alice", [], true),
            ([Subject(kind: "User", name: "admin-*")], "user-alice", [], false),
            (
                [Subject(kind: "Group", name: "system:masters")], "admin", ["system:authenticated", "system:masters"],
                true
            ),
            ([Subject(kind: "Group", name: "system:masters")], "user", ["system:authenticated"], false),
            ([Subject(kind: "Group", name: "system:*")], "user", ["developers", "system:authenticated"], true),
            ([Subject(kind: "Group", name: "admin")], "user", [], false),
            ([Subject(kind: "User", name: "alice"), Subject(kind: "User", name: "bob")], "alice", [], true),
            ([Subject(kind: "User", name: "alice"), Subject(kind: "User", name: "bob")], "bob", [], true),
            ([Subject(kind: "User", name: "alice"), Subject(kind: "User", name: "bob")], "charlie", [], false),
            (
                [
                    Subject(kind: "ServiceAccount", name: "default", namespace: "kube-system"),
                    Subject(kind: "User", name: "alice"),
                    Subject(kind: "Group", name: "admins"),
                ], "alice", ["developers"], true
            ),
            (
                [
                    Subject(kind: "ServiceAccount", name: "default", namespace: "kube-system"),
                    Subject(kind: "User", name: "alice"),
                    Subject(kind: "Group", name: "admins"),
                ], "bob", ["admins", "developers"], true
            ),
            (
                [
                    Subject(kind: "ServiceAccount", name: "kyverno", namespace: "kyverno"),
                    Subject(kind: "User", name: "alice"),
                ],
                "system:serviceaccount:kyverno:kyverno", ["system:serviceaccounts"], true
            ),
            ([Subject(kind: "UnknownKind", name: "test")], "test", [], false),
            (
                [Subject(kind: "ServiceAccount", name: "default", namespace: "")], "system:serviceaccount::default", [],
                true
            ),
        ] as [([Subject], String, [String], Bool)])
    func checkSubjects(subjects: [Subject], username: String, groups: [String], matches: Bool) {
        #expect(
            (SubjectMatcher.firstMatch(subjects, user: UserInfo(username: username, groups: groups)) != nil) == matches)
    }

    // MARK: K1 — ParseKindSelector (pkg/utils/kube/kind_test.go)

    @Test(arguments: [
        ("*", "*", "*", "*", ""), ("*.*", "*", "*", "*", "*"), ("*/*", "*", "*", "*", "*"),
        ("Pod", "*", "*", "Pod", ""),
        ("v1/Pod", "*", "v1", "Pod", ""), ("v1beta10/Pod", "*", "v1beta10", "Pod", ""),
        ("storage.k8s.io/v1beta10/CSIDriver", "storage.k8s.io", "v1beta10", "CSIDriver", ""),
        ("v1alpha12/Pod/status", "*", "v1alpha12", "Pod", "status"), ("batch/*/CronJob", "batch", "*", "CronJob", ""),
        ("storage.k8s.io/v1/CSIDriver", "storage.k8s.io", "v1", "CSIDriver", ""),
        ("tekton.dev/v1beta1/TaskRun/status", "tekton.dev", "v1beta1", "TaskRun", "status"),
        ("v1/Pod.status", "*", "v1", "Pod", "status"), ("v1/Pod/status", "*", "v1", "Pod", "status"),
        ("Pod.status", "*", "*", "Pod", "status"), ("Pod/status", "*", "*", "Pod", "status"),
        ("apps/v1/Deployment/scale", "apps", "v1", "Deployment", "scale"),
        ("v1/ReplicationController/scale", "*", "v1", "ReplicationController", "scale"),
        ("*/ReplicationController/scale", "*", "*", "ReplicationController", "scale"),
        ("*/Deployment/scale", "*", "*", "Deployment", "scale"),
        ("*/Deployment.scale", "*", "*", "Deployment", "scale"),
        ("apps/v1/Deployment.scale", "apps", "v1", "Deployment", "scale"),
        ("v1.demo/v1/Demo", "v1.demo", "v1", "Demo", ""),
        ("*/scale", "*", "*", "*", "scale"), ("Pod/*", "*", "*", "Pod", "*"), ("*/*/*", "*", "*", "*", "*"),
        ("*/*/*/*", "*", "*", "*", "*"), ("*/*/*/*/*", "", "", "", ""),
    ])
    func parseKindSelector(text: String, group: String, version: String, kind: String, subresource: String) {
        #expect(
            KindSelector(parsing: text)
                == KindSelector(group: group, version: version, kind: kind, subresource: subresource))
    }

    // MARK: K2 — CheckKind

    static let pod = GroupVersionKind(version: "v1", kind: "Pod")
    static let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")

    @Test(
        arguments: [
            ("Pod", pod, "", true), ("Pod", pod, "exec", false), ("Pod", pod, "ephemeralcontainers", true),
            ("Pod/exec", pod, "exec", true), ("Pod/*", pod, "", true), ("*", deployment, "scale", false),
            ("*/*", deployment, "scale", true), ("Deployment/scale", deployment, "scale", true),
            ("apps/v1/Deployment", deployment, "", true), ("extensions/v1beta1/Deployment", deployment, "", false),
            (
                "acid.zalan.do/v1/postgresql",
                GroupVersionKind(group: "acid.zalan.do", version: "v1", kind: "postgresql"), "", true
            ),
        ] as [(String, GroupVersionKind, String, Bool)])
    func checkKind(entry: String, gvk: GroupVersionKind, subresource: String, matches: Bool) {
        #expect(KindSelector(parsing: entry).matches(gvk, subresource: subresource) == matches)
    }

    // MARK: K3 — wildcard (ext/wildcard/match_test.go)

    @Test(arguments: [
        ("*", "s3:GetObject", true), ("", "s3:GetObject", false), ("", "", true),
        ("s3:*", "s3:ListMultipartUploadParts", true), ("my-bucket/oo*", "my-bucket/oo", true),
        ("my-bucket/In*", "my-bucket/Karnataka/India/", false), ("my-bucket?/abc*", "mybucket/abc", false),
        ("my-bucket?/abc*", "my-bucket1/abc", true), ("my-?-bucket/abc*", "my--bucket/abc", false),
        ("my??bucket/abc*", "my4abucket/abc", true), ("my-bucket?abc*", "my-bucket/abc", true),
        ("my-bucket/abc????", "my-bucket/abcde", false), ("my-bucket/abc????", "my-bucket/abcdefg", true),
        ("?*", "", false), ("?*", "x", true), ("*?", "x", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false),
    ])
    func wildcard(pattern: String, text: String, matches: Bool) {
        #expect(Wildcard.match(pattern, text) == matches)
    }

    // MARK: K4 — ConfigMap parsing (pkg/config/types_test.go)

    @Test(arguments: [
        ("", [String](), [String]()), ("abc", ["abc"], []), (" abc ", ["abc"], []), ("abc,def", ["abc", "def"], []),
        ("abc,,,def,", ["abc", "def"], []), ("abc, def", ["abc", "def"], []), ("abc ,def ", ["abc", "def"], []),
        ("abc,!def", ["abc"], ["def"]), ("!def,abc", ["abc"], ["def"]), ("!,abc", ["abc"], []),
        ("  ! def ,abc", ["abc"], ["def"]),
    ])
    func parseExclusions(text: String, excluded: [String], included: [String]) {
        let parsed = KyvernoConfiguration.parseExclusions(text)
        #expect(parsed.excluded == excluded)
        #expect(parsed.included == included)
    }

    @Test(arguments: [
        ("", [[String]]()),
        ("[]", [["", "", "", "", "", ""]]),
        ("[*]", [["*", "*", "*", "", "", ""]]),
        ("[*/*]", [["*", "*", "*", "*", "", ""]]),
        ("[Pod/*]", [["*", "*", "Pod", "*", "", ""]]),
        ("[v1/Pod/*]", [["*", "v1", "Pod", "*", "", ""]]),
        ("[v1/Pod]", [["*", "v1", "Pod", "", "", ""]]),
        ("[Node]", [["*", "*", "Node", "", "", ""]]),
        ("[Node,*,*]", [["*", "*", "Node", "", "*", "*"]]),
        ("[Pod,default,nginx]", [["*", "*", "Pod", "", "default", "nginx"]]),
        ("[Pod,*,nginx]", [["*", "*", "Pod", "", "*", "nginx"]]),
        ("[Pod,*]", [["*", "*", "Pod", "", "*", ""]]),
        (
            "[Pod,default,nginx][Pod,kube-system,api-server]",
            [["*", "*", "Pod", "", "default", "nginx"], ["*", "*", "Pod", "", "kube-system", "api-server"]]
        ),
        (
            "[Pod,default,nginx],[Pod,kube-system,api-server]",
            [["*", "*", "Pod", "", "default", "nginx"], ["*", "*", "Pod", "", "kube-system", "api-server"]]
        ),
        (
            "[Pod,default,nginx] [Pod,kube-system,api-server]",
            [["*", "*", "Pod", "", "default", "nginx"], ["*", "*", "Pod", "", "kube-system", "api-server"]]
        ),
    ])
    func parseKinds(text: String, expected: [[String]]) {
        let parsed = KyvernoConfiguration.parseResourceFilters(text).map {
            [$0.kind.group, $0.kind.version, $0.kind.kind, $0.kind.subresource, $0.namespace, $0.name]
        }
        #expect(parsed == expected)
    }

    static let defaults = KyvernoConfiguration.helmChartDefaults()

    @Test(
        arguments: [
            (GroupVersionKind(version: "v1", kind: "ConfigMap"), "", "kube-system", "x", true),
            (GroupVersionKind(version: "v1", kind: "Namespace"), "", "kube-system", "kube-system", true),
            (GroupVersionKind(version: "v1", kind: "Pod"), "", "default", "web", false),
            (GroupVersionKind(version: "v1", kind: "Node"), "", "", "worker-1", true),
            (GroupVersionKind(version: "v1", kind: "Node"), "status", "", "worker-1", true),
            (GroupVersionKind(version: "v1", kind: "Event"), "", "default", "e", true),
            (GroupVersionKind(group: "apps", version: "v1", kind: "ReplicaSet"), "", "default", "web-7d9f", true),
            (GroupVersionKind(version: "v1", kind: "Pod"), "binding", "default", "web", true),
        ] as [(GroupVersionKind, String, String, String, Bool)])
    func chartDefaultResourceFilters(
        gvk: GroupVersionKind, subresource: String, namespace: String, name: String,
        filtered: Bool
    ) {
        #expect(
            (Self.defaults.filter(gvk, subresource: subresource, namespace: namespace, name: name) != nil) == filtered)
    }

    @Test func isExcluded() {
        #expect(
            Self.defaults.exclusion(
                username: "system:node:kind-worker", groups: ["system:nodes", "system:authenticated"],
                roles: [], clusterRoles: []) != nil)
        #expect(
            Self.defaults.exclusion(
                username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"],
                roles: [], clusterRoles: ["cluster-admin"]) == nil)
        var diagnostics: [Diagnostic] = []
        let config = KyvernoConfiguration(
            configMapData: ["excludeUsernames": "system:serviceaccount:*,!system:serviceaccount:ci:deployer"],
            diagnostics: &diagnostics)
        #expect(
            config.exclusion(username: "system:serviceaccount:kube-system:foo", groups: [], roles: [], clusterRoles: [])
                != nil)
        #expect(
            config.exclusion(username: "system:serviceaccount:ci:deployer", groups: [], roles: [], clusterRoles: [])
                == nil)
    }

    // MARK: M — block message (pkg/webhooks/utils/block_test.go)

    @Test func blockMessages() {
        #expect(
            BlockMessage.render(
                kind: "foo", namespace: "bar", name: "baz", failures: ["test": ["rule-fail": "message fail"]])
                == "\n\nresource foo/bar/baz was blocked due to the following policies \n\ntest:\n  rule-fail: message fail\n"
        )
        #expect(
            BlockMessage.render(
                kind: "foo", namespace: "bar", name: "baz", failures: ["test": ["rule-error": "message error"]])
                == "\n\nresource foo/bar/baz was blocked due to the following policies \n\ntest:\n  rule-error: message error\n"
        )
        #expect(
            BlockMessage.render(
                kind: "foo", namespace: "bar", name: "baz",
                failures: ["test": ["rule-fail": "message fail", "rule-error": "message error"]])
                == "\n\nresource foo/bar/baz was blocked due to the following policies \n\ntest:\n  rule-error: message error\n  rule-fail: message fail\n"
        )
    }

    @Test func websiteFoldingExample() {
        let message =
            "validation error: Sharing the host namespaces is disallowed. The fields spec.hostNetwork, "
            + "spec.hostIPC, and spec.hostPID must be unset or set to `false`. rule host-namespaces failed at path /spec/hostIPC/"
        let rendered = BlockMessage.render(
            kind: "Pod", namespace: "qa", name: "extrabadpod",
            failures: ["disallow-host-namespaces": ["host-namespaces": message]])
        #expect(
            rendered.hasSuffix(
                "disallow-host-namespaces:\n  host-namespaces: 'validation error: Sharing the host namespaces is disallowed. The\n"
                    + "    fields spec.hostNetwork, spec.hostIPC, and spec.hostPID must be unset or set to\n"
                    + "    `false`. rule host-namespaces failed at path /spec/hostIPC/'\n"))
    }

    @Test(arguments: [
        ("plain text", "plain text"), ("true", "\"true\""), ("123", "\"123\""), ("1.5", "\"1.5\""),
        ("null", "\"null\""),
        ("", "\"\""), ("a: b", "'a: b'"), ("x #y", "'x #y'"), ("#x", "'#x'"), ("- x", "'- x'"), (" lead", "' lead'"),
        ("it's", "it's"), ("'q' x", "'''q'' x'"), ("yes", "\"yes\""), ("on", "\"on\""),
        ("2024-01-02", "\"2024-01-02\""),
        ("1:30", "\"1:30\""), ("line1\nline2", "|-\n    line1\n    line2"), ("a\tb", "\"a\\tb\""),
    ])
    func scalarStyles(text: String, rendered: String) {
        let yaml = YAMLMessageEncoder.encode(["p": ["r": text]])
        #expect(yaml == "p:\n  r: \(rendered)\n")
    }

    @Test func keysSortNaturally() {
        let keys = ["rule10", "rule2", "rule-b", "a", "rule1"]
        #expect(keys.sorted(by: YAMLMessageEncoder.keyLess) == ["a", "rule-b", "rule1", "rule2", "rule10"])
    }
}
