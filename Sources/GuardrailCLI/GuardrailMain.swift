import ArgumentParser

/// Entry point used by the thin `kubectl-guardrail` executable.
public enum GuardrailMain {
    /// Parses `arguments` (argv including argv[0]), runs the command and exits the process.
    public static func run(_ arguments: [String]) async {
        await Guardrail.main(Array(arguments.dropFirst()))
    }
}
