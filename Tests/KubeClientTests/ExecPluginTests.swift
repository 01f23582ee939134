import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

/// Exec credential plugins: real scripts run by the client against the test server.
@Suite(.serialized) struct ExecPluginTests {
    /// Writes an executable `/bin/sh` script and returns its path.
    static func script(_ body: String, name: String = "plugin") -> String {
        let path = Support.temporaryDirectory() + "/" + name
        Support.write("#!/bin/sh\n" + body + "\n", to: path, executable: true)
        return path
    }

    static func credentialJSON(_ apiVersion: String, token: String, expiry: String? = nil) -> String {
        let expiryField = expiry.map { #","expirationTimestamp":"\#($0)""# } ?? ""
        return #"{"apiVersion":"\#(apiVersion)","kind":"ExecCredential","status":{"token":"\#(token)"\#(expiryField)}}"#
    }

    func client(_ server: KubeTestServer, _ exec: ExecConfig, options: ClientOptions = Support.quiet) throws
        -> KubeAPIClient
    {
        ExecAuthenticatorTestHooks.clearCache()
        return try KubeAPIClient(
            config: Support.config(server, credential: .exec(exec), userName: "exec-user"), options: options)
    }

    @Test(arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
    func tokenFromPlugin(apiVersion: String) async throws {
        let server = try KubeTestServer(.init(tokens: ["exec-token-1": UserInfo(username: "from-exec")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        // The plugin saves what it received so the test can check args, env and KUBERNETES_EXEC_INFO.
        let path = Self.script(
            """
            printf '%s' "$KUBERNETES_EXEC_INFO" > \(dir)/info.json
            printf '%s|%s' "$1" "$EXTRA" > \(dir)/args
            echo '\(Self.credentialJSON(apiVersion, token: "exec-token-1"))'
            """)
        let exec = ExecConfig(
            command: path, args: ["--flag"], env: [(name: "EXTRA", value: "x y")], apiVersion: apiVersion,
            provideClusterInfo: true, interactiveMode: "Never")
        let client = try client(server, exec)
        #expect(try await Support.whoami(client).username == "from-exec")
        _ = try await Support.whoami(client)
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer exec-token-1" })

        let info = try JSONParser.parse(bytes: try #require(readFileForTest(dir + "/info.json")))
        #expect(info["apiVersion"]?.stringValue == apiVersion)
        #expect(info["kind"]?.stringValue == "ExecCredential")
        #expect(info[path: "spec", "interactive"] == false)
        #expect(info[path: "spec", "cluster", "server"]?.stringValue == server.url)
        #expect(
            info[path: "spec", "cluster", "certificate-authority-data"]?.stringValue
                == Base64.encode(Array(TestPKI.caCertificate.utf8)))
        #expect(String(decoding: try #require(readFileForTest(dir + "/args")), as: UTF8.self) == "--flag|x y")
    }

    @Test func pluginRunsOncePerProcessUntilExpiry() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        let path = Self.script(
            "echo run >> \(dir)/runs\necho '\(Self.credentialJSON("client.authentication.k8s.io/v1", token: "t", expiry: "2999-01-01T00:00:00Z"))'"
        )
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        for _ in 0..<3 { _ = try await Support.whoami(client) }
        let runs = String(decoding: readFileForTest(dir + "/runs") ?? [], as: UTF8.self)
        #expect(runs == "run\n")
    }

    @Test func expiredCredentialRunsThePluginAgain() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        let path = Self.script(
            "echo run >> \(dir)/runs\necho '\(Self.credentialJSON("client.authentication.k8s.io/v1", token: "t", expiry: "2000-01-01T00:00:00Z"))'"
        )
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        for _ in 0..<2 { _ = try await Support.whoami(client) }
        #expect(String(decoding: readFileForTest(dir + "/runs") ?? [], as: UTF8.self) == "run\nrun\n")
    }

    @Test func clientCertificateFromPlugin() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        Support.write(TestPKI.carolCertificate, to: dir + "/cert.pem")
        Support.write(TestPKI.carolKey, to: dir + "/key.pem")
        // JSON-escape the PEM newlines with awk so the script needs nothing but POSIX tools.
        let path = Self.script(
            """
            esc() { awk 'BEGIN{ORS=""} {print $0 "\\\\n"}' "$1"; }
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s"}}' "$(esc \(dir)/cert.pem)" "$(esc \(dir)/key.pem)"
            """)
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        #expect(try await Support.whoami(client).username == "carol")
        #expect(server.requests.last?.clientCertificate?.commonName == "carol")
    }

    @Test func unauthorizedRerunsThePluginOnceAndRetries() async throws {
        let server = try KubeTestServer(.init(tokens: ["second": UserInfo(username: "rotated")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        // First run returns a token the server rejects, the second a good one.
        let path = Self.script(
            """
            if [ -f \(dir)/ran ]; then t=second; else t=first; touch \(dir)/ran; fi
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"'$t'"}}'
            """)
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        #expect(try await Support.whoami(client).username == "rotated")
        #expect(server.requests.map { $0.header("Authorization") ?? "" } == ["Bearer first", "Bearer second"])
    }

    @Test func stillUnauthorizedAfterTheRerunIsAnError() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.script("echo '\(Self.credentialJSON("client.authentication.k8s.io/v1", token: "never-valid"))'")
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(error.description == "error: You must be logged in to the server (Unauthorized)")
        #expect(server.requests.count == 2)
        #expect(!error.description.contains("never-valid") && error.hint?.contains("never-valid") != true)
    }

    @Test func failingPluginNamesCommandExitCodeAndSafeStderr() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.script("echo 'token: abc.def.ghi' >&2\necho 'login expired, run sso login' >&2\nexit 3")
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(error.kind == .exec)
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec: executable \(path) failed with exit code 3 (stderr: login expired, run sso login)"
        )
        #expect(server.requests.isEmpty)
    }

    @Test func secretLookingStderrIsNotShown() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.script("echo 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' >&2\nexit 1")
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec: executable \(path) failed with exit code 1"
        )
    }

    @Test func garbageOutputIsADecodingErrorWithoutTheOutput() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.script("echo 'garbage-secret-output'")
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description.hasPrefix(
                "Unable to connect to the server: getting credentials: decoding stdout: couldn't get version/kind; json parse error: "
            ))
        #expect(!error.description.contains("garbage-secret-output"))
    }

    @Test func wrongAPIVersionInOutput() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let path = Self.script("echo '\(Self.credentialJSON("client.authentication.k8s.io/v1beta1", token: "x"))'")
        let client = try client(
            server, ExecConfig(command: path, apiVersion: "client.authentication.k8s.io/v1", interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1"
        )
    }

    @Test func slowPluginIsKilledAfterTheTimeout() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        let path = Self.script("sleep 30\necho done > \(dir)/finished")
        var options = Support.quiet
        options.execTimeout = 0.5
        let client = try client(server, ExecConfig(command: path, interactiveMode: "Never"), options: options)
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec: executable \(path) did not finish within 500ms and was killed"
        )
        #expect(readFileForTest(dir + "/finished") == nil)
    }

    @Test func missingCommandShowsTheInstallHint() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try client(
            server,
            ExecConfig(
                command: "kubectl-guardrail-no-such-helper", installHint: "install it via \u{1B}[1mbrew\u{1B}[0m",
                interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description == """
                Unable to connect to the server: getting credentials: exec: executable kubectl-guardrail-no-such-helper not found

                It looks like you are trying to use a client-go credential plugin that is not installed.

                To learn more about this feature, consult the documentation available at:
                      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins

                install it via brew
                """)
    }

    @Test func missingPathCommand() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try client(server, ExecConfig(command: "/nonexistent/bin/helper", interactiveMode: "Never"))
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec: fork/exec /nonexistent/bin/helper: No such file or directory"
        )
    }

    @Test func interactiveAlwaysWithoutATerminal() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        var options = Support.quiet
        options.stdinIsTerminal = false
        let client = try client(server, ExecConfig(command: "/bin/true", interactiveMode: "Always"), options: options)
        let error = try #require(await Support.expectError { _ = try await Support.whoami(client) })
        #expect(
            error.description
                == "Unable to connect to the server: getting credentials: exec plugin cannot support interactive mode: standard input is not a terminal"
        )
    }

    @Test func interactiveIfAvailableTellsThePluginWhetherItIsInteractive() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        let dir = Support.temporaryDirectory()
        let path = Self.script(
            "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \(dir)/info.json\necho '\(Self.credentialJSON("client.authentication.k8s.io/v1", token: "t"))'"
        )
        var options = Support.quiet
        options.stdinIsTerminal = false
        let client = try client(server, ExecConfig(command: path, interactiveMode: "IfAvailable"), options: options)
        _ = try await Support.whoami(client)
        let info = try JSONParser.parse(bytes: try #require(readFileForTest(dir + "/info.json")))
        #expect(info[path: "spec", "interactive"] == false)
        #expect(info[path: "spec", "cluster"] == nil)  // provideClusterInfo is false
    }
}
