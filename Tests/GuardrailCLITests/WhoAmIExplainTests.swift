import Foundation
import GuardrailCore
import GuardrailYAML
import KubeTestServer
import RBAC
import Testing

@testable import GuardrailCLI
import TestSupport

/// A KubeTestServer whose reads are authorized by the RBAC module over the cluster's own RBAC objects
/// (no canned answers), holding bindings, service accounts with pods, a Kyverno policy and aws-auth.
final class ExplainCluster: @unchecked Sendable {
    static let serviceAccountGroups = ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"]
    static let users: [String: UserInfo] = [
        "alice": UserInfo(username: "alice", uid: "u-alice", groups: ["devs", "system:authenticated"]),
        "bob": UserInfo(username: "bob", groups: ["system:authenticated"]),
        "deployer": UserInfo(username: "system:serviceaccount:ci:deployer", groups: serviceAccountGroups),
        "uploader": UserInfo(username: "system:serviceaccount:ci:uploader", groups: serviceAccountGroups),
        "eks-admin": UserInfo(
            username: "kubernetes-admin", uid: "aws-iam-authenticator:123456789012:AROAEXAMPLEID",
            groups: ["system:masters", "system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::123456789012:assumed-role/Admin/EKSGetTokenAuth"],
                "canonicalArn": ["arn:aws:iam::123456789012:role/Admin"],
                "sessionName": ["EKSGetTokenAuth"], "accountId": ["123456789012"],
            ]),
        // An IAM role mapped by an EKS access entry with a custom username and AmazonEKSViewPolicy.
        "eks-dev": UserInfo(
            username: "dev-jane", uid: "aws-iam-authenticator:123456789012:AROADEVEXAMPLE",
            groups: ["system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::123456789012:assumed-role/Dev/jane"],
                "canonicalArn": ["arn:aws:iam::123456789012:role/Dev"],
                "sessionName": ["jane"], "accountId": ["123456789012"],
            ]),
    ]

    /// EKS's authorizer chain: RBAC first, then the access-policy webhook, whose reasons start with
    /// `EKS Access Policy:` (here: AmazonEKSViewPolicy for `dev-jane`, reads of pods only).
    static func eksAuthorize(_ authorizer: RBACAuthorizer, _ user: UserInfo, _ attributes: JSONValue)
        -> AuthorizationDecision
    {
        let rbac = rbacDecision(authorizer, user, attributes)
        guard !rbac.allowed, user.username == "dev-jane",
            let resource = attributes["resourceAttributes"], resource["resource"] == "pods",
            ["get", "list"].contains(resource["verb"]?.stringValue ?? "")
        else { return rbac }
        return AuthorizationDecision(allowed: true, reason: "EKS Access Policy: allowed by ClusterRoleBinding "
            + "\"arn:aws:iam::123456789012:role/Dev+arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\"")
    }

    /// The RBAC module's decision for the attributes the test server asks about (requests and SSARs).
    static func rbacDecision(_ authorizer: RBACAuthorizer, _ user: UserInfo, _ attributes: JSONValue)
        -> AuthorizationDecision
    {
        let decision: RBACDecision
        if let r = attributes["resourceAttributes"] {
            func field(_ name: String) -> String { r[name]?.stringValue ?? "" }
            decision = authorizer.authorize(user, ResourceAttributes(
                verb: field("verb"), group: field("group"), version: field("version"), resource: field("resource"),
                subresource: field("subresource"), namespace: field("namespace"), name: field("name")))
        } else {
            let n = attributes["nonResourceAttributes"]
            decision = authorizer.authorize(user, NonResourceAttributes(
                path: n?["path"]?.stringValue ?? "", verb: n?["verb"]?.stringValue ?? ""))
        }
        return AuthorizationDecision(allowed: decision.allowed, reason: decision.reason)
    }

    static let objects = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: identity-reader}
        rules:
        - apiGroups: [rbac.authorization.k8s.io]
          resources: [clusterrolebindings, rolebindings, clusterroles, roles]
          verbs: [list]
        - apiGroups: [kyverno.io]
          resources: [clusterpolicies, policies]
          verbs: [list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: edit}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: ["*"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: alice-view}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: identity-readers}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: identity-reader}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: devs}
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:serviceaccounts:ci"}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: devs-edit, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: devs}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ghost, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
        subjects: [{kind: User, name: alice}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: workload-reader, namespace: ci}
        rules:
        - {apiGroups: [""], resources: [serviceaccounts], verbs: [get]}
        - {apiGroups: [""], resources: [pods], verbs: [list]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deployer, namespace: ci}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: workload-reader}
        subjects: [{kind: ServiceAccount, name: deployer}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: uploader, namespace: ci}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: workload-reader}
        subjects: [{kind: ServiceAccount, name: uploader, namespace: ci}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: deployer
          namespace: ci
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/ci-deployer"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: deployer-1, namespace: ci}
        spec:
          serviceAccountName: deployer
          containers:
          - name: main
            image: deployer
            env:
            - {name: AWS_ROLE_ARN, value: "arn:aws:iam::123456789012:role/ci-deployer"}
            - {name: AWS_WEB_IDENTITY_TOKEN_FILE, value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token}
          volumes: [{name: aws-iam-token, projected: {sources: []}}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: uploader
          namespace: ci
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/old-irsa-role"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: uploader-1, namespace: ci}
        spec:
          serviceAccountName: uploader
          containers:
          - name: main
            image: uploader
            env:
            - {name: AWS_CONTAINER_CREDENTIALS_FULL_URI, value: "http://169.254.170.23/v1/credentials"}
            - {name: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
               value: /var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token}
          volumes: [{name: eks-pod-identity-token, projected: {sources: []}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other-1, namespace: ci}
        spec:
          serviceAccountName: default
          containers: [{name: main, image: other}]
        ---
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: protect-namespaces}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: no-delete
            match:
              any:
              - resources: {kinds: [Namespace], operations: [DELETE]}
                subjects: [{kind: Group, name: devs}]
            validate:
              message: "developers may not delete namespaces"
              deny: {}
          - name: labels-for-all
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              message: "pods need an app label"
              pattern: {metadata: {labels: {app: "?*"}}}
        ---
        apiVersion: kyverno.io/v1
        kind: Policy
        metadata: {name: ci-rules, namespace: ci}
        spec:
          rules:
          - name: deployers-audit
            match:
              any:
              - resources: {kinds: [Secret]}
                subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
            validate:
              deny:
                conditions:
                  all: [{key: "{{ request.operation }}", operator: Equals, value: DELETE}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: kube-system}
        data:
          mapRoles: "- rolearn: [unterminated\\n  : : {"
          mapAccounts: '- "123456789012"'
        """

    let server: KubeTestServer
    let directory = TemporaryDirectory()
    let kubeconfig: String

    init(extraObjects: String? = nil, users extraUsers: [TestKubeconfig.User] = [],
         tokens extraTokens: [String: UserInfo] = [:]) throws {
        var documents = try YAML.loadAll(Self.objects, file: "objects").map(\.value)
        if let extraObjects { documents += try YAML.loadAll(extraObjects, file: "extra").map(\.value) }
        let authorizer = RBACAuthorizer(RBACObjects(objects: documents))
        var tokens = extraTokens
        for (name, user) in Self.users { tokens["\(name)-token"] = user }
        server = try KubeTestServer(.init(tokens: tokens, authorizer: { user, attributes in
            Self.eksAuthorize(authorizer, user, attributes)
        }))
        try server.add(contentsOf: documents)
        let users = Self.users.keys.sorted().map { TestKubeconfig.User.token(name: $0, token: "\($0)-token") }
        kubeconfig = directory.write("kubeconfig", TestKubeconfig.render(
            server: server.url, caPEM: server.caPEM, users: users + extraUsers))
    }

    deinit { server.stop() }

    /// `kubectl guardrail whoami …` in process as `context`.
    func whoami(_ arguments: [String], as context: String) async -> CLIResult {
        let environment = DiskEnvironment(variables: ["KUBECONFIG": kubeconfig], homeDirectory: directory.path)
        return await runCLI(["whoami", "--context", context] + arguments, environment: environment)
    }
}

/// The card's lines with runs of spaces squeezed, so assertions do not depend on column widths.
func squeezedLines(_ text: String) -> [String] {
    text.split(separator: "\n").map { line in
        var out = ""
        for character in line where !(character == " " && out.last == " ") { out.append(character) }
        return out.trimmingCharacters(in: .whitespaces)
    }
}

@Suite("whoami --explain against the test API server", .serialized)
struct WhoAmIExplainTests {
    @Test("a user's bindings, direct and through a group, and the guardrails aimed at the user")
    func userBindingsAndGuardrails() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain"], as: "alice")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains("Explanation"), "\(result.stdout)")
        #expect(lines.contains("Bindings ClusterRoleBinding alice-view → ClusterRole view (via User alice)"),
                "\(result.stdout)")
        #expect(lines.contains("ClusterRoleBinding identity-readers → ClusterRole identity-reader (via Group devs)"))
        #expect(lines.contains("RoleBinding team-a/devs-edit → ClusterRole edit (via Group devs)"))
        #expect(lines.contains {
            $0.hasPrefix("RoleBinding team-a/ghost → Role missing (via User alice) — grants nothing")
        })
        #expect(lines.contains("Guardrails Enforce protect-namespaces/no-delete — developers may not delete "
            + "namespaces "
            + "(match subjects Group devs)"), "\(result.stdout)")
        // A rule for everyone is not "aimed at" anyone; another policy's service-account rule is not alice's.
        #expect(!result.stdout.contains("labels-for-all"))
        #expect(!result.stdout.contains("deployers-audit"))
        #expect(!result.stdout.contains("alice-token"))
    }

    @Test("without --explain nothing is looked up: the card stays a single SelfSubjectReview")
    func plainCardMakesNoReads() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami([], as: "alice")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Bindings"))
        #expect(cluster.server.requests.map(\.method) == ["POST"])
    }

    @Test("a service account: its RoleBinding, IRSA from its pods, its guardrail")
    func serviceAccountWithIRSA() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain"], as: "deployer")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains("Bindings ClusterRoleBinding identity-readers → ClusterRole identity-reader "
            + "(via Group system:serviceaccounts:ci)"), "\(result.stdout)")
        #expect(lines.contains("RoleBinding ci/deployer → Role workload-reader (via ServiceAccount ci/deployer)"))
        #expect(lines.contains { $0.hasPrefix("AWS IRSA (IAM Roles for Service Accounts) role "
            + "arn:aws:iam::123456789012:role/ci-deployer") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("Guardrails Audit ci/ci-rules/deployers-audit — denies Secret when "
            + "request.operation Equals DELETE") }, "\(result.stdout)")
        // The pod list was bounded and asked for this service account's pods only.
        let podList = try #require(cluster.server.requests.first { $0.path == "/api/v1/namespaces/ci/pods" })
        #expect(podList.queryValue("fieldSelector") == "spec.serviceAccountName=deployer")
        #expect(podList.queryValue("limit") == "50")
    }

    @Test("a service account whose pods got Pod Identity, despite an IRSA annotation")
    func serviceAccountWithPodIdentity() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain"], as: "uploader")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains { $0.hasPrefix("AWS EKS Pod Identity") }, "\(result.stdout)")
        #expect(!lines.contains { $0.hasPrefix("AWS IRSA") })
        #expect(lines.contains("RoleBinding ci/uploader → Role workload-reader (via ServiceAccount ci/uploader)"))
    }

    @Test("forbidden to list bindings and policies: says so, suggests who can, exit 0")
    func forbiddenBindings() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain"], as: "bob")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains { $0.hasPrefix("Bindings could not list: forbidden: you may not list ") },
                "\(result.stdout)")
        #expect(result.stdout.contains("ask someone who may (`kubectl auth can-i list "))
        #expect(lines.contains { $0.hasPrefix("Guardrails could not check: forbidden: you may not list "
            + "clusterpolicies.kyverno.io") }, "\(result.stdout)")
        // The plain card is still there.
        #expect(result.stdout.hasPrefix("Username   bob\n"))
    }

    @Test("a slow policy list is given up on within --request-timeout; the rest is still shown")
    func slowRead() async throws {
        let cluster = try ExplainCluster()
        cluster.server.inject(.delay(4), path: "/apis/kyverno.io/v1/clusterpolicies", method: "GET")
        let result = await cluster.whoami(["--explain", "--request-timeout", "1s"], as: "alice")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains("Bindings ClusterRoleBinding alice-view → ClusterRole view (via User alice)"))
        #expect(lines.contains { $0.hasPrefix("Guardrails could not check: ") }, "\(result.stdout)")
    }

    @Test("--explain -o json prints the guardrail.identity/v1 explanation")
    func explainJSON() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain", "-o", "json"], as: "alice")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try JSONParser.parse(result.stdout)
        #expect(object["apiVersion"] == "guardrail.identity/v1")
        #expect(object[path: "userInfo", "username"] == "alice")
        #expect(object[path: "bindings", "status"] == "found")
        let bindings = try #require(object[path: "bindings", "items"]?.arrayValue)
        #expect(bindings.contains { $0["name"] == "devs-edit" && $0["namespace"] == "team-a"
            && $0[path: "roleRef", "name"] == "edit" && $0[path: "subject", "kind"] == "Group" })
        #expect(object[path: "guardrails", "status"] == "found")
        let guardrails = try #require(object[path: "guardrails", "items"]?.arrayValue)
        #expect(guardrails.count == 1)
        #expect(guardrails.first?["policy"] == "protect-namespaces")
        #expect(guardrails.first?["rule"] == "no-delete")
        #expect(guardrails.first?["action"] == "Enforce")
        #expect(guardrails.first?["relation"] == "matches")
        #expect(guardrails.first?["selectedBy"] == "subjects Group devs")
    }

    @Test("--explain -o yaml for a forbidden caller carries the unavailable lookups")
    func explainYAMLUnavailable() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain", "-o", "yaml"], as: "bob")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try YAML.load(result.stdout)
        #expect(object["apiVersion"] == "guardrail.identity/v1")
        #expect(object[path: "bindings", "status"] == "unavailable")
        #expect(object[path: "bindings", "reason"]?.stringValue?.hasPrefix("forbidden: you may not list") == true)
        #expect(object[path: "guardrails", "status"] == "unavailable")
    }

    @Test("-o json without --explain stays kubectl's SelfSubjectReview")
    func jsonWithoutExplainUnchanged() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["-o", "json"], as: "alice")
        let object = try JSONParser.parse(result.stdout)
        #expect(object["kind"] == "SelfSubjectReview")
        #expect(object["bindings"] == nil)
        #expect(cluster.server.requests.count == 1)
    }

    @Test("malformed aws-auth YAML and a broken policy never crash: the card and what is known remain")
    func malformedDataFallsBack() async throws {
        let cluster = try ExplainCluster(extraObjects: """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: broken}
            spec: {rules: [{name: 7, match: "everything", validate: [1, 2]}, "not a rule"]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: odd, namespace: ci}
            roleRef: "view"
            subjects: "everyone"
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: odd-subjects}
            roleRef: {kind: ClusterRole, name: view}
            subjects: [7, {kind: Robot, name: deployer}, {kind: ServiceAccount}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: deployer-odd, namespace: ci}
            spec: {serviceAccountName: deployer, containers: "none", volumes: {a: 1}}
            """)
        let result = await cluster.whoami(["--explain"], as: "eks-admin")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Username   kubernetes-admin\n"))
        let lines = squeezedLines(result.stdout)
        #expect(lines.contains { $0.hasPrefix("Identity ") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("Guardrails ") }, "\(result.stdout)")
        // An aws-auth that cannot be parsed settles nothing: the mapping is not claimed from it.
        #expect(!result.stdout.contains("no aws-auth entry maps this principal"), "\(result.stdout)")
        // aws-auth was read (system:masters is allowed everything).
        #expect(cluster.server.requests.contains { $0.path == "/api/v1/namespaces/kube-system/configmaps/aws-auth" })
        let json = await cluster.whoami(["--explain", "-o", "json"], as: "eks-admin")
        #expect(json.exitCode == 0)
        #expect(try JSONParser.parse(json.stdout)["kind"] == "aws-iam")
        // Odd bindings and pods do not stop a service account's explanation either.
        let account = await cluster.whoami(["--explain"], as: "deployer")
        #expect(account.exitCode == 0, "\(account.stderr)")
        #expect(squeezedLines(account.stdout).contains(
            "RoleBinding ci/deployer → Role workload-reader (via ServiceAccount ci/deployer)"), "\(account.stdout)")
    }

    @Test("a SelfSubjectReview with malformed userInfo still prints the card and the lookups")
    func malformedUserInfo() async throws {
        let cluster = try ExplainCluster()
        let body = #"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","status":{"userInfo":"#
            + #"{"username":["x"],"uid":7,"groups":"devs","extra":{"arn":5,"canonicalArn":[null,{}]}}}}"#
        cluster.server.inject(.raw(status: 201, contentType: "application/json", body: Array(body.utf8)),
                              path: "/apis/authentication.k8s.io/v1/selfsubjectreviews", method: "POST")
        let result = await cluster.whoami(["--explain"], as: "alice")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Username"), "\(result.stdout)")
        #expect(result.stdout.contains("Credential\n"))
        let json = await cluster.whoami(["--explain", "-o", "json"], as: "alice")
        #expect(json.exitCode == 0, "\(json.stderr)")
        #expect(try JSONParser.parse(json.stdout)["apiVersion"] == "guardrail.identity/v1")
    }

    @Test("an access policy's answer to a probe settles an EKS mapping as an access entry")
    func accessEntryProbe() async throws {
        let cluster = try ExplainCluster()
        let result = await cluster.whoami(["--explain", "-o", "json"], as: "eks-dev")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try JSONParser.parse(result.stdout)
        #expect(object[path: "aws", "mapping", "source"] == "access-entry", "\(result.stdout)")
        #expect(object[path: "aws", "mapping", "confidence"] == "high")
        let probe = try #require(cluster.server.requests.first {
            $0.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        })
        #expect(probe.jsonBody?[path: "spec", "resourceAttributes", "verb"] == "list")
        // Without the probe's evidence the same identity cannot be settled.
        let plain = await cluster.whoami(["-o", "json", "--explain"], as: "eks-admin")
        #expect(try JSONParser.parse(plain.stdout)[path: "aws", "mapping", "source"] != "access-entry")
    }

    @Test("an exec credential's expiry and token shape reach the explanation, never the token")
    func execCredentialFacts() async throws {
        // A JWT-shaped token (header.payload.signature) with iss, sub and exp 2100-01-01.
        let payload = Base64.encode(Array(#"{"iss":"https://issuer.example","sub":"carol","exp":4102444800}"#.utf8))
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        let token = "eyJhbGciOiJSUzI1NiJ9.\(payload).c2lnbmF0dXJl"
        let directory = TemporaryDirectory()
        let credential = #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":""#
            + token + #"","expirationTimestamp":"2099-12-31T23:00:00Z"}}"#
        let plugin = directory.write("plugin.sh", "#!/bin/sh\necho '\(credential)'\n", mode: 0o755)
        let cluster = try ExplainCluster(
            users: [.exec(name: "exec", command: plugin, args: [], env: [])],
            tokens: [token: UserInfo(username: "oidc:carol", groups: ["system:authenticated"])])
        let result = await cluster.whoami(["--explain", "-o", "json"], as: "exec")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(token))
        #expect(!result.stdout.contains(payload))
        let object = try JSONParser.parse(result.stdout)
        let expiry = try #require(object["expiry"]?.arrayValue)
        #expect(expiry.contains { $0["expiresAt"] == "2099-12-31T23:00:00Z" }, "\(result.stdout)")
        // Only the token's claims can tell the issuer: the username does not carry it.
        #expect(object["kind"] == "oidc")
        #expect(object["headline"] == "OpenID Connect user from https://issuer.example")
    }
}
