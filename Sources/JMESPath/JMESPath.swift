import GuardrailCore

/// Standard JMESPath (<https://jmespath.org/specification.html>) over ``GuardrailCore/JSONValue``.
///
/// A pure module: no Foundation, no I/O, no clock. Parse once, evaluate many times:
///
/// ```swift
/// let expr = try JMESPath.Expression(parsing: "request.operation || 'BACKGROUND'")
/// let result = try expr.evaluate(on: document, runtime: .standard)
/// ```
///
/// The engine follows the specification and the official compliance suite. Dialects (Kyverno's, in the
/// `KyvernoJMESPath` module) plug in through ``JMESPath/Runtime``: extra functions and the behaviour for
/// keys missing from objects (``JMESPath/Runtime/MissingKeyBehavior``).
public enum JMESPath {
    /// Expressions nested deeper than this (brackets, parentheses, operators, pipes) are refused with a
    /// syntax error instead of risking the stack. Real policies stay far below it.
    public static let maxNestingDepth = 128

    /// Parses `expression` and evaluates it on `document` in one step (no caching).
    public static func search(_ expression: String, in document: JSONValue, runtime: Runtime = .standard)
        throws(JMESPathError) -> JSONValue
    {
        try Expression(parsing: expression).evaluate(on: document, runtime: runtime)
    }
}
