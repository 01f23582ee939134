import ArgumentParser
import KubeClient
import KubeConfig

/// Turns whatever a command threw into stderr text and an exit code (Sources/GuardrailCLI/ExitCodes.swift):
/// configuration, credential and server errors exit 2, usage errors 64, help 0.
enum ErrorReporter {
    static func report(_ error: any Error, terminal: Terminal) -> Int32 {
        switch error {
        case let failure as CommandFailure:
            terminal.printError(failure.message, hint: failure.hint)
            return failure.exitCode.rawValue
        case let config as KubeConfigError:
            terminal.printError(config.message)
            return config.kind == .invalidFlag ? GuardrailExitCode.usage.rawValue : GuardrailExitCode.failure.rawValue
        case let client as KubeClientError:
            // Already in kubectl's words, prefix included (`error: …`, `Error from server (…): …`,
            // `Unable to connect to the server: …`).
            var text = ControlCharacterEscaping.escape(client.description)
            if let hint = client.hint {
                text += "\n" + terminal.errorStyle.dim("hint:") + " " + ControlCharacterEscaping.escape(hint)
            }
            terminal.standardError.write(text + "\n")
            return GuardrailExitCode.failure.rawValue
        case let exit as ExitCode:
            return exit.rawValue
        default:
            break
        }
        // ArgumentParser's own errors: help and version go to stdout with 0, usage errors to stderr with 64.
        let code = Guardrail.exitCode(for: error)
        var message = Guardrail.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { terminal.print(message) }
            return 0
        }
        if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
        let isUsage = code.rawValue == GuardrailExitCode.usage.rawValue
        terminal.standardError.write(
            isUsage ? condensedUsageError(message) : (message.hasSuffix("\n") ? message : message + "\n"))
        // ArgumentParser maps validation failures to EX_USAGE (64); anything else it did not recognise
        // is an error from our own code, which must never look like a usage problem.
        return code.rawValue == GuardrailExitCode.usage.rawValue ? GuardrailExitCode.usage.rawValue : GuardrailExitCode.failure.rawValue
    }

    /// ArgumentParser's usage errors span several lines (`Help:`, `Usage:`, `See … for more information.`);
    /// kubectl prints one error line and `See 'kubectl … --help' for usage.`, and so do we. Errors that are
    /// not usage errors (our own messages) pass through unchanged.
    static func condensedUsageError(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard var first = lines.first, first.hasPrefix("error: ") else {
            return message.hasSuffix("\n") ? message : message + "\n"
        }
        // `Unknown option '--x'` → `unknown option '--x'` (lowercase, like kubectl's `unknown flag: --x`).
        let body = first.dropFirst("error: ".count)
        if let head = body.first, head.isUppercase, body.dropFirst().first?.isUppercase != true {
            first = "error: " + head.lowercased() + body.dropFirst()
        }
        var text = ControlCharacterEscaping.escape(first) + "\n"
        if let see = lines.lazy.map({ $0.drop { $0 == " " } }).first(where: { $0.hasPrefix("See '") }) {
            let command = see.dropFirst("See '".count).prefix { $0 != "'" }
            if command.hasSuffix(" --help") { text += "See '\(command)' for usage.\n" }
        }
        return text
    }
}
