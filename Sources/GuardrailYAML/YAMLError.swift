import GuardrailCore

/// Why a YAML stream could not be loaded: a syntax error reported by libyaml, a value Kubernetes'
/// decoder would refuse (a `null` mapping key, `.inf` in untyped data), or a limit of ``YAMLLimits``.
///
/// Rendered as `file:line:column: message` (1-based; the file is left out when unknown), e.g.
/// `policy.yaml:3:1: did not find expected key (while parsing a block mapping that started at 1:1)`.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, lowercase, including what to do about it where that is not obvious.
    public var message: String
    /// Where: file as given by the caller, 1-based line and column (columns count characters).
    public var location: SourceLocation

    /// The error in the words kubectl uses for the same input (go-yaml v2 via sigs.k8s.io/yaml),
    /// e.g. `yaml: line 2: did not find expected '-' indicator` — for callers that must reproduce
    /// kubectl's `error loading config file "…": <this>`. go-yaml's line numbers have a quirk that is
    /// reproduced here: for parser (not scanner) errors it prints libyaml's 0-based line.
    public var kubectlMessage: String

    /// Creates an error at a location; `kubectlMessage` defaults to `yaml: <message>`.
    public init(_ message: String, location: SourceLocation, kubectlMessage: String? = nil) {
        self.message = message
        self.location = location
        self.kubectlMessage = kubectlMessage ?? "yaml: " + message
    }

    /// The file, when the caller named one.
    public var file: String? { location.file }
    /// 1-based line, when known.
    public var line: Int? { location.line }
    /// 1-based column, when known.
    public var column: Int? { location.column }

    /// `file:line:column: message`.
    public var description: String {
        let place = location.description
        return place.isEmpty ? message : "\(place): \(message)"
    }

    /// The error as a ``Diagnostic`` of severity `error`, for callers collecting problems.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, location: location) }
}
