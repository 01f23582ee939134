import GuardrailCore
import JMESPath

/// The default ``ExpressionEvaluator``: the project's JMESPath engine in Kyverno's missing-key mode
/// (a key missing from an object is a `NotFoundError` that plain field chains propagate and `||` turns
/// into `null`, like Kyverno's go-jmespath fork).
///
/// Kyverno's extra functions (`to_upper`, `regex_match`, `time_now`, …) come from the `KyvernoJMESPath`
/// module's runtime once it provides one; pass it as `runtime`.
public struct JMESPathExpressionEvaluator: ExpressionEvaluator {
    public var runtime: JMESPath.Runtime

    /// The standard functions with Kyverno's missing-key semantics.
    public init(runtime: JMESPath.Runtime? = nil) {
        var standard = JMESPath.Runtime.standard
        standard.missingKeys = .notFoundError
        self.runtime = runtime ?? standard
    }

    public func evaluate(_ expression: String, on context: JSONValue, now: Double) throws -> JSONValue {
        do {
            return try JMESPath.search(expression, in: context, runtime: runtime)
        } catch {
            if error.kind == .notFound, let key = error.key {
                // Kyverno's text: `Unknown key "namespace" in path`.
                throw ExpressionFailure("Unknown key \"\(key)\" in path")
            }
            throw ExpressionFailure(error.description)
        }
    }
}

/// An expression error whose description is the text Kyverno would embed in its messages.
public struct ExpressionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
