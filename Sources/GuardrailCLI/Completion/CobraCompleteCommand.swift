import ArgumentParser

/// The hidden `__complete` subcommand: cobra's completion protocol, which kubectl (1.26+) speaks to the
/// `kubectl_complete-guardrail` shim and our bash/zsh/fish scripts speak to the binary.
///
/// `kubectl guardrail __complete can-i get ""` prints resource types, one per line with a TAB and a
/// description, then `:4`. Every word after `__complete` is taken verbatim, flags included.
struct CobraComplete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__complete",
        abstract: "Answer a shell completion request (cobra's protocol, used by kubectl plugin completion).",
        shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough, help: "The words after the plugin name; the last is the partial word.")
    var words: [String] = []

    func run() async {
        let context = CommandContext.current
        let engine = CompletionEngine.live(environment: context.environment)
        let answer = await engine.complete(words)
        let activeHelp = CompletionEnvironment.activeHelpEnabled(context.environment)
        context.terminal.write(answer.rendered(activeHelpEnabled: activeHelp))
    }
}
