import ArgumentParser

/// `kubectl guardrail completion`: prints shell completion scripts and installs kubectl's plugin
/// completion shim.
struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print shell completion scripts or install kubectl's plugin completion shim.",
        discussion: """
            `kubectl guardrail <TAB>` is completed by kubectl (1.26+) when an executable named \
            kubectl_complete-guardrail is on PATH; krew installs only the plugin itself, so run \
            `kubectl guardrail completion install` once.

            The bash, zsh and fish scripts complete the binary when it is run directly as kubectl-guardrail; \
            see Documentation/Completion.md.
            """,
        subcommands: [
            CompletionScript.Bash.self, CompletionScript.Zsh.self, CompletionScript.Fish.self,
            CompletionInstall.self,
        ]
    )
}

/// `completion bash|zsh|fish`.
enum CompletionScript {
    /// `completion bash`.
    struct Bash: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bash", abstract: "Print the bash completion script.",
            discussion: "Load it with: source <(kubectl-guardrail completion bash)")
        func run() { CommandContext.current.terminal.write(CompletionScripts.script(for: .bash)) }
    }

    /// `completion zsh`.
    struct Zsh: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "zsh", abstract: "Print the zsh completion script.",
            discussion: "Load it after compinit with: source <(kubectl-guardrail completion zsh)")
        func run() { CommandContext.current.terminal.write(CompletionScripts.script(for: .zsh)) }
    }

    /// `completion fish`.
    struct Fish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fish", abstract: "Print the fish completion script.",
            discussion: "Load it with: kubectl-guardrail completion fish | source")
        func run() { CommandContext.current.terminal.write(CompletionScripts.script(for: .fish)) }
    }
}

/// `completion install [--dir DIR]`: writes the `kubectl_complete-guardrail` shim.
struct CompletionInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install kubectl_complete-guardrail so that `kubectl guardrail <TAB>` completes.",
        discussion: """
            Without --dir the shim goes next to the kubectl-guardrail executable (for krew: \
            ${KREW_ROOT:-~/.krew}/bin, already on PATH). Running it again is harmless.
            """)

    @Option(help: "Directory to write kubectl_complete-guardrail into; it must be on PATH.")
    var dir: String?

    func run() throws {
        let context = CommandContext.current
        let installer = ShimInstaller(environment: .init(context.environment))
        do {
            let outcome = try installer.install(into: dir)
            context.terminal.print(outcome.message)
            if let warning = outcome.warning {
                context.terminal.standardError.write("warning: " + warning + "\n")
            }
        } catch {
            throw CommandFailure(.failure, error.message)
        }
    }

}
