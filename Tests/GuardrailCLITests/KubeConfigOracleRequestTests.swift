import GuardrailCore
import KubeConfig
import KubeTestServer
import Testing

@testable import GuardrailCLI
import TestSupport

/// The second oracle: what the API server actually receives. For kubeconfig layouts and flag overrides
/// that `kubectl config view` cannot show (--cluster, --user, --token, --certificate-authority,
/// --insecure-skip-tls-verify, impersonation), `kubectl auth whoami` and our whoami must both succeed or
/// both fail, and the server must see the same authenticated and effective user and impersonation.
@Suite("kubeconfig resolution matches the requests kubectl sends", .serialized,
       .enabled(if: Subprocess.kubectl != nil, "kubectl not found"))
struct KubeConfigOracleRequestTests {
    final class Setup: @unchecked Sendable {
        let server: KubeTestServer
        let directory = TemporaryDirectory()
        let variables: [String: String]
        let caFile: String

        init() throws {
            server = try KubeTestServer(.init(tokens: [
                "jane-token": UserInfo(username: "jane", groups: ["devs", "system:authenticated"]),
            ], impersonators: ["jane", "system:masters", "alice"]))
            let ca = Base64.encode(Array(server.caPEM.utf8))
            let otherCA = Base64.encode(Array(TestPKI.otherCaCertificate.utf8))
            caFile = directory.write("pki/ca.crt", server.caPEM)
            directory.write("pki/alice.crt", TestPKI.aliceCertificate)
            directory.write("pki/alice.key", TestPKI.aliceKey)
            let text = """
                apiVersion: v1
                kind: Config
                current-context: token
                clusters:
                - name: good
                  cluster: {server: "\(server.url)", certificate-authority: pki/ca.crt}
                - name: other-ca
                  cluster: {server: "\(server.url)", certificate-authority-data: \(otherCA)}
                - name: good-data
                  cluster: {server: "\(server.url)", certificate-authority-data: \(ca)}
                users:
                - name: cert
                  user: {client-certificate: pki/alice.crt, client-key: pki/alice.key}
                - name: token
                  user: {token: jane-token}
                - name: imp
                  user: {token: jane-token, as: carol, as-groups: [g1, g2]}
                contexts:
                - name: token
                  context: {cluster: good, user: token, namespace: ns1}
                - name: cert
                  context: {cluster: good-data, user: cert}
                - name: imp
                  context: {cluster: good, user: imp}
                - name: broken
                  context: {cluster: other-ca, user: token}
                """
            let kubeconfig = directory.write("config/kubeconfig", text)
            variables = ["KUBECONFIG": kubeconfig, "HOME": directory.path, "PATH": "/usr/bin:/bin"]
        }

        deinit { server.stop() }
    }

    /// What the server saw of the last request.
    struct Seen: Equatable, CustomStringConvertible {
        var authenticated: String?
        var effective: String?
        var effectiveGroups: [String]
        var impersonateUser: String?
        var impersonateGroups: [String]

        init(_ request: RecordedRequest?) {
            authenticated = request?.authenticatedUser?.username
            effective = request?.effectiveUser?.username
            effectiveGroups = request?.effectiveUser?.groups ?? []
            impersonateUser = request?.header("Impersonate-User")
            impersonateGroups = request?.headers(named: "Impersonate-Group") ?? []
        }

        var description: String {
            "\(authenticated ?? "-") as \(effective ?? "-") \(effectiveGroups) [\(impersonateUser ?? "-") \(impersonateGroups)]"
        }
    }

    static let cases: [[String]] = [
        [], ["--context", "cert"], ["--context", "token", "--user", "cert"], ["--context", "broken", "--cluster", "good"],
        ["--context", "cert", "--cluster", "other-ca"], ["--context", "imp"], ["--context", "imp", "--as", "dave"],
        ["--context", "imp", "--as-group", "g9"], ["--context", "token", "--as", "erin", "--as-group", "x"],
        ["--context", "broken", "--insecure-skip-tls-verify"], ["--user", "nope"], ["--cluster", "nope"],
        ["--context", "nope"], ["--context", "token", "--token", "wrong-token"],
        ["--context", "cert", "--user", "token", "--cluster", "good-data"],
    ]

    /// Cases that need the server's port: `{url}` / `{port}` are substituted.
    static let serverCases: [[String]] = [
        ["--context", "token", "--server", "https://localhost:{port}"],
        ["--context", "token", "--tls-server-name", "kubernetes.default.svc"],
        ["--context", "token", "--tls-server-name", "wrong.example"],
        ["--context", "token", "--server", "{url}", "--tls-server-name", "localhost"],
    ]

    @Test("same success and same identity on the wire", arguments: cases + serverCases)
    func sameRequest(flags template: [String]) async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let setup = try Setup()
        let flags = template.map {
            $0.replacingAll("{url}", with: setup.server.url).replacingAll("{port}", with: String(setup.server.port))
        }
        let theirs = await Subprocess.run(kubectl, ["auth", "whoami", "-o", "json"] + flags, environment: setup.variables)
        let theirRequest = theirs.status == 0 ? Seen(setup.server.requests.last) : nil
        setup.server.clearRequests()
        let ours = await runCLI(
            ["whoami", "-o", "json"] + flags,
            environment: DiskEnvironment(variables: setup.variables, homeDirectory: setup.directory.path))
        let ourRequest = ours.exitCode == 0 ? Seen(setup.server.requests.last) : nil
        #expect((ours.exitCode == 0) == (theirs.status == 0), "kubectl: \(theirs.stderr) guardrail: \(ours.stderr)")
        #expect(ourRequest == theirRequest)
        if theirs.status == 0 { #expect(ours.stdout == theirs.stdout) }
    }

    @Test("--certificate-authority given as a flag is relative to the working directory and replaces the file's CA")
    func certificateAuthorityFlag() async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let setup = try Setup()
        let flags = ["--context", "broken", "--certificate-authority", setup.caFile]
        let theirs = await Subprocess.run(kubectl, ["auth", "whoami", "-o", "json"] + flags, environment: setup.variables)
        let ours = await runCLI(
            ["whoami", "-o", "json"] + flags,
            environment: DiskEnvironment(variables: setup.variables, homeDirectory: setup.directory.path))
        #expect(theirs.status == 0, "\(theirs.stderr)")
        #expect(ours.exitCode == 0, "\(ours.stderr)")
        #expect(ours.stdout == theirs.stdout)
    }
}
