/// A command could not do its job: printed as `error: message` (plus an optional `hint:` line) and
/// turned into an exit code. Commands throw it; ``ErrorReporter`` prints it.
public struct CommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var exitCode: GuardrailExitCode
    /// One line, lowercase, naming what is wrong and how to fix it; never a secret.
    public var message: String
    /// An optional second line, printed as `hint: …`.
    public var hint: String?

    public init(_ exitCode: GuardrailExitCode = .failure, _ message: String, hint: String? = nil) {
        self.exitCode = exitCode
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
