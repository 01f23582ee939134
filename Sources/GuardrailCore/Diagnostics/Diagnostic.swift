/// Where in a source document something was found.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as the user gave it, or a pseudo-name such as `<stdin>`.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append(String(line)) }
        if let line = line, line > 0, let column { parts.append(String(column)) }
        return parts.joined(separator: ":")
    }
}

/// A problem found in the user's inputs (a policy, a kubeconfig, a YAML file) that does not stop the
/// whole command: policies with unsupported constructs, invalid fields, and so on.
///
/// Modelled on swift-openapi-generator's `Diagnostic`: severity, message, location, and context.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious the finding is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Lowercase, no trailing period, quoting the user's input.
    public var message: String
    public var location: SourceLocation?
    /// Extra key/value facts (e.g. `policy`, `rule`, `field`), rendered in a stable order.
    public var context: [String: String]

    public init(_ severity: Severity, _ message: String, location: SourceLocation? = nil, context: [String: String] = [:]) {
        self.severity = severity
        self.message = message
        self.location = location
        self.context = context
    }

    /// `file:line:col: warning: message [policy=x, field=y]`.
    public var description: String {
        var text = ""
        if let location, !location.description.isEmpty { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if !context.isEmpty {
            text += " [" + context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "]"
        }
        return text
    }
}
