import KubeConfig
import Testing

@testable import GuardrailCLI

@Suite("whoami: configuration errors, usage and help")
struct WhoAmIErrorTests {
    @Test("no kubeconfig at all: one line saying what is missing, exit 2")
    func noKubeconfig() async {
        let result = await runCLI(["whoami"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("error: no configuration: ~/.kube/config does not exist"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains("localhost:8080"))
    }

    @Test("invalid base64 in *-data names file and field, exit 2")
    func invalidBase64() async {
        let config = """
            {"apiVersion": "v1", "users": [{"name": "u1", "user": {"client-certificate-data": "Zm9v!"}}]}
            """
        let env = InMemoryEnvironment(files: ["/k/bad": config])
        let result = await runCLI(["whoami", "--kubeconfig", "/k/bad"], environment: env)
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix(
            "error: /k/bad:1:83: error loading config file: users[name=u1].user.client-certificate-data is not valid base64"))
    }

    @Test("unreadable client certificate names the file and the user")
    func unreadableCertificate() async {
        let config = """
            {"apiVersion": "v1", "current-context": "c",
             "clusters": [{"name": "c", "cluster": {"server": "https://x"}}],
             "users": [{"name": "u", "user": {"client-certificate": "u.crt", "client-key": "u.key"}}],
             "contexts": [{"name": "c", "context": {"cluster": "c", "user": "u"}}]}
            """
        let env = InMemoryEnvironment(files: ["/k/config": config])
        let result = await runCLI(["whoami", "--kubeconfig", "/k/config"], environment: env)
        #expect(result.exitCode == 2)
        #expect(result.stderr == "error: unable to read client-cert /k/u.crt for u due to open /k/u.crt: no such file or directory\n")
    }

    @Test("bad --request-timeout is a usage error with kubectl's message")
    func badTimeout() async {
        let env = InMemoryEnvironment(files: ["/home/user/.kube/config": kubeconfigWithContext("dev")])
        let result = await runCLI(["whoami", "--request-timeout", "soon"], environment: env)
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("error: Invalid timeout value."))
    }

    @Test("unknown flags are usage errors (64) on stderr")
    func unknownFlag() async {
        let result = await runCLI(["whoami", "--bogus"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--bogus"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--help shows kubectl-style usage, examples and exit codes on stdout")
    func help() async {
        let result = await runCLI(["whoami", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("kubectl guardrail whoami"))
        #expect(result.stdout.contains("kubectl guardrail whoami --context prod -o json"))
        #expect(result.stdout.contains("64  usage error"))
        #expect(result.stdout.contains("--context"))
    }

    @Test("secrets from the kubeconfig never appear in error output")
    func noSecrets() async {
        let env = InMemoryEnvironment(files: ["/home/user/.kube/config": kubeconfigWithContext("dev")])
        let result = await runCLI(["whoami", "--as-group", "g"], environment: env)
        #expect(result.exitCode == 2)
        #expect(!result.stderr.contains("secret-token-value"))
        #expect(result.stderr.contains("without impersonating a user"))
    }
}
