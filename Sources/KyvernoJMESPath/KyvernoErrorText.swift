import JMESPath

extension JMESPathError {
    /// The error as Kyverno's go-jmespath fork words it, for messages that must match Kyverno's
    /// (`failed to resolve … JMESPath query failed: Unknown key "namespace" in path`). Function errors
    /// already use Kyverno's wording; other kinds fall back to ``description``.
    public var kyvernoText: String {
        switch kind {
        case .notFound: "Unknown key \"\(key ?? "")\" in path"
        case .evaluation: message
        default: description
        }
    }
}
