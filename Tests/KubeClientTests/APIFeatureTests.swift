import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Lists, discovery, impersonation and reviews through the client.
@Suite struct APIFeatureTests {
    static let token = Credential.bearerToken(token: "t", tokenFile: nil)

    func server() throws -> KubeTestServer {
        try KubeTestServer(
            .init(tokens: [
                "t": UserInfo(username: "alice", groups: ["system:masters"]),
                "u": UserInfo(username: "bob", groups: ["devs"]),
            ]))
    }

    static func policy(_ i: Int) -> JSONValue {
        ["apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": ["name": .string("policy-\(i)")]]
    }

    @Test func listFollowsContinueTokens() async throws {
        let server = try server()
        defer { server.stop() }
        try server.add(contentsOf: (0..<7).map(Self.policy))
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let items = try await client.list("/apis/kyverno.io/v1/clusterpolicies", pageSize: 3)
        #expect(items.map { $0[path: "metadata", "name"]?.stringValue ?? "" } == (0..<7).map { "policy-\($0)" })
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.map { $0.queryValue("limit") } == ["3", "3", "3"])
        #expect(requests[0].queryValue("continue") == nil)
        #expect(requests[1].queryValue("continue") != nil)
    }

    @Test func namespacedListAndGet() async throws {
        let server = try server()
        defer { server.stop() }
        try server.add(
            [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kyverno", "namespace": "kyverno"],
                "data": ["x": "1"],
            ],
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "other", "namespace": "default"]],
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kyverno"]])
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        #expect(try await client.list("/api/v1/namespaces/kyverno/configmaps").count == 1)
        #expect(try await client.list("/api/v1/configmaps").count == 2)
        #expect(try await client.get("/api/v1/namespaces/kyverno/configmaps/kyverno")[path: "data", "x"] == "1")
        #expect(try await client.get("/api/v1/namespaces/kyverno")[path: "metadata", "name"] == "kyverno")
    }

    @Test func impersonationHeadersAsReceivedAndHonoured() async throws {
        let server = try server()
        defer { server.stop() }
        let impersonation = Impersonation(
            user: "jane", uid: "u-1", groups: ["devs", "on call"],
            extra: ["acme.com/project": ["p1", "p2"], "scopes": ["read"]])
        let client = try KubeAPIClient(
            config: Support.config(server, credential: Self.token, impersonation: impersonation),
            options: Support.quiet)
        let user = try await Support.whoami(client)
        #expect(user.username == "jane")
        #expect(user.uid == "u-1")
        #expect(user.groups == ["devs", "on call", "system:authenticated"])
        #expect(user.extra == ["acme.com/project": ["p1", "p2"], "scopes": ["read"]])
        let request = try #require(server.requests.last)
        #expect(request.header("Impersonate-User") == "jane")
        #expect(request.headers(named: "Impersonate-Group") == ["devs", "on call"])
        #expect(request.header("Impersonate-Uid") == "u-1")
        #expect(request.headers(named: "Impersonate-Extra-acme.com%2Fproject") == ["p1", "p2"])
        #expect(request.authenticatedUser?.username == "alice")
    }

    @Test func impersonationWithoutPermissionIsForbidden() async throws {
        let server = try server()
        defer { server.stop() }
        let config = Support.config(
            server, credential: .bearerToken(token: "u", tokenFile: nil), impersonation: Impersonation(user: "jane"))
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Error from server (Forbidden): users \"jane\" is forbidden: User \"bob\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"
        )
    }

    @Test func selfSubjectAccessReviewUsesTheAuthorizer() async throws {
        let server = try server()
        defer { server.stop() }
        server.setAuthorizer { user, attributes in
            if user.username == "bob", attributes[path: "resourceAttributes", "verb"] == "delete" {
                return AuthorizationDecision(allowed: false, denied: true, reason: "guardrail says no")
            }
            return AuthorizationDecision(allowed: true, reason: "RBAC: allowed by ClusterRoleBinding \"x\"")
        }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "u", tokenFile: nil)),
            options: Support.quiet)
        let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        func review(_ verb: String) -> JSONValue {
            [
                "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                "spec": ["resourceAttributes": ["namespace": "team-a", "verb": .string(verb), "resource": "pods"]],
            ]
        }
        let allowed = try await client.post(path, body: review("get"))
        #expect(allowed[path: "status", "allowed"] == true)
        #expect(allowed[path: "status", "reason"] == "RBAC: allowed by ClusterRoleBinding \"x\"")
        #expect(allowed[path: "spec", "resourceAttributes", "verb"] == "get")
        let denied = try await client.post(path, body: review("delete"))
        #expect(denied[path: "status", "allowed"] == false)
        #expect(denied[path: "status", "denied"] == true)
        let invalid = try #require(await Support.expectError { _ = try await client.post(path, body: ["spec": [:]]) })
        #expect(invalid.kind == .status(code: 422, reason: "Invalid"))

        // system:masters passes the privileged-group authorizer first, with an empty reason.
        let admin = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let adminReview = try await admin.post(path, body: review("delete"))
        #expect(adminReview["status"] == ["allowed": true])
    }

    @Test func legacyAndAggregatedDiscovery() async throws {
        let server = try server()
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let groups = try await client.get("/apis")
        let names = groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("kyverno.io") && names.contains("authentication.k8s.io"))
        let kyverno = groups["groups"]?.arrayValue?.first { $0["name"] == "kyverno.io" }
        // Kubernetes version priority: GA v2 is preferred over v1 (as for CRDs with both).
        #expect(kyverno?[path: "preferredVersion", "version"] == "v2")
        #expect(kyverno?["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == ["v2", "v1"])
        let resources = try await client.get("/apis/kyverno.io/v1")
        let cpol = resources["resources"]?.arrayValue?.first { $0["name"] == "clusterpolicies" }
        #expect(cpol?["shortNames"] == ["cpol"])
        #expect(cpol?["namespaced"] == false)

        let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
        let response = try await client.send(KubeRequest(path: "/apis", headers: [("Accept", accept)]))
        #expect(response.contentType == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        let aggregated = try response.json()
        #expect(aggregated["kind"] == "APIGroupDiscoveryList")
        let group = aggregated["items"]?.arrayValue?.first { $0[path: "metadata", "name"] == "kyverno.io" }
        let v1 = group?["versions"]?.arrayValue?.first { $0["version"] == "v1" }
        let policies = v1?["resources"]?.arrayValue?.first { $0["resource"] == "policies" }
        #expect(policies?["scope"] == "Namespaced")
        #expect(policies?[path: "responseKind", "kind"] == "Policy")
        let core = try await client.send(KubeRequest(path: "/api", headers: [("Accept", accept)])).json()
        #expect(core["items"]?[0]?[path: "metadata", "name"] == "")
    }
}

/// Debug output and URL handling.
@Suite struct DebugAndURLTests {
    final class Lines: @unchecked Sendable {
        private var lines: [String] = []
        private let lock = NSLockLike()
        func append(_ line: String) { lock.run { lines.append(line) } }
        var all: [String] { lock.run { lines } }
    }

    @Test func debugLogShowsRequestsAndMasksTheToken() async throws {
        let server = try KubeTestServer(.init(tokens: ["super-secret-token": UserInfo(username: "u")]))
        defer { server.stop() }
        let lines = Lines()
        let options = ClientOptions(debugLog: { lines.append($0) })
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "super-secret-token", tokenFile: nil)),
            options: options)
        _ = try await client.get("/api")
        let log = lines.all.joined(separator: "\n")
        #expect(log.contains("GET \(server.url)/api 200 OK in "))
        #expect(log.contains("Authorization: Bearer <masked>"))
        #expect(!log.contains("super-secret-token"))
    }

    @Test func serverPathPrefixAndQueryEscaping() async throws {
        let listener = try PlainHTTPRecorder()
        defer { listener.stop() }
        let client = try KubeAPIClient(
            config: ConnectionConfig(server: "http://127.0.0.1:\(listener.port)/prefix/?ignored=1"),
            options: Support.quiet)
        _ = try await client.get("/api/v1/pods", query: [("labelSelector", "app in (a,b)"), ("limit", "5")])
        let head = try #require(listener.received.first)
        #expect(head.hasPrefix("GET /prefix/api/v1/pods?labelSelector=app+in+%28a%2Cb%29&limit=5 HTTP/1.1\r\n"))
    }
}

/// A tiny mutex for test collectors.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func run<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}

/// Pager fallback and server warnings.
@Suite struct ListAndWarningTests {
    @Test func expiredContinueTokenFallsBackToAFullList() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        try server.add(contentsOf: (0..<5).map(APIFeatureTests.policy))
        // The first page works; the second gets the apiserver's 410 Expired.
        server.inject(.status(410), path: "/apis/kyverno.io/v1/clusterpolicies", after: 1, times: 1)
        let client = try KubeAPIClient(
            config: Support.config(server, credential: APIFeatureTests.token), options: Support.quiet)
        let items = try await client.list("/apis/kyverno.io/v1/clusterpolicies", pageSize: 2)
        #expect(items.count == 5)
        #expect(server.requests.map { $0.queryValue("limit") } == ["2", "2", nil])
    }

    @Test func warningHeadersAreExposed() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        server.inject(.warning(#"policy "x" would "deny" this"#), path: "/api")
        let client = try KubeAPIClient(
            config: Support.config(server, credential: APIFeatureTests.token), options: Support.quiet)
        let response = try await client.send(KubeRequest(path: "/api"))
        #expect(response.warnings == [#"policy "x" would "deny" this"#])
    }

    @Test func disableCompressionFromKubeconfig() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        var config = Support.config(server, credential: APIFeatureTests.token)
        config.disableCompression = true
        _ = try await KubeAPIClient(config: config, options: Support.quiet).get("/api")
        #expect(server.requests.last?.header("Accept-Encoding") == nil)
    }
}

/// Writes: creation, server-side dry run and admission denials in the apiserver's words.
@Suite struct CreateAndAdmissionTests {
    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"],
        "spec": ["containers": [["name": "c", "image": "nginx:latest"]]],
    ]

    @Test func dryRunIsAdmittedButNotStored() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: APIFeatureTests.token), options: Support.quiet)
        let path = "/api/v1/namespaces/team-a/pods"
        let created = try await client.send(KubeRequest(method: "POST", path: path, query: [("dryRun", "All")],
                                                        body: Array(JSONWriter().string(from: Self.pod).utf8)))
        #expect(created.statusCode == 201)
        #expect(try created.json()[path: "metadata", "namespace"] == "team-a")
        #expect(try await client.list(path).isEmpty)
        _ = try await client.post(path, body: Self.pod)
        #expect(try await client.list(path).count == 1)
        let again = try #require(await Support.expectError { _ = try await client.post(path, body: Self.pod) })
        #expect(again.description == "Error from server (AlreadyExists): pods \"web\" already exists")
    }

    @Test func webhookDenialReadsLikeKyverno() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")], admission: { review in
            review.object[path: "metadata", "labels", "team"] == nil
                ? AdmissionDenial(message: "\n\nresource Pod/team-a/web was blocked due to the following policies\n\nrequire-labels:\n  check-team: label team is required")
                : nil
        }))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: APIFeatureTests.token), options: Support.quiet)
        let error = try #require(await Support.expectError {
            _ = try await client.send(KubeRequest(method: "POST", path: "/api/v1/namespaces/team-a/pods", query: [("dryRun", "All")],
                                                  body: Array(JSONWriter().string(from: Self.pod).utf8)))
        })
        #expect(error.httpStatus == 400)
        #expect(error.description.hasPrefix("Error from server: admission webhook \"validate.kyverno.svc-fail\" denied the request: \n\nresource Pod/team-a/web was blocked"))
    }
}
