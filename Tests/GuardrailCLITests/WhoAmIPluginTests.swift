#if canImport(Glibc)
import Glibc
#endif
import GuardrailCore
import KubeTestServer
import Testing
import TestSupport

/// `kubectl guardrail whoami` through kubectl's plugin mechanism (the built `kubectl-guardrail` on PATH),
/// compared with `kubectl auth whoami` against the same test server.
@Suite(
    "kubectl guardrail whoami through kubectl equals kubectl auth whoami", .serialized,
    .enabled(if: Subprocess.kubectl != nil, "kubectl not found"),
    .enabled(if: BuiltProducts.plugin != nil && BuiltProducts.testServer != nil, "products not built (swift build first)"))
struct WhoAmIPluginTests {
    @Test("-o json and -o yaml are byte-identical for cert, token and exec users", arguments: ["cert", "token", "exec"])
    func sameOutput(context: String) async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let setup = try PluginSetup()
        for format in ["json", "yaml"] {
            let ours = await setup.run(kubectl, ["guardrail", "whoami", "--context", context, "-o", format])
            let theirs = await setup.run(kubectl, ["auth", "whoami", "--context", context, "-o", format])
            #expect(theirs.status == 0, "kubectl: \(theirs.stderr)")
            #expect(ours.status == 0, "guardrail: \(ours.stderr)")
            #expect(ours.stdout == theirs.stdout)
            #expect(!ours.stdout.isEmpty)
        }
        // Global flags right after the plugin name work too (kubectl passes them through).
        let early = await setup.run(kubectl, ["guardrail", "--context", context, "whoami", "-o", "json"])
        #expect(early.status == 0, "\(early.stderr)")
        let reference = await setup.run(kubectl, ["auth", "whoami", "--context", context, "-o", "json"])
        #expect(early.stdout == reference.stdout)
    }

    @Test("the identity card names the user kubectl's table names")
    func card() async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let setup = try PluginSetup()
        let ours = await setup.run(kubectl, ["guardrail", "whoami", "--context", "cert"])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout.hasPrefix("Username   alice\n"))
        #expect(!ours.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("colour only on a terminal, and never with NO_COLOR", .enabled(if: Subprocess.findExecutable(["/usr/bin/script"]) != nil))
    func colourOnTerminal() async throws {
        let setup = try PluginSetup()
        let plugin = try #require(BuiltProducts.plugin)
        // script(1) gives the plugin a pseudo-terminal as stdout.
        let command = "\(plugin) whoami --context cert"
        let tty = await Subprocess.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], environment: setup.environment)
        #expect(tty.status == 0, "\(tty.stdout)")
        #expect(tty.stdout.contains("\u{1B}["))
        var noColor = setup.environment
        noColor["NO_COLOR"] = "1"
        let plain = await Subprocess.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], environment: noColor)
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("alice"))
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test("errors: a missing context exits 2 with kubectl's wording")
    func missingContext() async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let setup = try PluginSetup()
        let ours = await setup.run(kubectl, ["guardrail", "whoami", "--context", "nope"])
        #expect(ours.status == 2)
        #expect(ours.stderr == "error: context \"nope\" does not exist\n")
    }
}

/// The built executables, found next to the test bundle's package.
enum BuiltProducts {
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    static func product(_ name: String) -> String? {
        Subprocess.findExecutable(["\(root)/.build/debug/\(name)", "\(root)/.build/release/\(name)"])
    }

    static let plugin = product("kubectl-guardrail")
    static let testServer = product("guardrail-test-server")
}

/// A test server with cert/token/exec users, a kubeconfig, and a PATH holding the plugin.
final class PluginSetup: @unchecked Sendable {
    let server: KubeTestServer
    let directory = TemporaryDirectory()
    let environment: [String: String]

    init() throws {
        server = try KubeTestServer(.init(tokens: [
            "jane-token": UserInfo(username: "jane", uid: "u-1", groups: ["devs", "system:authenticated"],
                                   extra: ["scopes.example.com": ["read", "write"], "a/b": ["x y"]]),
            "guardrail-demo-exec-token": UserInfo(username: "exec-user", groups: ["system:authenticated"]),
        ]))
        var users: [TestKubeconfig.User] = [
            .certificate(name: "cert", certificatePEM: TestPKI.aliceCertificate, keyPEM: TestPKI.aliceKey),
            .token(name: "token", token: "jane-token"),
        ]
        if let helper = BuiltProducts.testServer {
            users.append(.exec(name: "exec", command: helper, args: ["exec-credential"], env: []))
        }
        let kubeconfig = directory.write(
            "kubeconfig", TestKubeconfig.render(server: server.url, caPEM: server.caPEM, users: users))
        let bin = directory.path + "/bin"
        directory.write("bin/.keep", "")
        if let plugin = BuiltProducts.plugin { symlink(plugin, bin + "/kubectl-guardrail") }
        environment = ["KUBECONFIG": kubeconfig, "HOME": directory.path, "PATH": "\(bin):/usr/bin:/bin"]
    }

    func run(_ kubectl: String, _ arguments: [String]) async -> Subprocess.Result {
        await Subprocess.run(kubectl, arguments, environment: environment)
    }

    deinit { server.stop() }
}
