import KubeConfig

@testable import GuardrailCLI

/// The result of running `kubectl guardrail …` in process.
struct CLIResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Runs the CLI in process with captured output and the given environment (an in-memory one by default,
/// so tests never see the developer's kubeconfig).
func runCLI(
    _ arguments: [String], environment: any KubeConfigEnvironment = InMemoryEnvironment(), color: Bool = false
) async -> CLIResult {
    let (terminal, out, err) = Terminal.capturing(color: color)
    let code = await GuardrailMain.execute(arguments, context: CommandContext(terminal: terminal, environment: environment))
    return CLIResult(exitCode: code, stdout: out.text, stderr: err.text)
}
