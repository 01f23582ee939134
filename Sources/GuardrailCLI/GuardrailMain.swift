import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point used by the thin `kubectl-guardrail` executable, and by in-process CLI tests.
public enum GuardrailMain {
    /// Runs the command line `arguments` (argv including argv[0]) on the real terminal and exits the process.
    public static func run(_ arguments: [String]) async -> Never {
        let words = Array(arguments.dropFirst())
        ProcessStartup.prepare()
        let code = await execute(words, context: .system())
        // Leave without atexit handlers and static destructors: after an error, work the command no longer
        // waits for (a prefetch on a libcurl thread) may still be running, and tearing libcurl/OpenSSL down
        // under it crashed the process with signal 11 after the error line was printed. Our output is
        // written unbuffered (TextSink), stdio is flushed for anything else.
        fflush(nil)
        _exit(code)
    }

    /// The leaf subcommands by name, parsed directly on the fast path of ``parse(_:)``.
    static let leafCommands: [String: any ParsableCommand.Type] = {
        var leaves: [String: any ParsableCommand.Type] = [:]
        for command in Guardrail.configuration.subcommands where command.configuration.subcommands.isEmpty {
            leaves[command.configuration.commandName ?? command._commandName] = command
            for alias in command.configuration.aliases { leaves[alias] = command }
        }
        return leaves
    }()

    /// Parses a command line the way `Guardrail.parseAsRoot` does.
    ///
    /// Fast path: a command line that starts with a leaf subcommand (`whoami`, `can-i`, `__complete`, …) is
    /// parsed by that subcommand alone. Going through the root costs swift-argument-parser about twice the
    /// work (it reflects the root and the subcommand's options several times over), ~1 ms on every run.
    /// Anything the fast path does not accept — help requests, usage errors, validation errors — is parsed
    /// again through the root, so messages, usage lines and help are exactly the root's.
    static func parse(_ words: [String]) throws -> any ParsableCommand {
        if let first = words.first, let leaf = leafCommands[first],
            let command = try? leaf.parseAsRoot(Array(words.dropFirst())),
            type(of: command) == leaf
        {
            return command
        }
        return try Guardrail.parseAsRoot(words)
    }

    /// Runs `arguments` (argv without argv[0]) in `context` and returns the exit code; never exits.
    ///
    /// ```swift
    /// let (terminal, out, err) = Terminal.capturing()
    /// let code = await GuardrailMain.execute(["whoami"], context: CommandContext(terminal: terminal, environment: env))
    /// ```
    public static func execute(_ arguments: [String], context: CommandContext) async -> Int32 {
        await CommandContext.$current.withValue(context) {
            do {
                // Hidden protocol commands (`__complete …`) get their words verbatim: the completion engine
                // normalises them itself and must see the partial last word exactly as typed.
                var words = arguments.first?.hasPrefix("__") == true ? arguments : KubectlArguments.normalize(arguments)
                // ArgumentParser's built-in `--generate-completion-script` would embed the command name
                // "kubectl guardrail" (with a space) in shell function names and emit invalid scripts;
                // serve our own scripts instead, which speak kubectl's `__complete` protocol.
                if let flag = words.firstIndex(where: { $0.hasPrefix("--generate-completion-script") }) {
                    var shell = words[flag].split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init)
                    if shell == nil, words.indices.contains(flag + 1) { shell = words[flag + 1] }
                    words = ["completion"] + (shell.map { [$0] } ?? [])
                }
                var command = try parse(words)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return GuardrailExitCode.success.rawValue
            } catch {
                return ErrorReporter.report(error, terminal: context.terminal)
            }
        }
    }
}
