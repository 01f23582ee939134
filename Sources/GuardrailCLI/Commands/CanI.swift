import ArgumentParser

/// `kubectl guardrail can-i` (placeholder).
struct CanI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "can-i", abstract: "Check whether an action is allowed by RBAC and by the cluster's guardrails.")
    @OptionGroup var global: GlobalOptions
    @Argument var words: [String] = []
    func run() async throws { throw CleanExit.message("can-i: not implemented yet") }
}
