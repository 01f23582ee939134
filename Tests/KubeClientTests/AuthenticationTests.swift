import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

/// Every credential kind against the real TLS test server.
@Suite struct AuthenticationTests {
    struct CertificateCase: Sendable, CustomStringConvertible {
        var name: String
        var certificate: String
        var key: String
        var expectedUser: String
        var expectedGroups: [String]
        var description: String { name }
    }

    static let certificateCases = [
        CertificateCase(
            name: "RSA PKCS#1", certificate: TestPKI.aliceCertificate, key: TestPKI.aliceKey,
            expectedUser: "alice", expectedGroups: ["devs", "system:masters", "system:authenticated"]),
        CertificateCase(
            name: "RSA PKCS#8", certificate: TestPKI.bobCertificate, key: TestPKI.bobKey,
            expectedUser: "bob", expectedGroups: ["devs", "system:authenticated"]),
        CertificateCase(
            name: "EC SEC1", certificate: TestPKI.carolCertificate, key: TestPKI.carolKey,
            expectedUser: "carol", expectedGroups: ["qa", "system:authenticated"]),
        CertificateCase(
            name: "EC PKCS#8", certificate: TestPKI.daveCertificate, key: TestPKI.daveKey,
            expectedUser: "dave", expectedGroups: ["system:authenticated"]),
    ]

    @Test(arguments: certificateCases)
    func clientCertificateInEveryKeyFormat(_ c: CertificateCase) async throws {
        #expect(
            c.key.contains(
                c.name == "RSA PKCS#1"
                    ? "BEGIN RSA PRIVATE KEY"
                    : c.name == "EC SEC1" ? "BEGIN EC PRIVATE KEY" : "BEGIN PRIVATE KEY"))
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: Support.certificate(c.certificate, c.key)),
            options: Support.quiet)
        let user = try await Support.whoami(client)
        #expect(user.username == c.expectedUser)
        #expect(user.groups == c.expectedGroups)
        #expect(user.extra["authentication.kubernetes.io/credential-id"]?.first?.hasPrefix("X509SHA256=") == true)
        let request = try #require(server.requests.last)
        #expect(request.clientCertificate?.commonName == c.expectedUser)
        #expect(request.header("Authorization") == nil)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.jsonBody == Support.selfSubjectReviewBody)
    }

    @Test func bearerToken() async throws {
        let server = try KubeTestServer(
            .init(tokens: ["s3cr3t.t0ken": UserInfo(username: "jane", uid: "42", groups: ["devs"])]))
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "s3cr3t.t0ken", tokenFile: nil)),
            options: Support.quiet)
        let user = try await Support.whoami(client)
        #expect(user == UserInfo(username: "jane", uid: "42", groups: ["devs", "system:authenticated"]))
        let request = try #require(server.requests.last)
        #expect(request.header("Authorization") == "Bearer s3cr3t.t0ken")
        #expect(request.clientCertificate == nil)
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("User-Agent")?.hasPrefix("kubectl-guardrail/v0.1.0 (linux/") == true)
        #expect(request.header("Accept-Encoding") == "gzip")
    }

    @Test func tokenFileIsReadAndWinsOverTheInlineToken() async throws {
        let server = try KubeTestServer(.init(tokens: ["from-file": UserInfo(username: "file-user")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        Support.write("  from-file\n", to: dir + "/token")
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "inline-stale", tokenFile: dir + "/token")),
            options: Support.quiet)
        #expect(try await Support.whoami(client).username == "file-user")
        #expect(server.requests.last?.header("Authorization") == "Bearer from-file")
    }

    @Test func missingTokenFileFallsBackToTheInlineToken() async throws {
        let server = try KubeTestServer(.init(tokens: ["inline": UserInfo(username: "inline-user")]))
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "inline", tokenFile: "/nonexistent/token")),
            options: Support.quiet)
        #expect(try await Support.whoami(client).username == "inline-user")
    }

    @Test func basicAuth() async throws {
        let server = try KubeTestServer(
            .init(basicAuth: [
                "admin": .init(password: "pa:ss word", user: UserInfo(username: "admin", groups: ["ops"]))
            ]))
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .basicAuth(username: "admin", password: "pa:ss word")),
            options: Support.quiet)
        #expect(try await Support.whoami(client).groups == ["ops", "system:authenticated"])
        #expect(
            server.requests.last?.header("Authorization") == "Basic " + Base64.encode(Array("admin:pa:ss word".utf8)))
    }

    @Test func noCredentialsIsUnauthorizedInKubectlWords() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .none, userName: "nobody"), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(error.kind == .unauthorized)
        #expect(error.description == "error: You must be logged in to the server (Unauthorized)")
        #expect(error.httpStatus == 401)
        #expect(error.hint?.contains("user \"nobody\" has no credentials") == true)
    }

    @Test func anonymousWhenTheServerAllowsIt() async throws {
        let server = try KubeTestServer(.init(allowAnonymous: true))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: .none), options: Support.quiet)
        let user = try await Support.whoami(client)
        #expect(user == UserInfo(username: "system:anonymous", groups: ["system:unauthenticated"]))
    }

    @Test func unknownTokenIsUnauthorizedAndTheTokenIsNeverInTheError() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "wrong-secret", tokenFile: nil)),
            options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api/v1/namespaces") })
        #expect(error.kind == .unauthorized)
        #expect(!error.description.contains("wrong-secret"))
        #expect(error.hint?.contains("wrong-secret") != true)
    }

    @Test func credentialsAreNeverSentOverPlainHTTP() async throws {
        // client-go applies auth only to TLS transports; the plain listener below records what arrives.
        let listener = try PlainHTTPRecorder()
        defer { listener.stop() }
        let config = ConnectionConfig(
            server: "http://127.0.0.1:\(listener.port)",
            credential: .bearerToken(token: "do-not-leak", tokenFile: nil))
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        _ = try await client.get("/version")
        let head = try #require(listener.received.first)
        #expect(head.contains("GET /version HTTP/1.1"))
        #expect(!head.contains("do-not-leak"))
        #expect(!head.lowercased().contains("authorization"))
    }
}
