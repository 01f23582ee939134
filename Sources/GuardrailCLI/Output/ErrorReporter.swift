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
            var text = client.description
            if let hint = client.hint { text += "\n" + terminal.errorStyle.dim("hint:") + " " + hint }
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
        terminal.standardError.write(message.hasSuffix("\n") ? message : message + "\n")
        // ArgumentParser maps validation failures to EX_USAGE (64); anything else it did not recognise
        // is an error from our own code, which must never look like a usage problem.
        return code.rawValue == GuardrailExitCode.usage.rawValue ? GuardrailExitCode.usage.rawValue : GuardrailExitCode.failure.rawValue
    }
}
