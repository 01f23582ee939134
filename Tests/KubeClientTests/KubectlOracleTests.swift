import Foundation
import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing
import TestSupport

/// A real kubectl binary (gcloud's versioned one first: /usr/bin/kubectl may be gcloud's dispatcher).
let kubectlForOracleTests: String? = [
    "/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/lib/google-cloud-sdk/bin/kubectl", "/usr/bin/kubectl",
].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The real kubectl as a client of the test server: proves the server speaks the apiserver's protocol
/// (discovery, protobuf reviews, Status errors) well enough to serve as the oracle for guardrail.
@Suite(.enabled(if: kubectlForOracleTests != nil, "kubectl not found; install it to run the oracle tests"))
struct KubectlOracleTests {
    static var kubectl: String? { kubectlForOracleTests }

    /// Runs kubectl, waiting for it off the cooperative pool; returns (exit code, stdout, stderr).
    static func run(_ arguments: [String]) async -> (Int32, String, String) {
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECACHEDIR"] = Support.temporaryDirectory()
        let result = await Subprocess.run(kubectl!, arguments, environment: environment)
        return (result.status, result.stdout, result.stderr)
    }

    static func kubeconfig(_ server: KubeTestServer) -> String {
        let path = Support.temporaryDirectory() + "/config"
        Support.write(
            TestKubeconfig.render(
                server: server.url, caPEM: server.caPEM,
                users: [
                    .certificate(name: "cert", certificatePEM: TestPKI.bobCertificate, keyPEM: TestPKI.bobKey),
                    .token(name: "token", token: "kubectl-token"),
                ]), to: path)
        return path
    }

    @Test(arguments: ["cert", "token"])
    func whoamiMatchesOurClient(context: String) async throws {
        let server = try KubeTestServer(
            .init(tokens: ["kubectl-token": UserInfo(username: "jane", uid: "7", groups: ["devs"])]))
        defer { server.stop() }
        let path = Self.kubeconfig(server)
        let (code, stdout, stderr) = await Self.run([
            "--kubeconfig", path, "--context", context, "auth", "whoami", "-o", "json",
        ])
        #expect(code == 0, "kubectl failed: \(stderr)")
        let theirs = try JSONParser.parse(stdout)
        let credential: Credential =
            context == "cert"
            ? Support.certificate(TestPKI.bobCertificate, TestPKI.bobKey)
            : .bearerToken(token: "kubectl-token", tokenFile: nil)
        let client = try KubeAPIClient(config: Support.config(server, credential: credential), options: Support.quiet)
        let ours = try await client.post(Support.selfSubjectReviewPath, body: Support.selfSubjectReviewBody)
        #expect(theirs == ours)
    }

    @Test func canIThroughProtobufAndTheAuthorizer() async throws {
        let server = try KubeTestServer(.init(tokens: ["kubectl-token": UserInfo(username: "jane")]))
        defer { server.stop() }
        server.setAuthorizer { user, attributes in
            let verb = attributes[path: "resourceAttributes", "verb"]?.stringValue
            return verb == "get"
                ? AuthorizationDecision(allowed: true)
                : AuthorizationDecision(allowed: false, reason: "not on my watch")
        }
        let path = Self.kubeconfig(server)
        let yes = await Self.run([
            "--kubeconfig", path, "--context", "token", "auth", "can-i", "get", "pods", "-n", "team-a",
        ])
        #expect(yes.0 == 0 && yes.1 == "yes\n", "\(yes.2)")
        let no = await Self.run([
            "--kubeconfig", path, "--context", "token", "auth", "can-i", "delete", "pods", "-n", "team-a",
        ])
        #expect(no.0 == 1 && no.1 == "no - not on my watch\n", "\(no.2)")
        let review = try #require(server.requests.last { $0.path.hasSuffix("selfsubjectaccessreviews") })
        #expect(review.header("Content-Type") == "application/vnd.kubernetes.protobuf")
    }

    @Test func kubectlErrorWordingMatchesOurs() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.kubeconfig(server)
        // The token is unknown to this server: both clients must say the same.
        let (code, _, stderr) = await Self.run(["--kubeconfig", path, "--context", "token", "auth", "whoami"])
        #expect(code == 1)
        let client = try KubeAPIClient(
            config: Support.config(server, credential: .bearerToken(token: "kubectl-token", tokenFile: nil)),
            options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(stderr.trimmingCharacters(in: .whitespacesAndNewlines) == error.description)
    }
}
