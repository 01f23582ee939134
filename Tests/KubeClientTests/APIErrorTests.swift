import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

/// HTTP error statuses as kubectl prints them, with the apiserver's Status bodies.
@Suite struct APIErrorTests {
    static let token = Credential.bearerToken(token: "t", tokenFile: nil)

    func client(_ server: KubeTestServer) throws -> KubeAPIClient {
        try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
    }

    func server() throws -> KubeTestServer {
        try KubeTestServer(.init(tokens: ["t": UserInfo(username: "bob", groups: ["devs"])]))
    }

    @Test func forbiddenByTheAuthorizer() async throws {
        let server = try server()
        defer { server.stop() }
        server.setAuthorizer { user, attributes in
            attributes[path: "resourceAttributes", "resource"]?.stringValue == "clusterrolebindings"
                ? .noOpinion : .allow
        }
        let error = try #require(
            await Support.expectError {
                _ = try await client(server).list("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings")
            })
        #expect(error.kind == .forbidden)
        #expect(error.httpStatus == 403)
        #expect(
            error.description
                == "Error from server (Forbidden): clusterrolebindings.rbac.authorization.k8s.io is forbidden: User \"bob\" cannot list resource \"clusterrolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope"
        )
        #expect(error.statusReason == "Forbidden")
    }

    @Test func forbiddenInANamespaceWithAReason() async throws {
        let server = try server()
        defer { server.stop() }
        server.setAuthorizer { _, _ in AuthorizationDecision(allowed: false, reason: "no RBAC policy matched") }
        let error = try #require(
            await Support.expectError { _ = try await client(server).get("/api/v1/namespaces/team-a/configmaps/x") })
        #expect(
            error.description
                == "Error from server (Forbidden): configmaps \"x\" is forbidden: User \"bob\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"team-a\": no RBAC policy matched"
        )
    }

    @Test func objectNotFound() async throws {
        let server = try server()
        defer { server.stop() }
        let error = try #require(
            await Support.expectError {
                _ = try await client(server).get("/apis/kyverno.io/v1/clusterpolicies/missing")
            })
        #expect(error.kind == .notFound)
        #expect(error.description == "Error from server (NotFound): clusterpolicies.kyverno.io \"missing\" not found")
    }

    @Test func unservedSelfSubjectReviewVersionIsAPathNotFound() async throws {
        let server = try server()
        defer { server.stop() }
        let error = try #require(
            await Support.expectError {
                _ = try await client(server).post("/apis/authentication.k8s.io/v1beta1/selfsubjectreviews", body: [:])
            })
        #expect(error.kind == .notFound)
        #expect(error.description == "Error from server (NotFound): the server could not find the requested resource")
        server.configure { $0.selfSubjectReviewVersions = ["v1", "v1beta1"] }
        let review = try await client(server).post("/apis/authentication.k8s.io/v1beta1/selfsubjectreviews", body: [:])
        #expect(review["apiVersion"]?.stringValue == "authentication.k8s.io/v1beta1")
    }

    struct StatusCase: Sendable, CustomStringConvertible {
        var code: Int
        var expected: String
        var kind: KubeClientError.Kind
        var description: String { "\(code)" }
    }

    @Test(arguments: [
        StatusCase(
            code: 500, expected: "Error from server (InternalError): Internal error occurred: boom",
            kind: .status(code: 500, reason: "InternalError")),
        StatusCase(
            code: 429, expected: "Error from server (TooManyRequests): Too many requests, please try again later.",
            kind: .status(code: 429, reason: "TooManyRequests")),
        StatusCase(
            code: 503,
            expected: "Error from server (ServiceUnavailable): the server is currently unable to handle the request",
            kind: .status(code: 503, reason: "ServiceUnavailable")),
        StatusCase(
            code: 401, expected: "error: You must be logged in to the server (Unauthorized)", kind: .unauthorized),
    ])
    func injectedStatus(_ c: StatusCase) async throws {
        let server = try server()
        defer { server.stop() }
        server.inject(.status(c.code), path: "/apis/authentication.k8s.io/v1/selfsubjectreviews")
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client(server)) })
        #expect(error.description == c.expected)
        #expect(error.kind == c.kind)
        #expect(error.httpStatus == c.code)
    }

    @Test func nonStatusErrorBodyGetsClientGoGenericMessage() async throws {
        let server = try server()
        defer { server.stop() }
        server.inject(
            .raw(status: 500, contentType: "text/plain", body: Array("boom".utf8)),
            path: "/apis/authentication.k8s.io/v1/selfsubjectreviews")
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client(server)) })
        #expect(
            error.description
                == "Error from server (InternalError): an error on the server (\"boom\") has prevented the request from succeeding (post selfsubjectreviews.authentication.k8s.io)"
        )
    }

    @Test func htmlFromAProxyIsUnknown() async throws {
        let server = try server()
        defer { server.stop() }
        server.inject(
            .raw(status: 502, contentType: "text/html", body: Array("<html>bad gateway</html>".utf8)),
            path: "/api/v1/namespaces")
        let error = try #require(await Support.expectError { _ = try await client(server).get("/api/v1/namespaces") })
        #expect(
            error.description
                == "Error from server (InternalError): an error on the server (\"unknown\") has prevented the request from succeeding (get namespaces)"
        )
    }

    @Test func successfulNonJSONBody() async throws {
        let server = try server()
        defer { server.stop() }
        server.inject(.raw(status: 200, contentType: "text/html", body: Array("<html>login</html>".utf8)), path: "/api")
        let error = try #require(await Support.expectError { _ = try await client(server).get("/api") })
        #expect(error.kind == .invalidResponse)
        #expect(
            error.description.hasPrefix(
                "error: the server returned a response that is not JSON (Content-Type text/html) for GET /api: "))
    }
}
