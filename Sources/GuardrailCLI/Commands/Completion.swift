import ArgumentParser

/// `kubectl guardrail completion` (placeholder).
struct Completion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "completion", abstract: "Print or install shell completion.")
    func run() async throws { throw CleanExit.message("completion: not implemented yet") }
}
