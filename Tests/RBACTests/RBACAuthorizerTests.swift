import GuardrailCore
import GuardrailYAML
import Testing
import TestSupport

@testable import RBAC

private func fixtureAuthorizer() throws -> (RBACAuthorizer, RBACObjects) {
    let directory = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast()
        .joined(separator: "/")
    let path = directory + "/Fixtures/rbac.yaml"
    let text = try readFile(path)
    let documents = try YAML.loadAll(text, file: path)
    var objects = RBACObjects()
    for document in documents {
        objects.add(document.value, location: SourceLocation(file: path, line: document.startLine))
    }
    return (RBACAuthorizer(objects), objects)
}

private func readFile(_ path: String) throws -> String {
    guard let text = TextFile.read(path) else { throw FixtureError(path: path) }
    return text
}

private struct FixtureError: Error { var path: String }

struct RBACCase: Sendable, CustomTestStringConvertible {
    var label: String
    var user: UserInfo
    var request: AuthorizationRequest
    var allowed: Bool
    var reason: String
    var testDescription: String { label }
}

let alice = UserInfo(username: "alice", groups: ["devs", "system:authenticated"])
let mona = UserInfo(username: "mona", groups: ["monitoring", "system:authenticated"])
let ops = UserInfo(username: "ops", groups: ["system:authenticated"])
let ci = RBACAuthorizer.serviceAccountUser(namespace: "dev", name: "ci")
let builder = RBACAuthorizer.serviceAccountUser(namespace: "tools", name: "builder")
let root = UserInfo(username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"])
let nobody = UserInfo(username: "nobody", groups: ["system:authenticated"])

func res(
    _ verb: String, _ resource: String, group: String = "", sub: String = "", ns: String = "", name: String = ""
) -> AuthorizationRequest {
    .resource(
        ResourceAttributes(verb: verb, group: group, resource: resource, subresource: sub, namespace: ns, name: name))
}

func url(_ verb: String, _ path: String) -> AuthorizationRequest {
    .nonResource(NonResourceAttributes(path: path, verb: verb))
}

let monitoringTeam = #"RBAC: allowed by ClusterRoleBinding "monitoring-team" of ClusterRole "monitoring" to "#
    + #"Group "monitoring""#

let rbacCases: [RBACCase] = [
    RBACCase(
        label: "aggregated ClusterRole via group", user: mona, request: res("list", "pods", ns: "kube-system"),
        allowed: true,
        reason: monitoringTeam),
    RBACCase(
        label: "aggregated subresource pods/log", user: mona, request: res("get", "pods", sub: "log", ns: "a"),
        allowed: true,
        reason: monitoringTeam),
    RBACCase(
        label: "pods rule does not grant pods/exec", user: mona, request: res("get", "pods", sub: "exec", ns: "a"),
        allowed: false, reason: ""),
    RBACCase(
        label: "aggregated nonResourceURL exact", user: mona, request: url("get", "/metrics"), allowed: true,
        reason: monitoringTeam),
    RBACCase(
        label: "nonResourceURL prefix wildcard", user: mona, request: url("get", "/healthz/etcd"), allowed: true,
        reason: monitoringTeam),
    RBACCase(
        label: "nonResourceURL wrong verb", user: mona, request: url("post", "/metrics"), allowed: false, reason: ""),
    RBACCase(
        label: "nonResourceURL prefix needs the slash", user: mona, request: url("get", "/healthz"), allowed: false,
        reason: ""),
    RBACCase(
        label: "wildcards grant everything to a user", user: ops,
        request: res("delete", "deployments", group: "apps", ns: "prod", name: "web"), allowed: true,
        reason: #"RBAC: allowed by ClusterRoleBinding "ops-admin" of ClusterRole "everything" to User "ops""#),
    RBACCase(
        label: "resource * covers subresources", user: ops, request: res("create", "pods", sub: "exec", ns: "x"),
        allowed: true,
        reason: #"RBAC: allowed by ClusterRoleBinding "ops-admin" of ClusterRole "everything" to User "ops""#),
    RBACCase(
        label: "nonResourceURL *", user: ops, request: url("get", "/anything"), allowed: true,
        reason: #"RBAC: allowed by ClusterRoleBinding "ops-admin" of ClusterRole "everything" to User "ops""#),
    RBACCase(
        label: "resourceNames match", user: alice, request: res("get", "configmaps", ns: "dev", name: "app-config"),
        allowed: true,
        reason: #"RBAC: allowed by RoleBinding "devs-config/dev" of Role "config-editor" to Group "devs""#),
    RBACCase(
        label: "resourceNames other name denied, broken binding reported", user: alice,
        request: res("get", "configmaps", ns: "dev", name: "other"), allowed: false,
        reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#),
    RBACCase(
        label: "resourceNames never grant list", user: alice, request: res("list", "configmaps", ns: "dev"),
        allowed: false, reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#),
    RBACCase(
        label: "verb * in a Role", user: alice, request: res("deletecollection", "secrets", ns: "dev"), allowed: true,
        reason: #"RBAC: allowed by RoleBinding "devs-config/dev" of Role "config-editor" to Group "devs""#),
    RBACCase(
        label: "Role only in its namespace", user: alice, request: res("get", "secrets", ns: "prod"), allowed: false,
        reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#),
    RBACCase(
        label: "core group rule does not match apps", user: alice,
        request: res("get", "secrets", group: "apps", ns: "dev"), allowed: false,
        reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#),
    RBACCase(
        label: "*/scale via RoleBinding to ClusterRole, SA without namespace", user: ci,
        request: res("update", "deployments", group: "apps", sub: "scale", ns: "dev", name: "web"), allowed: true,
        reason: #"RBAC: allowed by RoleBinding "ci-scaler/dev" of ClusterRole "scaler" to ServiceAccount "ci/dev""#),
    RBACCase(
        label: "*/scale does not grant the parent resource", user: ci,
        request: res("update", "deployments", group: "apps", ns: "dev"), allowed: false, reason: ""),
    RBACCase(
        label: "RoleBinding to ClusterRole only in the binding namespace", user: ci,
        request: res("update", "deployments", group: "apps", sub: "scale", ns: "prod"), allowed: false, reason: ""),
    RBACCase(
        label: "SA subject with explicit namespace", user: builder, request: res("watch", "pods", ns: "prod"),
        allowed: true,
        reason:
            #"RBAC: allowed by RoleBinding "builder-reads-pods/prod" of ClusterRole "pod-reader" to"#
                + #" ServiceAccount "builder/tools""#
    ),
    RBACCase(
        label: "same SA name in another namespace is someone else",
        user: RBACAuthorizer.serviceAccountUser(namespace: "other", name: "builder"),
        request: res("watch", "pods", ns: "prod"),
        allowed: false, reason: ""),
    RBACCase(
        label: "system:masters before RBAC, empty reason", user: root, request: res("delete", "nodes", name: "n1"),
        allowed: true, reason: ""),
    RBACCase(label: "nobody", user: nobody, request: res("get", "pods", ns: "dev"), allowed: false, reason: ""),
]

@Suite struct RBACAuthorizerTests {
    @Test(arguments: rbacCases)
    func decision(_ c: RBACCase) throws {
        let (authorizer, _) = try fixtureAuthorizer()
        let decision = authorizer.authorize(c.user, c.request)
        #expect(decision.allowed == c.allowed)
        #expect(decision.reason == c.reason)
    }

    @Test func grantNamesTheRule() throws {
        let (authorizer, _) = try fixtureAuthorizer()
        let decision = authorizer.authorize(alice, res("get", "configmaps", ns: "dev", name: "app-config"))
        guard case .rbac(let grant) = decision.source else {
            Issue.record("expected an RBAC grant")
            return
        }
        #expect(grant.ruleIndex == 0)
        #expect(grant.rule.resourceNames == ["app-config"])
        #expect(grant.subject == Subject(kind: .group, name: "devs"))
        if case .privilegedGroup(let group) = authorizer.authorize(root, res("get", "pods")).source {
            #expect(group == "system:masters")
        } else {
            Issue.record("expected the privileged-group authorizer")
        }
    }

    @Test func aggregationReplacesRulesInNameOrder() throws {
        let (authorizer, _) = try fixtureAuthorizer()
        let match = try #require(authorizer.bindings(matching: mona).first)
        #expect(match.rules.count == 2)
        #expect(match.rules[0].nonResourceURLs == ["/metrics", "/healthz/*"])  // metrics-reader < pod-reader
        #expect(match.rules[1].resources == ["pods", "pods/log"])
    }

    @Test func bindingsForWhoami() throws {
        let (authorizer, _) = try fixtureAuthorizer()
        let matches = authorizer.bindings(matching: alice)
        #expect(
            matches.map(\.description) == [
                #"ClusterRoleBinding "broken" of ClusterRole "does-not-exist" to Group "devs""#,
                #"RoleBinding "devs-config/dev" of Role "config-editor" to Group "devs""#,
            ])
        #expect(matches[0].via == .group("devs"))
        #expect(matches[0].resolutionError == #"clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#)
        #expect(matches[1].rules.count == 2)
        #expect(authorizer.bindings(matching: ci).map(\.via) == [.serviceAccount])
        #expect(authorizer.bindings(matching: ops).map(\.via) == [.user])
        #expect(authorizer.bindings(matching: nobody).isEmpty)
    }

    @Test func rulesReview() throws {
        let (authorizer, _) = try fixtureAuthorizer()
        let review = authorizer.rules(for: alice, namespace: "dev")
        #expect(review.resourceRules.map(\.resources) == [["configmaps"], ["secrets"]])
        #expect(review.nonResourceRules.isEmpty)
        #expect(review.evaluationError == #"clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#)
        let monitoring = authorizer.rules(for: mona, namespace: "")
        #expect(monitoring.resourceRules.count == 1)
        #expect(monitoring.nonResourceRules.first?.nonResourceURLs == ["/metrics", "/healthz/*"])
        #expect(monitoring.evaluationError == "")
    }

    @Test func fixtureHasNoDiagnostics() throws {
        let (_, objects) = try fixtureAuthorizer()
        #expect(objects.diagnostics.filter { $0.severity == .error }.isEmpty, "\(objects.diagnostics)")
        #expect(objects.clusterRoles.count == 5)
        #expect(objects.roleBindings.count == 3)
    }
}
