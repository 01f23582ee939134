import ArgumentParser

/// `kubectl guardrail whoami` (placeholder until the foundation lands).
struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Explain who the cluster thinks you are.")
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw CleanExit.message("whoami: not implemented yet") }
}
