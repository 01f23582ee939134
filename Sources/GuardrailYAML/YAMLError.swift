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

    /// Creates an error at a location.
    public init(_ message: String, location: SourceLocation) {
        self.message = message
        self.location = location
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
