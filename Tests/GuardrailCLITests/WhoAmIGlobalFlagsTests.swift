import KubeConfig
import Testing

@testable import GuardrailCLI

@Suite("kubectl global flags before or after the subcommand")
struct WhoAmIGlobalFlagsTests {
    @Test("flags before the subcommand move after it", arguments: [
        (["--context", "x", "whoami"], ["whoami", "--context", "x"]),
        (["--context=x", "whoami", "-o", "json"], ["whoami", "--context", "x", "-o", "json"]),
        (["-nkube-system", "whoami"], ["whoami", "-n", "kube-system"]),
        (["-n=kube-system", "--insecure-skip-tls-verify", "whoami"], ["whoami", "-n", "kube-system", "--insecure-skip-tls-verify"]),
        (["whoami", "--context", "x"], ["whoami", "--context", "x"]),
        (["--insecure-skip-tls-verify=false", "whoami"], ["whoami"]),
        (["--insecure-skip-tls-verify=true", "whoami"], ["whoami", "--insecure-skip-tls-verify"]),
        (["--context", "whoami", "whoami"], ["whoami", "--context", "whoami"]),
        (["whoami", "--", "-nfoo"], ["whoami", "--", "-nfoo"]),
        (["--help"], ["--help"]),
        (["-v=6", "whoami"], ["whoami", "-v", "6"]),
    ])
    func normalize(input: [String], expected: [String]) {
        #expect(KubectlArguments.normalize(input) == expected)
    }

    @Test("nested subcommands keep their path before the hoisted flags")
    func nested() {
        let tree: KubectlArguments.CommandTree = [[]: ["completion"], ["completion"]: ["install"]]
        #expect(KubectlArguments.normalize(["--context", "x", "completion", "install", "bash"], commands: tree)
            == ["completion", "install", "--context", "x", "bash"])
    }

    @Test("every global flag in the table is accepted by GlobalOptions")
    func tableMatchesOptions() throws {
        for flag in KubectlArguments.globalFlags {
            let words = flag.takesValue ? ["--\(flag.name)", flag.name == "v" ? "6" : "value"] : ["--\(flag.name)"]
            _ = try GlobalOptions.parse(words)
            if let short = flag.short {
                _ = try GlobalOptions.parse(["-\(short)", flag.name == "v" ? "6" : "value"])
            }
        }
    }

    @Test("the same missing context error, flag before or after whoami")
    func sameErrorEitherWay() async {
        let env = InMemoryEnvironment(files: ["/home/user/.kube/config": kubeconfigWithContext("dev")])
        let before = await runCLI(["--context", "nope", "whoami"], environment: env)
        let after = await runCLI(["whoami", "--context", "nope"], environment: env)
        #expect(before.stderr == "error: context \"nope\" does not exist\n")
        #expect(before.exitCode == 2)
        #expect(after.stderr == before.stderr && after.exitCode == before.exitCode)
        #expect(before.stdout.isEmpty)
    }
}

/// A minimal kubeconfig text with one token context.
func kubeconfigWithContext(_ name: String, server: String = "https://127.0.0.1:1") -> String {
    """
    {"apiVersion": "v1", "kind": "Config", "current-context": "\(name)",
     "clusters": [{"name": "\(name)", "cluster": {"server": "\(server)"}}],
     "users": [{"name": "\(name)", "user": {"token": "secret-token-value"}}],
     "contexts": [{"name": "\(name)", "context": {"cluster": "\(name)", "user": "\(name)"}}]}
    """
}
