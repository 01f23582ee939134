import GuardrailCore
import RBAC
import Testing
@testable import Identity

/// The bindings section fed straight from the RBAC authorizer, as the CLI does.
@Suite struct RBACAdapterTests {
    static let objects: [JSONValue] = [
        ["kind": "ClusterRole", "metadata": ["name": "view"], "rules": []],
        ["kind": "ClusterRoleBinding", "metadata": ["name": "devs-view"],
         "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
         "subjects": [["kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"]]],
        ["kind": "RoleBinding", "metadata": ["name": "deployer", "namespace": "ci"],
         "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"],
         "subjects": [["kind": "ServiceAccount", "name": "builder"]]],
    ]

    @Test func aUserThroughAGroup() {
        let authorizer = RBACAuthorizer(RBACObjects(objects: Self.objects))
        let user = UserInfo(username: "alice", groups: ["devs", "system:authenticated"])
        let bindings = authorizer.bindings(matching: user).map(MatchedBinding.init)
        #expect(bindings == [MatchedBinding(kind: "ClusterRoleBinding", name: "devs-view", roleKind: "ClusterRole",
                                            roleName: "view", subjectKind: "Group", subjectName: "devs")])
    }

    @Test func aServiceAccountWithAMissingRole() {
        let authorizer = RBACAuthorizer(RBACObjects(objects: Self.objects))
        let user = UserInfo(username: "system:serviceaccount:ci:builder",
                            groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"])
        let bindings = authorizer.bindings(matching: user).map(MatchedBinding.init)
        let explanation = IdentityExplainer.explain(
            user, cluster: ClusterFacts(bindings: .found(bindings)), now: testNow)
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(text.contains("""
            Bindings     RoleBinding ci/deployer → ClusterRole edit (via ServiceAccount ci/builder) — grants \
            nothing: clusterrole.rbac.authorization.k8s.io "edit" not found
            """), "\n\(text)")
        #expect(ExplanationRenderer.lines(for: explanation).last { $0.label == "Bindings" }?.severity == .warning)
    }
}
