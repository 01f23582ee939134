/// An error from parsing or evaluating a JMESPath expression.
///
/// ``Kind`` carries the JMESPath specification's error types (`syntax`, `invalid-arity`, `invalid-type`,
/// `invalid-value`, `unknown-function`) plus two for dialects: `not-found` (Kyverno's fork reports a key
/// missing from an object) and `evaluation` (a function failed on a well-typed argument, e.g. a bad regex).
public struct JMESPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error type; `rawValue` is the name used by the compliance suite.
    public enum Kind: String, Sendable, Hashable {
        /// The expression is not valid JMESPath.
        case syntax
        /// A function was called with the wrong number of arguments.
        case invalidArity = "invalid-arity"
        /// A function argument has the wrong type.
        case invalidType = "invalid-type"
        /// A value is of the right type but not allowed (e.g. a slice step of 0).
        case invalidValue = "invalid-value"
        /// No function with that name exists in the runtime.
        case unknownFunction = "unknown-function"
        /// Kyverno dialect only: a field is missing from an object (go-jmespath fork's `NotFoundError`).
        case notFound = "not-found"
        /// A function failed for another reason (Kyverno functions: bad regex, unparsable quantity, …).
        case evaluation
    }

    /// The error type.
    public var kind: Kind
    /// Lowercase explanation, e.g. `expected ']' but found ','`.
    public var message: String
    /// 0-based offset in Unicode scalars into ``expression`` where the problem is, when known.
    public var position: Int?
    /// The expression text, when known (set for syntax errors).
    public var expression: String?
    /// For ``Kind/notFound``: the missing key.
    public var key: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, position: Int? = nil, expression: String? = nil, key: String? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.expression = expression
        self.key = key
    }

    /// `syntax error at column 5: expected ']' but found ','`; columns are 1-based.
    public var description: String {
        var text = kind == .evaluation ? "evaluation error" : "\(kind.rawValue) error"
        if let position { text += " at column \(position + 1)" }
        return text + ": " + message
    }

    /// The expression with a caret under ``position`` (two lines), for terminals; `nil` without both.
    public var pointer: String? {
        guard let expression, let position else { return nil }
        return expression + "\n" + String(repeating: " ", count: position) + "^"
    }
}
