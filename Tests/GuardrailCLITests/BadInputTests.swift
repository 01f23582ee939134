#if canImport(Glibc)
import Glibc
#endif
import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing
import TestSupport

@testable import GuardrailCLI
import TestSupport

// Everything a new user can get wrong, run through the built `kubectl-guardrail` binary: each row asserts
// the documented exit code (Documentation/ExitCodes.md), that stderr is one error line (plus at most a
// `hint:` or `See '… --help' for usage.` line), the words that tell the user what to fix, no crash, and that
// none of the planted secrets (tokens, key material, exec plugin output) is printed — also with `-v=9` and
// `GUARDRAIL_DEBUG=1`.

/// Strings that must never appear in anything guardrail prints.
enum PlantedSecret {
    /// A bearer token the lab server accepts (user jane).
    static let token = "planted-secret-token-4f1c9e2a"
    /// A bearer token the lab server rejects.
    static let rejectedToken = "planted-secret-rejected-token-77ab"
    /// What the misbehaving exec plugins print on stdout and stderr.
    static let execStdout = "planted-secret-exec-stdout-d00d"
    static let execStderr = "planted-secret-exec-stderr-beef"
    /// A line of alice's private key.
    static let keyLine: String = {
        let lines = TestPKI.aliceKey.split(separator: "\n").filter { !$0.hasPrefix("-----") }
        return String(lines[lines.count / 2])
    }()
    /// A line of bob's private key (the wrong-key user).
    static let otherKeyLine: String = {
        let lines = TestPKI.bobKey.split(separator: "\n").filter { !$0.hasPrefix("-----") }
        return String(lines[lines.count / 2])
    }()
    static let all = [token, rejectedToken, execStdout, execStderr, keyLine, otherKeyLine, "planted-secret"]
}

/// A test server, a directory of kubeconfigs and exec plugins, and the environment to run the binary in.
final class BadInputLab: @unchecked Sendable {
    let server: KubeTestServer
    let directory = TemporaryDirectory()
    /// The kubeconfig with one context per user (cert, token, rejected, exec-*).
    let kubeconfig: String
    /// A listening socket that never accepts: connections complete in the kernel, TLS never starts.
    private(set) var silentPort: Int = 0
    private var silentSocket: Int32 = -1

    static let fixtures: String = {
        var path = #filePath
        path = String(path[..<path.lastIndex(of: "/")!])
        return path + "/Fixtures/bad-input"
    }()

    init() throws {
        server = try KubeTestServer(.init(tokens: [
            PlantedSecret.token: UserInfo(username: "jane", groups: ["devs", "system:authenticated"]),
        ]))
        var users: [TestKubeconfig.User] = [
            .token(name: "token", token: PlantedSecret.token),
            .certificate(name: "cert", certificatePEM: TestPKI.aliceCertificate, keyPEM: TestPKI.aliceKey),
            .token(name: "rejected", token: PlantedSecret.rejectedToken),
            .certificate(name: "wrong-key", certificatePEM: TestPKI.aliceCertificate, keyPEM: TestPKI.bobKey),
            .exec(name: "exec-missing", command: directory.path + "/no-such-plugin", args: [], env: []),
        ]
        let credential = { (token: String) in
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\#(token)"}}"#
        }
        let plugins: [(String, String)] = [
            ("exec-fails", "echo '\(PlantedSecret.execStdout)'; echo '\(PlantedSecret.execStderr)' >&2; exit 3"),
            ("exec-garbage", "echo '\(PlantedSecret.execStdout) is not json'"),
            ("exec-wrong-kind", "echo '\(credential(PlantedSecret.execStdout).replacingKind())'"),
            ("exec-no-token",
             #"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}'"#),
            ("exec-rejected", "echo '\(PlantedSecret.execStderr)' >&2; echo '\(credential(PlantedSecret.rejectedToken))'"),
        ]
        for (name, script) in plugins {
            let path = directory.write("plugins/\(name)", "#!/bin/sh\n\(script)\n", mode: 0o755)
            users.append(.exec(name: name, command: path, args: [], env: []))
        }
        directory.write("plugins/exec-not-executable", "#!/bin/sh\nexit 0\n", mode: 0o644)
        users.append(.exec(name: "exec-not-executable", command: directory.path + "/plugins/exec-not-executable",
                           args: [], env: []))
        kubeconfig = directory.write("kubeconfig", TestKubeconfig.render(server: server.url, caPEM: server.caPEM, users: users))
        directory.write("home/.keep", "")
        directory.write("empty-home/.keep", "")
        openSilentListener()
    }

    private func openSilentListener() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); return }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        silentSocket = fd
        silentPort = Int(UInt16(bigEndian: address.sin_port))
    }

    /// The lab kubeconfig with `transform` applied, written next to it.
    func variant(_ name: String, _ transform: (String) -> String) -> String {
        directory.write("variants/\(name)", transform(readText(kubeconfig)))
    }

    func readText(_ path: String) -> String { Subprocess.readText(path) }

    var environment: [String: String] {
        ["HOME": directory.path + "/home", "PATH": "/usr/bin:/bin", "KUBECONFIG": kubeconfig,
         "KUBECACHEDIR": directory.path + "/cache"]
    }

    deinit {
        server.stop()
        if silentSocket >= 0 { close(silentSocket) }
    }
}

private extension String {
    func replacingKind() -> String {
        var copy = self
        if let range = copy.firstRange(of: "\"kind\":\"ExecCredential\"") { copy.replaceSubrange(range, with: "\"kind\":\"Nope\"") }
        return copy
    }

    func replacingField(_ field: String, with value: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(field + ":") else { return String(line) }
            return String(line.prefix(line.count - trimmed.count)) + field + ": " + value
        }.joined(separator: "\n")
    }
}

/// One thing a user gets wrong, and what guardrail must answer.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    /// How the row's world is set up before the binary runs.
    enum Setup: Sendable {
        /// The lab kubeconfig, unchanged.
        case lab
        /// No KUBECONFIG, HOME an empty directory.
        case noConfiguration
        /// KUBECONFIG set to this value (`{lab}` = the lab directory, `{fixtures}` = Fixtures/bad-input).
        case kubeconfigPath(String)
        /// The lab kubeconfig rewritten.
        case kubeconfig(@Sendable (String, BadInputLab) -> String)
        /// The lab kubeconfig; the server misbehaves on `path`.
        case fault(Fault, path: String)
    }

    var name: String
    var arguments: [String]
    var setup: Setup = .lab
    var exitCode: Int32
    /// Words the error must contain (case-insensitive).
    var words: [String]
    /// Whether `-v=9` may be appended (whoami and can-i take kubectl's global flags).
    var takesVerbosity = true

    var testDescription: String { name }
}

private let ssr = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
private let ssar = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"

private func withServer(_ text: String, _ server: String) -> String {
    text.replacingField("server", with: server)
}

let badInputCases: [BadInputCase] = [
    // No configuration at all, and broken KUBECONFIG values.
    .init(name: "whoami without any kubeconfig", arguments: ["whoami"], setup: .noConfiguration, exitCode: 2,
          words: ["no configuration", "--kubeconfig"]),
    .init(name: "can-i without any kubeconfig", arguments: ["can-i", "get", "pods"], setup: .noConfiguration,
          exitCode: 2, words: ["no configuration"]),
    .init(name: "KUBECONFIG names a missing file", arguments: ["whoami"],
          setup: .kubeconfigPath("{lab}/does-not-exist"), exitCode: 2, words: ["does-not-exist", "KUBECONFIG"]),
    .init(name: "KUBECONFIG names a directory", arguments: ["whoami"], setup: .kubeconfigPath("{lab}/home"),
          exitCode: 2, words: ["is a directory"]),
    .init(name: "KUBECONFIG names an empty file", arguments: ["whoami"], setup: .kubeconfigPath("/dev/null"),
          exitCode: 2, words: ["current-context"]),
    .init(name: "KUBECONFIG is binary garbage", arguments: ["whoami"],
          setup: .kubeconfigPath("{fixtures}/binary-garbage"), exitCode: 2, words: ["binary-garbage"]),
    .init(name: "KUBECONFIG with tabs for indentation", arguments: ["whoami"],
          setup: .kubeconfigPath("{fixtures}/tabs.yaml"), exitCode: 2, words: ["tabs.yaml:4", "tabs"]),
    .init(name: "KUBECONFIG with invalid UTF-8", arguments: ["whoami"],
          setup: .kubeconfigPath("{fixtures}/invalid-utf8.yaml"), exitCode: 2, words: ["invalid-utf8.yaml", "UTF-8"]),
    .init(name: "KUBECONFIG is an alias bomb", arguments: ["whoami"],
          setup: .kubeconfigPath("{fixtures}/alias-bomb.yaml"), exitCode: 2, words: ["alias-bomb.yaml", "aliases"]),
    .init(name: "KUBECONFIG nested 100k deep", arguments: ["whoami"], setup: .kubeconfigPath("{lab}/deep.yaml"),
          exitCode: 2, words: ["deep.yaml", "nesting"]),
    .init(name: "KUBECONFIG of 200 MB", arguments: ["whoami"], setup: .kubeconfigPath("{lab}/huge.yaml"),
          exitCode: 2, words: ["huge.yaml", "larger than"]),
    .init(name: "context and cluster that do not exist", arguments: ["whoami"],
          setup: .kubeconfigPath("{fixtures}/missing-fields.kubeconfig"), exitCode: 2, words: ["nowhere"]),
    .init(name: "--context typo", arguments: ["whoami", "--context", "tokn"], exitCode: 2,
          words: ["context \"tokn\" does not exist"]),
    .init(name: "--context with control characters is escaped", arguments: ["whoami", "--context", "x\u{1B}[2Jy\u{7}"],
          exitCode: 2, words: [#"x\x1b[2Jy\x07"#]),
    // Credentials.
    .init(name: "client certificate file is missing", arguments: ["whoami", "--context", "cert"],
          setup: .kubeconfig { text, lab in
              text.replacingField("client-certificate-data", with: "")
                  .replacingOccurrences("    client-certificate-data: \n", "    client-certificate: \(lab.directory.path)/nope.crt\n")
          }, exitCode: 2, words: ["nope.crt", "no such file"]),
    .init(name: "client key file is a directory", arguments: ["whoami", "--context", "cert"],
          setup: .kubeconfig { text, lab in
              text.replacingField("client-key-data", with: "")
                  .replacingOccurrences("    client-key-data: \n", "    client-key: \(lab.directory.path)/home\n")
          }, exitCode: 2, words: ["client-key", "is a directory"]),
    .init(name: "invalid base64 in certificate-authority-data", arguments: ["whoami"],
          setup: .kubeconfig { text, _ in text.replacingField("certificate-authority-data", with: "'!!not base64!!'") },
          exitCode: 2, words: ["certificate-authority-data", "base64"]),
    .init(name: "invalid base64 in client-key-data", arguments: ["whoami", "--context", "cert"],
          setup: .kubeconfig { text, _ in text.replacingField("client-key-data", with: "'%planted-secret-key%'") },
          exitCode: 2, words: ["client-key-data", "base64"]),
    .init(name: "a key that does not match the certificate", arguments: ["whoami", "--context", "wrong-key"],
          exitCode: 2, words: ["client certificate and key", "wrong-key"]),
    .init(name: "the wrong CA", arguments: ["whoami", "--context", "token"],
          setup: .kubeconfig { text, _ in
              text.replacingField(
                  "certificate-authority-data", with: Base64.encode(Array(TestPKI.otherCaCertificate.utf8)))
          }, exitCode: 2, words: ["unknown authority", "certificate-authority"]),
    .init(name: "proxy-url with an unsupported scheme and credentials", arguments: ["whoami", "--context", "token"],
          setup: .kubeconfig { text, _ in
              text.replacingOccurrences(
                  "    server: ", "    proxy-url: ftp://planted-secret-user:planted-secret-pw@proxy:1\n    server: ")
          }, exitCode: 2, words: ["proxy-url", "ftp://***@proxy:1", "socks5"]),
    .init(name: "proxy with credentials refuses the connection", arguments: ["whoami", "--context", "token"],
          setup: .kubeconfig { text, _ in
              text.replacingOccurrences(
                  "    server: ", "    proxy-url: http://planted-secret-user:planted-secret-pw@127.0.0.1:1\n    server: ")
          }, exitCode: 2, words: ["proxy"]),
    // The server.
    .init(name: "server down (port closed)", arguments: ["whoami", "--context", "token"],
          setup: .kubeconfig { text, _ in withServer(text, "https://127.0.0.1:1") }, exitCode: 2,
          words: ["127.0.0.1:1", "refused"]),
    .init(name: "server never answers, --request-timeout 1s", arguments: ["whoami", "--context", "token", "--request-timeout", "1s"],
          setup: .kubeconfig { text, lab in withServer(text, "https://127.0.0.1:\(lab.silentPort)") }, exitCode: 2,
          words: ["after 1s", "--request-timeout"]),
    .init(name: "server answers too slowly, --request-timeout 1s",
          arguments: ["whoami", "--context", "token", "--request-timeout", "1s"],
          setup: .fault(.delay(10), path: ssr), exitCode: 2, words: ["did not respond after 1s"]),
    .init(name: "401 from a static token", arguments: ["whoami", "--context", "rejected"], exitCode: 2,
          words: ["Unauthorized"]),
    .init(name: "403 on SelfSubjectReview", arguments: ["whoami", "--context", "token"],
          setup: .fault(.status(403), path: ssr), exitCode: 2, words: ["Forbidden"]),
    .init(name: "404 on SelfSubjectReview", arguments: ["whoami", "--context", "token"],
          setup: .fault(.status(404), path: ssr), exitCode: 2, words: ["selfsubjectreviews"]),
    .init(name: "500 on SelfSubjectReview", arguments: ["whoami", "--context", "token"],
          setup: .fault(.status(500), path: ssr), exitCode: 2, words: ["InternalError"]),
    .init(name: "429 on SelfSubjectReview", arguments: ["whoami", "--context", "token"],
          setup: .fault(.status(429), path: ssr), exitCode: 2, words: ["TooManyRequests"]),
    .init(name: "an HTML 502 from a proxy", arguments: ["whoami", "--context", "token"],
          setup: .fault(.raw(status: 502, contentType: "text/html", body: Array("<html>bad gateway</html>".utf8)), path: ssr),
          exitCode: 2, words: ["InternalError", "HTTP 502 text/html", "proxy"]),
    .init(name: "the connection is dropped", arguments: ["whoami", "--context", "token"],
          setup: .fault(.dropConnection, path: ssr), exitCode: 2, words: ["Unable to connect"]),
    .init(name: "a truncated body", arguments: ["whoami", "--context", "token"],
          setup: .fault(.truncatedBody, path: ssr), exitCode: 2, words: ["EOF"]),
    .init(name: "a 140 MB response", arguments: ["whoami", "--context", "token"],
          setup: .fault(.hugeBody(bytes: 140 << 20), path: ssr), exitCode: 2, words: ["larger than 128 MiB"]),
    .init(name: "a 200 answer nested 100k deep", arguments: ["whoami", "--context", "token"],
          setup: .fault(.raw(status: 200, contentType: "application/json",
                             body: Array(repeating: UInt8(ascii: "["), count: 100_000)
                                + Array(repeating: UInt8(ascii: "]"), count: 100_000)), path: ssr),
          exitCode: 2, words: ["nest"]),
    .init(name: "a 200 answer that is not JSON", arguments: ["whoami", "--context", "token"],
          setup: .fault(.raw(status: 200, contentType: "text/html", body: Array("<html>login</html>".utf8)), path: ssr),
          exitCode: 2, words: []),
    .init(name: "can-i: 403 on SelfSubjectAccessReview", arguments: ["can-i", "get", "pods", "--context", "token"],
          setup: .fault(.status(403), path: ssar), exitCode: 2, words: ["Forbidden"]),
    .init(name: "can-i: 500 on SelfSubjectAccessReview", arguments: ["can-i", "get", "pods", "--context", "token"],
          setup: .fault(.status(500), path: ssar), exitCode: 2, words: ["InternalError"]),
    .init(name: "can-i: server down", arguments: ["can-i", "get", "pods", "--context", "token"],
          setup: .kubeconfig { text, _ in withServer(text, "https://127.0.0.1:1") }, exitCode: 2, words: ["refused"]),
    // Exec plugins.
    .init(name: "exec plugin missing", arguments: ["whoami", "--context", "exec-missing"], exitCode: 2,
          words: ["no-such-plugin", "no such file"]),
    .init(name: "exec plugin not executable", arguments: ["whoami", "--context", "exec-not-executable"], exitCode: 2,
          words: ["exec-not-executable", "permission denied"]),
    .init(name: "exec plugin fails (secret on stdout and stderr)", arguments: ["whoami", "--context", "exec-fails"],
          exitCode: 2, words: ["exec-fails", "exit code 3"]),
    .init(name: "exec plugin prints garbage", arguments: ["whoami", "--context", "exec-garbage"], exitCode: 2,
          words: ["decoding stdout"]),
    .init(name: "exec plugin prints the wrong kind", arguments: ["whoami", "--context", "exec-wrong-kind"],
          exitCode: 2, words: ["not ExecCredential"]),
    .init(name: "exec plugin returns no token", arguments: ["whoami", "--context", "exec-no-token"], exitCode: 2,
          words: ["didn't return a token"]),
    .init(name: "exec plugin token rejected (token printed on stderr)", arguments: ["whoami", "--context", "exec-rejected"],
          exitCode: 2, words: ["Unauthorized", "exec-rejected"]),
    // Offline inputs and -f objects.
    .init(name: "can-i -f alias bomb", arguments: ["can-i", "create", "-f", "{fixtures}/alias-bomb.yaml", "--offline", "{fixtures}/offline"],
          exitCode: 2, words: ["alias-bomb.yaml", "aliases"]),
    .init(name: "can-i -f 100k-deep nesting", arguments: ["can-i", "create", "-f", "{lab}/deep.yaml", "--offline", "{fixtures}/offline"],
          exitCode: 2, words: ["deep.yaml", "nesting"]),
    .init(name: "can-i -f 200 MB file", arguments: ["can-i", "create", "-f", "{lab}/huge.yaml", "--offline", "{fixtures}/offline"],
          exitCode: 2, words: ["huge.yaml", "limit"]),
    .init(name: "can-i -f with tabs", arguments: ["can-i", "create", "-f", "{fixtures}/tabs.yaml", "--offline", "{fixtures}/offline"],
          exitCode: 2, words: ["tabs.yaml:4", "tabs"]),
    .init(name: "can-i -f missing file", arguments: ["can-i", "create", "-f", "{lab}/nope.yaml", "--offline", "{fixtures}/offline"],
          exitCode: 2, words: ["nope.yaml"]),
    .init(name: "--offline directory missing", arguments: ["can-i", "get", "pods", "--offline", "{lab}/no-dir"],
          exitCode: 2, words: ["no-dir"]),
    .init(name: "--offline with an alias bomb", arguments: ["can-i", "get", "pods", "--offline", "{fixtures}/alias-bomb.yaml"],
          exitCode: 2, words: ["alias-bomb.yaml", "aliases"]),
    .init(name: "--offline policy without kind", arguments: ["can-i", "get", "pods", "--offline", "{fixtures}/policies/no-kind.yaml"],
          exitCode: 2, words: ["no-kind.yaml", "kind"]),
    // jp.
    .init(name: "jp -i alias bomb", arguments: ["jp", "-i", "{fixtures}/alias-bomb.yaml", "a0"], exitCode: 2,
          words: ["alias-bomb.yaml", "aliases"], takesVerbosity: false),
    .init(name: "jp -i 100k-deep nesting", arguments: ["jp", "-i", "{lab}/deep.yaml", "@"], exitCode: 2,
          words: ["deep.yaml", "nesting"], takesVerbosity: false),
    .init(name: "jp -i 200 MB file", arguments: ["jp", "-i", "{lab}/huge.yaml", "@"], exitCode: 2,
          words: ["huge.yaml", "limit"], takesVerbosity: false),
    .init(name: "jp -i missing file", arguments: ["jp", "-i", "{lab}/nope.json", "@"], exitCode: 2,
          words: ["nope.json"], takesVerbosity: false),
    .init(name: "jp -i a directory", arguments: ["jp", "-i", "{lab}/home", "@"], exitCode: 2,
          words: ["home"], takesVerbosity: false),
    // Usage.
    .init(name: "unknown flag", arguments: ["whoami", "--frobnicate"], exitCode: 64, words: ["--frobnicate"]),
    .init(name: "unknown subcommand", arguments: ["whoamii"], exitCode: 64, words: ["whoamii"], takesVerbosity: false),
    .init(name: "flag without its value", arguments: ["whoami", "--context"], exitCode: 64, words: ["--context"],
          takesVerbosity: false),
    .init(name: "-n without its value", arguments: ["can-i", "get", "pods", "-n"], exitCode: 64, words: ["-n"],
          takesVerbosity: false),
    .init(name: "-o xml (whoami)", arguments: ["whoami", "-o", "xml"], exitCode: 64, words: ["xml", "json"]),
    .init(name: "-o xml (can-i)", arguments: ["can-i", "get", "pods", "-o", "xml"], exitCode: 64, words: ["xml", "table"]),
    .init(name: "can-i without a resource", arguments: ["can-i", "get"], exitCode: 64, words: ["resource"]),
    .init(name: "--request-timeout garbage", arguments: ["whoami", "--request-timeout", "soon"], exitCode: 64,
          words: ["timeout"]),
    .init(name: "completion for an unknown shell", arguments: ["completion", "tcsh"], exitCode: 64, words: ["tcsh"],
          takesVerbosity: false),
    .init(name: "jp without an expression", arguments: ["jp"], exitCode: 64, words: ["expression"], takesVerbosity: false),
]

private extension String {
    /// Every occurrence replaced, in one pass (the replacement may contain the target).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// The first line of an error, in one of the shapes guardrail prints (its own, or kubectl's exact wording).
private let errorLinePrefixes = [
    "error: ", "Unable to connect to the server: ", "The connection to the server ", "Error from server",
]

/// Signs of a crash rather than an error message.
private let crashMarkers = ["Fatal error", "Stack dump", "Backtrace", "Current stack trace", "SIGSEGV", "SIGILL",
                            "SIGTRAP", "Segmentation fault", "💣"]

@Suite(
    "bad input: one clear line, the documented exit code, no crash, no secret", .serialized,
    .enabled(if: BuiltProducts.plugin != nil && BuiltProducts.testServer != nil, "products not built (swift build first)"))
struct BadInputTests {
    /// Makes the big generated inputs once per lab (the 200 MB file is sparse: no disk, no time).
    static func prepare(_ lab: BadInputLab) {
        let depth = 100_000
        lab.directory.write("deep.yaml", String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        let huge = lab.directory.write("huge.yaml", "apiVersion: v1\nkind: Config\n")
        _ = truncate(huge, 200 << 20)
    }

    static func resolve(_ text: String, _ lab: BadInputLab) -> String {
        text.replacingOccurrences("{lab}", lab.directory.path).replacingOccurrences("{fixtures}", BadInputLab.fixtures)
    }

    static func environment(for row: BadInputCase, _ lab: BadInputLab) -> [String: String] {
        var environment = lab.environment
        switch row.setup {
        case .lab, .fault: break
        case .noConfiguration:
            environment["KUBECONFIG"] = nil
            environment["HOME"] = lab.directory.path + "/empty-home"
        case .kubeconfigPath(let path):
            environment["KUBECONFIG"] = resolve(path, lab)
        case .kubeconfig(let transform):
            environment["KUBECONFIG"] = lab.variant(row.name.filter { $0.isLetter }) { transform($0, lab) }
        }
        if case .fault(let fault, let path) = row.setup { lab.server.inject(fault, path: path) }
        return environment
    }

    @Test("each bad input", arguments: badInputCases)
    func badInput(_ row: BadInputCase) async throws {
        let plugin = try #require(BuiltProducts.plugin)
        let lab = try BadInputLab()
        Self.prepare(lab)
        let environment = Self.environment(for: row, lab)
        let arguments = row.arguments.map { Self.resolve($0, lab) }

        let result = await Subprocess.runOffPool(plugin, arguments, environment: environment)
        #expect(result.status == row.exitCode, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(result.stderr.hasSuffix("\n"))
        #expect(lines.count == 1 || lines.count == 2, "stderr: \(result.stderr)")
        if let first = lines.first {
            #expect(errorLinePrefixes.contains { first.hasPrefix($0) }, "first line: \(first)")
        }
        if lines.count == 2 {
            #expect(lines[1].hasPrefix("hint: ") || lines[1].hasPrefix("See '"), "second line: \(lines[1])")
        }
        for word in row.words {
            #expect(result.stderr.lowercased().contains(word.lowercased()), "missing \"\(word)\" in: \(result.stderr)")
        }
        Self.expectNoCrashAndNoSecret(result)

        // The same mistake, verbosely: debug lines may appear, secrets and crashes may not.
        var debug = environment
        debug["GUARDRAIL_DEBUG"] = "1"
        let verbose = await Subprocess.runOffPool(
            plugin, arguments + (row.takesVerbosity ? ["-v=9"] : []), environment: debug)
        #expect(verbose.status == row.exitCode, "stderr: \(verbose.stderr)")
        Self.expectNoCrashAndNoSecret(verbose)
    }

    static func expectNoCrashAndNoSecret(_ result: Subprocess.Result, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(result.status < 128, "killed by a signal", sourceLocation: sourceLocation)
        for marker in crashMarkers {
            #expect(!result.stderr.contains(marker) && !result.stdout.contains(marker), "crash: \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
        for secret in PlantedSecret.all {
            #expect(!result.stderr.contains(secret), "secret \(secret) on stderr: \(result.stderr)",
                    sourceLocation: sourceLocation)
            #expect(!result.stdout.contains(secret), "secret \(secret) on stdout", sourceLocation: sourceLocation)
        }
    }
}

/// The fixes behind the table above, checked where they live (no subprocess needed).
@Suite("bad input: the pieces behind the messages")
struct BadInputUnitTests {
    @Test("a --request-timeout shorter than the connect timeout is reported as the request timeout")
    func shortRequestTimeoutWhileConnecting() {
        let error = TransportErrorMapping.error(
            code: 28, message: "Connection timed out after 1000 milliseconds",
            context: .init(serverHostPort: "10.0.0.1:443", verifiedHostName: "10.0.0.1", requestTimeout: 1,
                           connectTimeout: 30))
        #expect(error.description.contains("after 1s"))
        #expect(!error.description.contains("30s"))
        #expect(error.hint?.contains("--request-timeout") == true)
        let connect = TransportErrorMapping.error(
            code: 28, message: "Connection timed out after 30000 milliseconds",
            context: .init(serverHostPort: "10.0.0.1:443", verifiedHostName: "10.0.0.1", connectTimeout: 30))
        #expect(connect.description.contains("no connection after 30s"))
    }

    @Test("without --request-timeout a silent server is given up on after the default budget, with a clear hint")
    func defaultRequestBudget() async throws {
        let server = try KubeTestServer(.init(tokens: [PlantedSecret.token: UserInfo(username: "jane")]))
        defer { server.stop() }
        server.inject(.delay(20), path: "/apis/authentication.k8s.io/v1/selfsubjectreviews")
        let config = ConnectionConfig(
            userName: "jane", server: server.url, certificateAuthorityPEM: Array(server.caPEM.utf8),
            credential: .bearerToken(token: PlantedSecret.token, tokenFile: nil))
        var options = ClientOptions(debugLog: nil)
        options.defaultRequestTimeout = 1
        let client = try KubeAPIClient(config: config, options: options)
        do {
            _ = try await client.post(
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                body: ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"])
            Issue.record("a server that does not answer must not succeed")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.description.contains("after 1s"), "\(error.description)")
            #expect(error.hint?.contains("by default") == true, "\(error.hint ?? "")")
            #expect(!error.description.contains(PlantedSecret.token))
        }
        // The default budget is ours, not the user's: it is not sent as ?timeout=.
        #expect(server.requests.allSatisfy { $0.queryValue("timeout") == nil })
    }

    @Test("control characters are escaped the way Go's %q shows them", arguments: [
        ("x\u{1B}[2Jy", #"x\x1b[2Jy"#), ("bell\u{7}", #"bell\x07"#), ("a\nb", #"a\nb"#), ("tab\t", #"tab\t"#),
        ("c1\u{9B}", #"c1\u009b"#), ("del\u{7F}", #"del\x7f"#), ("plain ü ✓", "plain ü ✓"),
    ])
    func escaping(input: String, expected: String) {
        #expect(ControlCharacterEscaping.escape(input) == expected)
    }

    @Test("jp's caret diagram is clipped around the caret for huge expressions")
    func clippedPointer() async throws {
        let plugin = try #require(BuiltProducts.plugin, "products not built (swift build first)")
        let directory = TemporaryDirectory()
        let input = directory.write("input.json", "{}")
        let expression = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        let result = await Subprocess.runOffPool(plugin, ["jp", "-i", input, expression], environment: [:])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr.prefix(300))")
        #expect(lines.allSatisfy { $0.count < 200 })
        #expect(lines.first?.hasPrefix("error: syntax error at column 129") == true)
        // The caret still points at column 129 of the original: 60 characters into the window.
        if lines.count == 3 { #expect(lines[2] == "  " + String(repeating: " ", count: 61) + "^") }
        #expect(JPEvaluation.clipped("short\n  ^") == "short\n  ^")
    }

    @Test("multi-line tables keep their line breaks but lose escape sequences")
    func escapingKeepsLines() {
        #expect(ControlCharacterEscaping.escape("a\u{1B}[31m\nb\tc", keepingLineBreaks: true) == "a\\x1b[31m\nb\tc")
    }

    @Test("ArgumentParser usage errors become one kubectl-style line plus the help pointer")
    func condensedUsage() {
        let message = """
            error: Missing value for '--context <context>'
            Help:  --context <context>  The name of the kubeconfig context to use.
            Usage: kubectl guardrail whoami <options>
              See 'kubectl guardrail whoami --help' for more information.
            """
        #expect(ErrorReporter.condensedUsageError(message)
                == "error: missing value for '--context <context>'\nSee 'kubectl guardrail whoami --help' for usage.\n")
    }

    @Test("offline policy warnings name the policy and the field")
    func policyWarningsNameThePolicy() async {
        let fixtures = BadInputLab.fixtures
        let result = await runCLI(
            ["can-i", "create", "configmaps", "-n", "apps", "--offline", fixtures + "/offline",
             "--offline", fixtures + "/policies/wrong-type.yaml"],
            environment: DiskEnvironment(variables: [:], homeDirectory: "/nonexistent"))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains(#"policy "ClusterPolicy/wrong-type" spec.rules: expected a list"#), "\(result.stderr)")
    }

    @Test("a hostile resource name cannot put escape sequences on the terminal")
    func hostileNameInTable() async {
        let result = await runCLI(
            ["can-i", "get", "configmaps", "evil\u{1B}[2J\u{1B}[32myes\u{7}", "-n", "apps",
             "--offline", BadInputLab.fixtures + "/offline"],
            environment: DiskEnvironment(variables: [:], homeDirectory: "/nonexistent"))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{7}"))
        #expect(result.stdout.contains(#"evil\x1b[2J\x1b[32myes\x07"#))
    }

    @Test("policies with a broken {{ }} expression or an unknown operator fail closed, naming the policy",
          arguments: ["broken-jmespath", "unknown-operator"])
    func brokenPolicies(policy: String) async {
        let result = await runCLI(
            ["can-i", "create", "configmaps", "-n", "apps", "--offline", BadInputLab.fixtures + "/offline",
             "--offline", BadInputLab.fixtures + "/policies/\(policy).yaml", "-o", "json"],
            environment: DiskEnvironment(variables: [:], homeDirectory: "/nonexistent"))
        // Kyverno: an Enforce rule that errors blocks the request (failurePolicy Fail).
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stdout.contains(policy))
        for marker in ["Fatal error", "Stack dump"] { #expect(!result.stderr.contains(marker)) }
    }
}

/// A hostile server: what it sends is data, never terminal control.
@Suite("bad input: a hostile server cannot drive the terminal")
struct HostileServerTests {
    @Test("a username with escape sequences is escaped on the identity card", arguments: ["", "json", "yaml"])
    func hostileUsername(format: String) async throws {
        let server = try KubeTestServer(.init(tokens: [
            PlantedSecret.token: UserInfo(username: "evil\u{1B}]0;pwned\u{7}\u{1B}[2Jadmin",
                                          groups: ["g\u{9B}31m", "system:authenticated"]),
        ]))
        defer { server.stop() }
        let directory = TemporaryDirectory()
        let kubeconfig = directory.write("kubeconfig", TestKubeconfig.render(
            server: server.url, caPEM: server.caPEM, users: [.token(name: "token", token: PlantedSecret.token)]))
        let result = await runCLI(
            ["whoami"] + (format.isEmpty ? [] : ["-o", format]),
            environment: DiskEnvironment(variables: ["KUBECONFIG": kubeconfig], homeDirectory: directory.path))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("evil"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{7}"), "\(result.stdout.debugDescription)")
        // JSON and YAML stay byte-identical to kubectl's, which leaves C1 characters (UTF-8 encoded) alone.
        if format.isEmpty { #expect(!result.stdout.contains("\u{9B}"), "\(result.stdout.debugDescription)") }
        #expect(!result.stderr.contains("\u{1B}"))
    }

    @Test("a server error message with escape sequences is escaped")
    func hostileErrorMessage() async throws {
        let server = try KubeTestServer(.init(tokens: [PlantedSecret.token: UserInfo(username: "jane")]))
        defer { server.stop() }
        server.inject(
            .raw(status: 500, contentType: "text/plain", body: Array("down\u{1B}[2J\nnow".utf8)),
            path: "/apis/authentication.k8s.io/v1/selfsubjectreviews")
        let directory = TemporaryDirectory()
        let kubeconfig = directory.write("kubeconfig", TestKubeconfig.render(
            server: server.url, caPEM: server.caPEM, users: [.token(name: "token", token: PlantedSecret.token)]))
        let result = await runCLI(
            ["whoami"], environment: DiskEnvironment(variables: ["KUBECONFIG": kubeconfig], homeDirectory: directory.path))
        #expect(result.exitCode == 2)
        #expect(!result.stderr.contains("\u{1B}"), "\(result.stderr.debugDescription)")
        #expect(result.stderr.hasPrefix("Error from server (InternalError)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
    }
}

/// An unreadable certificate file: root reads everything, so the binary runs as `nobody` via setpriv(1).
@Suite("bad input: unreadable files")
struct UnreadableFileTests {
    static let setpriv = Subprocess.findExecutable(["/usr/bin/setpriv", "/bin/setpriv"])

    @Test("a client certificate without read permission names the file and the cause",
          .enabled(if: getuid() == 0 && setpriv != nil, "needs root and setpriv to drop to nobody"),
          .enabled(if: BuiltProducts.plugin != nil, "products not built (swift build first)"))
    func unreadableCertificate() async throws {
        let plugin = try #require(BuiltProducts.plugin)
        let setpriv = try #require(Self.setpriv)
        let directory = TemporaryDirectory()
        chmod(directory.path, 0o755)
        let cert = directory.write("alice.crt", TestPKI.aliceCertificate, mode: 0o000)
        let key = directory.write("alice.key", TestPKI.aliceKey, mode: 0o644)
        let kubeconfig = directory.write("kubeconfig", """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: alice, user: {client-certificate: \(cert), client-key: \(key)}}]
            contexts: [{name: x, context: {cluster: c, user: alice}}]
            current-context: x
            """, mode: 0o644)
        let result = await Subprocess.runOffPool(
            setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", plugin, "whoami"],
            environment: ["KUBECONFIG": kubeconfig, "HOME": directory.path, "PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: unable to read client-cert \(cert) for alice due to open \(cert): permission denied\n")
        #expect(!result.stderr.contains(PlantedSecret.keyLine))
    }
}
