// rbac-bench: authorizes requests against 10,000 RoleBindings and 2,000 ClusterRoleBindings (with an
// aggregated ClusterRole) and prints the time per decision.
//
//   swift run -c release rbac-bench
import GuardrailCore
import RBAC

var objects = RBACObjects()
for i in 0..<200 {
    objects.clusterRoles.append(
        ClusterRole(
            name: "role-\(i)", labels: ["aggregate": i % 10 == 0 ? "true" : "false"],
            rules: [
                PolicyRule(verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["pods", "deployments/r\(i)"])
            ]))
}
objects.clusterRoles.append(
    ClusterRole(
        name: "aggregated", rules: [], aggregationSelectors: [LabelSelector(matchLabels: ["aggregate": "true"])]))
for i in 0..<10_000 {
    objects.roleBindings.append(
        RoleBinding(
            name: "rb-\(i)", namespace: "ns-\(i % 500)",
            subjects: [Subject(kind: .user, name: "user-\(i)"), Subject(kind: .group, name: "team-\(i % 50)")],
            roleRef: RoleRef(kind: "ClusterRole", name: "role-\(i % 200)")))
}
for i in 0..<2_000 {
    objects.clusterRoleBindings.append(
        ClusterRoleBinding(
            name: "crb-\(i)", subjects: [Subject(kind: .group, name: "org-\(i % 100)")],
            roleRef: RoleRef(kind: "ClusterRole", name: i == 1999 ? "aggregated" : "role-\(i % 200)")))
}

let clock = ContinuousClock()
var authorizer: RBACAuthorizer?
let build = clock.measure { authorizer = RBACAuthorizer(objects) }
print("build index for 12,000 bindings: \(build)")
let user = UserInfo(username: "user-4242", groups: ["team-7", "org-99", "system:authenticated"])
let requests: [ResourceAttributes] = [
    ResourceAttributes(verb: "get", resource: "pods", namespace: "ns-242"),  // allowed via RoleBinding
    ResourceAttributes(verb: "delete", resource: "pods", namespace: "ns-242"),  // denied after all candidates
    ResourceAttributes(verb: "list", group: "apps", resource: "deployments", subresource: "r190", namespace: "x"),
]
let iterations = 10_000
for request in requests {
    var allowed = false
    let elapsed = clock.measure {
        for _ in 0..<iterations { allowed = authorizer!.authorize(user, request).allowed }
    }
    print(
        "\(request.verb) \(request.resource)/\(request.subresource) in \(request.namespace): allowed=\(allowed), "
            + "\(elapsed / iterations) per decision")
}
