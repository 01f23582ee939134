import Testing

@testable import GuardrailCLI

/// ArgumentParser's built-in `--generate-completion-script` would name shell functions after the
/// command name "kubectl guardrail" (with a space) and produce scripts that fail `bash -n`; the flag is
/// routed to `completion SHELL`, whose scripts are tested for loading in each shell elsewhere.
@Suite struct GenerateCompletionScriptTests {
    @Test(arguments: [
        (["--generate-completion-script", "bash"], CompletionShell.bash),
        (["--generate-completion-script=zsh"], CompletionShell.zsh),
        (["--context", "x", "--generate-completion-script", "fish"], CompletionShell.fish),
    ])
    func servesTheProjectsOwnScripts(arguments: [String], shell: CompletionShell) async {
        let result = await runCLI(arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == CompletionScripts.script(for: shell))
        #expect(!result.stdout.contains("kubectl guardrail_"))
    }

    @Test func withoutAShellItShowsTheCompletionCommandsHelp() async {
        let result = await runCLI(["--generate-completion-script"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("USAGE: kubectl guardrail completion <subcommand>"))
    }
}
