import GuardrailCore

/// Why no connection configuration could be resolved. `description` is the one line printed after
/// `error: ` — lowercase, naming the file, field or flag, and saying how to fix it; kubectl's exact
/// wording where kubectl has one. Never contains secrets.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (e.g. completion stays silent).
    public enum Kind: Sendable, Equatable {
        /// No kubeconfig, no in-cluster service account, no `--server`.
        case noConfiguration
        /// A context, cluster or user name that does not exist.
        case notFound
        /// A kubeconfig (or a file it names) cannot be read.
        case unreadableFile
        /// A kubeconfig is not valid YAML/JSON or has a field of the wrong type or an invalid value.
        case invalidFile
        /// Settings that contradict each other (client-go's validation errors).
        case conflict
        /// A flag value that cannot be used (e.g. `--request-timeout=abc`).
        case invalidFlag
        /// Something kubectl supports that guardrail deliberately does not (legacy auth providers).
        case unsupported
    }

    public var kind: Kind
    public var message: String
    /// Where in a kubeconfig the problem is, when known (file:line:col for YAML errors).
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String { message }
}
