import ArgumentParser

/// The root command: `kubectl guardrail`.
struct Guardrail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl-guardrail",
        abstract: "Who does the cluster think I am, and may I do this — and if not, which rule stops me?",
        subcommands: [WhoAmI.self, CanI.self, JP.self, Completion.self, CobraComplete.self]
    )
}
