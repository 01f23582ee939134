import ArgumentParser
import Testing

@testable import GuardrailCLI

/// GuardrailMain.parse takes a fast path for leaf subcommands; it must give exactly what parsing through
/// the root gives — the same command with the same values, or the same error, help and usage text.
@Suite("command-line parsing: the leaf fast path equals parsing through the root")
struct CommandLineParsingTests {
    static func dumped(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test(arguments: [
        ["whoami"],
        ["whoami", "-ojson", "--context", "prod", "--as", "jane", "--as-group", "a", "--as-group", "b"],
        ["whoami", "--explain", "-v", "6", "--insecure-skip-tls-verify"],
        ["can-i", "create", "pods", "-n", "x"],
        ["can-i", "delete", "deployments.apps", "web", "-A", "-q", "-o", "yaml"],
        ["can-i", "--offline", "dir", "create", "pods", "--subresource", "exec"],
        ["__complete", "can-i", "get", ""],
        ["__complete", "--context", ""],
        ["jp", "--no-kyverno", "a.b"],
    ])
    func sameCommand(words: [String]) throws {
        let fast = try GuardrailMain.parse(words)
        let root = try Guardrail.parseAsRoot(words)
        #expect(type(of: fast) == type(of: root))
        #expect(Self.dumped(fast) == Self.dumped(root))
    }

    @Test(arguments: [
        ["whoami", "--help"],
        ["whoami", "-h"],
        ["whoami", "--no-such-flag"],
        ["whoami", "-o", "xml"],
        ["whoami", "help"],
        ["can-i"],
        ["can-i", "--help"],
        ["can-i", "get", "pods", "-o"],
        ["jp"],
        ["jp", "--functions", "a"],
        ["help", "can-i"],
        ["completion", "tcsh"],
    ])
    func sameErrorsAndHelp(words: [String]) {
        let fast = Result { try GuardrailMain.parse(words) }
        let root = Result { try Guardrail.parseAsRoot(words) }
        switch (fast, root) {
        case (.failure(let fastError), .failure(let rootError)):
            #expect(Guardrail.fullMessage(for: fastError) == Guardrail.fullMessage(for: rootError))
            #expect(Guardrail.exitCode(for: fastError) == Guardrail.exitCode(for: rootError))
        case (.success(let fastCommand), .success(let rootCommand)):
            #expect(Self.dumped(fastCommand) == Self.dumped(rootCommand))
        default:
            Issue.record("fast path \(fast) but root \(root) for \(words)")
        }
    }
}
