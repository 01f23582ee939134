import GuardrailCore
import Testing

@testable import RBAC

@Suite struct RBACEdgeCaseTests {
    func rule(_ verbs: [String], _ groups: [String], _ resources: [String], names: [String] = []) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    @Test func firstBindingByNameAndFirstApplicableSubjectAreReported() {
        var objects = RBACObjects()
        objects.clusterRoles = [ClusterRole(name: "view", rules: [rule(["get"], [""], ["pods"])])]
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "zeta", subjects: [Subject(kind: .user, name: "alice")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view")),
            ClusterRoleBinding(
                name: "alpha",
                subjects: [
                    Subject(kind: .group, name: "other"), Subject(kind: .group, name: "system:authenticated"),
                    Subject(kind: .user, name: "alice"),
                ], roleRef: RoleRef(kind: "ClusterRole", name: "view")),
        ]
        let authorizer = RBACAuthorizer(objects)
        let user = UserInfo(username: "alice", groups: ["system:authenticated"])
        let decision = authorizer.authorize(user, ResourceAttributes(verb: "get", resource: "pods", namespace: "x"))
        #expect(
            decision.reason
                == #"RBAC: allowed by ClusterRoleBinding "alpha" of ClusterRole "view" to Group "system:authenticated""#
        )
        #expect(authorizer.bindings(matching: user).map(\.binding.name) == ["alpha", "zeta"])
    }

    @Test func clusterRoleBindingsBeforeRoleBindings() {
        var objects = RBACObjects()
        objects.clusterRoles = [ClusterRole(name: "view", rules: [rule(["get"], [""], ["pods"])])]
        objects.roleBindings = [
            RoleBinding(
                name: "a-first-by-name", namespace: "x", subjects: [Subject(kind: .user, name: "u")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view"))
        ]
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "z", subjects: [Subject(kind: .user, name: "u")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view"))
        ]
        let decision = RBACAuthorizer(objects).authorize(
            UserInfo(username: "u"), ResourceAttributes(verb: "get", resource: "pods", namespace: "x"))
        #expect(decision.reason == #"RBAC: allowed by ClusterRoleBinding "z" of ClusterRole "view" to User "u""#)
    }

    @Test func nonResourceRequestsIgnoreRoleBindings() {
        var objects = RBACObjects()
        objects.clusterRoles = [ClusterRole(name: "urls", rules: [PolicyRule(verbs: ["get"], nonResourceURLs: ["*"])])]
        objects.roleBindings = [
            RoleBinding(
                name: "rb", namespace: "x", subjects: [Subject(kind: .user, name: "u")],
                roleRef: RoleRef(kind: "ClusterRole", name: "urls"))
        ]
        let authorizer = RBACAuthorizer(objects)
        #expect(
            !authorizer.authorize(UserInfo(username: "u"), NonResourceAttributes(path: "/version", verb: "get")).allowed
        )
    }

    @Test func aggregationChainsAndExpressionSelectors() {
        var objects = RBACObjects()
        objects.clusterRoles = [
            ClusterRole(name: "base", labels: ["tier": "1"], rules: [rule(["get"], [""], ["pods"])]),
            ClusterRole(
                name: "middle", labels: ["tier": "2"], rules: [],
                aggregationSelectors: [LabelSelector(matchLabels: ["tier": "1"])]),
            ClusterRole(
                name: "top", rules: [rule(["delete"], ["*"], ["*"])],
                aggregationSelectors: [
                    LabelSelector(matchExpressions: [.init(key: "tier", operator: .in, values: ["2"])])
                ]),
            ClusterRole(name: "nothing", rules: [], aggregationSelectors: []),
        ]
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "b", subjects: [Subject(kind: .user, name: "u")],
                roleRef: RoleRef(kind: "ClusterRole", name: "top"))
        ]
        let authorizer = RBACAuthorizer(objects)
        let user = UserInfo(username: "u")
        // top = rules of middle = rules of base; top's own `delete` rule is replaced, as the controller does.
        #expect(authorizer.authorize(user, ResourceAttributes(verb: "get", resource: "pods")).allowed)
        #expect(!authorizer.authorize(user, ResourceAttributes(verb: "delete", resource: "pods")).allowed)
        #expect(authorizer.bindings(matching: user).first?.rules == [rule(["get"], [""], ["pods"])])
    }

    @Test func emptyAggregationSelectorSelectsEveryOtherRole() {
        var objects = RBACObjects()
        objects.clusterRoles = [
            ClusterRole(name: "a", rules: [rule(["get"], [""], ["pods"])]),
            ClusterRole(name: "b", rules: [rule(["get"], [""], ["pods"]), rule(["list"], [""], ["nodes"])]),
            ClusterRole(name: "all", rules: [], aggregationSelectors: [LabelSelector()]),
        ]
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "b", subjects: [Subject(kind: .user, name: "u")],
                roleRef: RoleRef(kind: "ClusterRole", name: "all"))
        ]
        // Duplicates are dropped; order is selector, then role name.
        #expect(
            RBACAuthorizer(objects).bindings(matching: UserInfo(username: "u")).first?.rules == [
                rule(["get"], [""], ["pods"]), rule(["list"], [""], ["nodes"]),
            ])
    }

    @Test func serviceAccountSubjectsAcrossNamespaces() {
        var objects = RBACObjects()
        objects.clusterRoles = [ClusterRole(name: "view", rules: [rule(["get"], [""], ["pods"])])]
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "sa-everywhere", subjects: [Subject(kind: .serviceAccount, name: "bot", namespace: "ci")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view"))
        ]
        objects.roleBindings = [
            RoleBinding(
                name: "foreign-sa", namespace: "prod",
                subjects: [Subject(kind: .serviceAccount, name: "deployer", namespace: "ci")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view"))
        ]
        let authorizer = RBACAuthorizer(objects)
        let bot = RBACAuthorizer.serviceAccountUser(namespace: "ci", name: "bot")
        #expect(
            authorizer.authorize(bot, ResourceAttributes(verb: "get", resource: "pods", namespace: "any")).reason
                == #"RBAC: allowed by ClusterRoleBinding "sa-everywhere" of ClusterRole "view" to"#
                + #" ServiceAccount "bot/ci""#)
        let deployer = RBACAuthorizer.serviceAccountUser(namespace: "ci", name: "deployer")
        #expect(
            authorizer.authorize(deployer, ResourceAttributes(verb: "get", resource: "pods", namespace: "prod")).reason
                == #"RBAC: allowed by RoleBinding "foreign-sa/prod" of ClusterRole "view" to ServiceAccount"#
                + #" "deployer/ci""#)
        // A user merely named like a service account in another namespace is not it.
        let impostor = UserInfo(username: "system:serviceaccount:prod:deployer")
        #expect(
            !authorizer.authorize(impostor, ResourceAttributes(verb: "get", resource: "pods", namespace: "prod"))
                .allowed)
    }

    @Test func severalBrokenReferencesAreAggregated() {
        var objects = RBACObjects()
        objects.clusterRoleBindings = [
            ClusterRoleBinding(
                name: "a", subjects: [Subject(kind: .user, name: "u")], roleRef: RoleRef(kind: "ClusterRole", name: "x")
            ),
            ClusterRoleBinding(
                name: "b", subjects: [Subject(kind: .user, name: "u")], roleRef: RoleRef(kind: "ClusterRole", name: "x")
            ),
            ClusterRoleBinding(
                name: "c", subjects: [Subject(kind: .user, name: "u")], roleRef: RoleRef(kind: "Role", name: "y")),
        ]
        let decision = RBACAuthorizer(objects).authorize(
            UserInfo(username: "u"), ResourceAttributes(verb: "get", resource: "pods"))
        #expect(
            decision.reason
                == #"RBAC: [clusterrole.rbac.authorization.k8s.io "x" not found, role.rbac.authorization.k8s.io"#
                + #" "y" not found]"#)
        #expect(decision.resolutionErrors.count == 3)
    }

    @Test func customPrivilegedGroups() {
        let authorizer = RBACAuthorizer(RBACObjects(), privilegedGroups: [])
        let root = UserInfo(username: "admin", groups: ["system:masters"])
        #expect(!authorizer.authorize(root, ResourceAttributes(verb: "get", resource: "pods")).allowed)
        #expect(authorizer.privilegedGroup(of: root) == nil)
    }
}
