import GuardrailCore
import KubeTestServer

// Runs KubeTestServer standalone for benchmarks and demos:
//
//   guardrail-test-server [--kubeconfig PATH] [--latency SECONDS]
//       Serves https://127.0.0.1:<ephemeral port> until killed. Writes a kubeconfig (to PATH, else to
//       stdout) with one context per user: `cert` (client certificate alice, groups devs and
//       system:masters), `token` (jane, group devs) and `exec` (an exec plugin: this binary's
//       `exec-credential` mode, user exec-user). The first line on stderr is `serving on URL`.
//   guardrail-test-server exec-credential
//       Prints the ExecCredential (client.authentication.k8s.io/v1) the `exec` user's plugin returns.
#if canImport(Glibc)
    import Glibc
#endif

let tokenUser = "guardrail-demo-token"
let execToken = "guardrail-demo-exec-token"

func fail(_ message: String) -> Never {
    let text = "error: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

func selfPath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return CommandLine.arguments[0] }
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "exec-credential" {
    print(
        #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\#(execToken)"}}"#)
    exit(0)
}
var kubeconfigPath: String?
var latency = 0.0
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--kubeconfig":
        guard !arguments.isEmpty else { fail("--kubeconfig needs a path") }
        kubeconfigPath = arguments.removeFirst()
    case "--latency":
        guard let value = arguments.first.flatMap(Double.init) else { fail("--latency needs seconds") }
        arguments.removeFirst()
        latency = value
    case "-h", "--help":
        print("usage: guardrail-test-server [--kubeconfig PATH] [--latency SECONDS] | exec-credential")
        exit(0)
    default:
        fail("unknown argument \"\(flag)\" (see --help)")
    }
}

let server: KubeTestServer
do {
    server = try KubeTestServer(
        .init(
            tokens: [
                tokenUser: UserInfo(username: "jane", groups: ["devs"]), execToken: UserInfo(username: "exec-user"),
            ],
            latency: latency))
} catch {
    fail("cannot start the test server: \(error)")
}
let kubeconfig = TestKubeconfig.render(
    server: server.url, caPEM: server.caPEM,
    users: [
        .certificate(name: "cert", certificatePEM: TestPKI.aliceCertificate, keyPEM: TestPKI.aliceKey),
        .token(name: "token", token: tokenUser),
        .exec(name: "exec", command: selfPath(), args: ["exec-credential"], env: []),
    ])
if let kubeconfigPath {
    let fd = open(kubeconfigPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fail("cannot write \(kubeconfigPath): \(String(cString: strerror(errno)))") }
    _ = kubeconfig.withCString { write(fd, $0, strlen($0)) }
    close(fd)
} else {
    print(kubeconfig, terminator: "")
}
let banner = "serving on \(server.url)\n"
_ = banner.withCString { write(2, $0, strlen($0)) }
while true { pause() }
