import ArgumentParser

/// `kubectl guardrail jp` (placeholder).
struct JP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jp", abstract: "Evaluate a JMESPath expression the way Kyverno does.")
    @Argument var expression: String
    func run() async throws { throw CleanExit.message("jp: not implemented yet") }
}
