import GuardrailCore
import KubeConfig
import KubeTestServer
import Testing

@testable import GuardrailCLI
import TestSupport

/// whoami in process against KubeTestServer (real HTTPS through libcurl), with captured output.
@Suite("whoami against the test API server", .serialized)
struct WhoAmIEndToEndTests {
    /// A running server with cert (alice), token (jane) and basic users, and a kubeconfig for it on disk.
    final class Cluster: @unchecked Sendable {
        let server: KubeTestServer
        let directory = TemporaryDirectory()
        let kubeconfig: String

        init(versions: [String] = ["v1"], users: [TestKubeconfig.User]? = nil) throws {
            server = try KubeTestServer(.init(
                tokens: [
                    "jane-token": UserInfo(username: "jane", uid: "u-1", groups: ["devs", "system:authenticated"],
                                           extra: ["scopes.example.com": ["read", "write"]]),
                    "exec-token": UserInfo(username: "exec-user", groups: ["system:authenticated"]),
                ],
                selfSubjectReviewVersions: versions))
            let text = TestKubeconfig.render(server: server.url, caPEM: server.caPEM, users: users ?? [
                .token(name: "token", token: "jane-token"),
                .certificate(name: "cert", certificatePEM: TestPKI.aliceCertificate, keyPEM: TestPKI.aliceKey),
                .token(name: "bad", token: "unknown-token"),
            ])
            kubeconfig = directory.write("kubeconfig", text)
        }

        var environment: DiskEnvironment {
            DiskEnvironment(variables: ["KUBECONFIG": kubeconfig], homeDirectory: directory.path)
        }

        deinit { server.stop() }
    }

    @Test("identity card for a token user: identity, then the credential used")
    func card() async throws {
        let cluster = try Cluster()
        let result = await runCLI(["whoami", "--context", "token"], environment: cluster.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("""
            Username   jane
            UID        u-1
            Groups     devs
                       system:authenticated
            Extra      scopes.example.com: read, write

            Credential
            """))
        #expect(result.stdout.contains("Context     token (~/kubeconfig)"))  // HOME is the test directory
        #expect(result.stdout.contains("Auth        user token: bearer token"))
        #expect(!result.stdout.contains("jane-token"))
    }

    @Test("-o json for a certificate user is the SelfSubjectReview in kubectl's form")
    func json() async throws {
        let cluster = try Cluster()
        let result = await runCLI(["--context", "cert", "whoami", "-o", "json"], environment: cluster.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try JSONParser.parse(result.stdout)
        #expect(object["kind"] == "SelfSubjectReview")
        #expect(object["apiVersion"] == "authentication.k8s.io/v1")
        #expect(object[path: "metadata", "creationTimestamp"] == .null)
        #expect(object[path: "status", "userInfo", "username"] == "alice")
        #expect(result.stdout.hasPrefix("{\n    \"kind\": \"SelfSubjectReview\",\n    \"apiVersion\""))
        #expect(result.stdout.hasSuffix("}\n"))
    }

    @Test("-ojson (kubectl's joined spelling) and -v=6 request lines on stderr, without the token")
    func joinedOutputAndVerbose() async throws {
        let cluster = try Cluster()
        let result = await runCLI(["whoami", "--context", "token", "-ojson", "-v=6"], environment: cluster.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\n    \"kind\": \"SelfSubjectReview\""))
        #expect(result.stderr.contains("POST \(cluster.server.url)/apis/authentication.k8s.io/v1/selfsubjectreviews 201"))
        #expect(!result.stderr.contains("jane-token"))
    }

    @Test("falls back to v1beta1 and v1alpha1 on 404, in that order")
    func fallback() async throws {
        let cluster = try Cluster(versions: ["v1alpha1"])
        let result = await runCLI(["whoami", "--context", "token", "-o", "yaml"], environment: cluster.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("apiVersion: authentication.k8s.io/v1alpha1\nkind: SelfSubjectReview\n"))
        let paths = cluster.server.requests.filter { $0.method == "POST" }.map(\.path)
        #expect(paths == [
            "/apis/authentication.k8s.io/v1/selfsubjectreviews", "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews",
            "/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews",
        ])
    }

    @Test("no version served: kubectl's message, a hint, exit 2")
    func notServed() async throws {
        let cluster = try Cluster(versions: [])
        let result = await runCLI(["whoami", "--context", "token"], environment: cluster.environment)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: the selfsubjectreviews API is not enabled in the cluster\nhint: "))
    }

    @Test("a refused token: kubectl's 401 wording, exit 2, no secret")
    func unauthorized() async throws {
        let cluster = try Cluster()
        let result = await runCLI(["whoami", "--context", "bad"], environment: cluster.environment)
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("error: You must be logged in to the server (Unauthorized)"))
        #expect(!result.stderr.contains("unknown-token"))
    }

    @Test("forbidden impersonation: kubectl's 403 sentence, the server's reason as the hint")
    func forbiddenImpersonation() async throws {
        let cluster = try Cluster()
        let result = await runCLI(["whoami", "--context", "token", "--as", "root"], environment: cluster.environment)
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix(
            "error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it\n"
                + "hint: the API server said: "))
        #expect(result.stderr.contains("impersonate"))
    }

    @Test("impersonation flags reach the server and show on the card")
    func impersonation() async throws {
        let cluster = try Cluster()
        let result = await runCLI(
            ["whoami", "--context", "cert", "--as", "bob", "--as-group", "g1", "--as-group", "g2"],
            environment: cluster.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Username   bob\n"))
        #expect(result.stdout.contains("Impersonating   user bob\n"))
        let request = try #require(cluster.server.requests.last)
        #expect(request.header("Impersonate-User") == "bob")
        #expect(request.headers(named: "Impersonate-Group") == ["g1", "g2"])
    }
}
