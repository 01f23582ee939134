import GuardrailCore
import JMESPath
import KyvernoJMESPath

/// The default ``ExpressionEvaluator``: the project's Kyverno JMESPath dialect (KyvernoJMESPath) —
/// Kyverno's functions, and its missing-key rule (a key missing from an object is a `NotFoundError` that
/// plain field chains propagate and `||` turns into `null`, like Kyverno's go-jmespath fork).
///
/// Parsed expressions are cached and shared by every request.
public struct KyvernoExpressionEvaluator: ExpressionEvaluator {
    private let cache: KyvernoJMESPath.ExpressionCache

    public init(cache: KyvernoJMESPath.ExpressionCache = KyvernoJMESPath.ExpressionCache()) {
        self.cache = cache
    }

    /// Evaluates `expression` with time functions bound to `now`.
    public func evaluate(_ expression: String, on context: JSONValue, now: Double) throws -> JSONValue {
        try at(now: now).evaluate(expression, on: context, now: now)
    }

    /// An evaluator whose time functions (`time_now`, `time_since`) see `now`.
    public func at(now: Double) -> any ExpressionEvaluator {
        Bound(
            // The shared function table (parse_yaml already on GuardrailYAML): building a table per
            // request cost ~7 µs for nothing.
            evaluator: KyvernoJMESPath.Evaluator(
                clock: KyvernoJMESPath.Clock(unixSeconds: Int64(now.rounded(.down))), cache: cache))
    }

    struct Bound: ExpressionEvaluator {
        let evaluator: KyvernoJMESPath.Evaluator

        func evaluate(_ expression: String, on context: JSONValue, now: Double) throws -> JSONValue {
            do {
                return try evaluator.evaluate(expression, on: context)
            } catch {
                if error.kind == .notFound, let key = error.key {
                    // Kyverno's text: `Unknown key "namespace" in path`.
                    throw ExpressionFailure("Unknown key \"\(key)\" in path")
                }
                throw ExpressionFailure(error.description)
            }
        }

        func at(now: Double) -> any ExpressionEvaluator { self }
    }
}

/// An expression error whose description is the text Kyverno would embed in its messages.
public struct ExpressionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error text Kyverno would embed.
    public var description: String
    public init(_ description: String) { self.description = description }
}
