/// The exit codes of `kubectl guardrail`, stable for scripts and documented in `--help` and the README.
///
/// kubectl exits 1 for both "no" and "error"; we keep "no" and "could not tell" apart.
public enum GuardrailExitCode: Int32, Sendable {
    /// Success; for `can-i`: allowed.
    case success = 0
    /// `can-i`: denied (by RBAC or by an enforcing guardrail).
    case denied = 1
    /// Could not evaluate: configuration, credential, network or API error, invalid input files.
    case failure = 2
    /// `can-i`: allowed by RBAC, but a guardrail may block it depending on the object (pass `-f`).
    case dependsOnObject = 3
    /// Bad usage: unknown flag, missing argument, invalid flag value (ArgumentParser's EX_USAGE).
    case usage = 64
}
