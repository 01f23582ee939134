import GuardrailCore

/// The seam between variable substitution (Kyverno's `{{ }}` semantics, owned here) and a JMESPath
/// engine (function semantics, owned by KyvernoJMESPath).
///
/// Implementations must follow Kyverno's go-jmespath fork: looking up a key that is missing from an
/// *object* throws (its description becomes part of Kyverno's error text, e.g.
/// `Unknown key "namespace" in path`), while fields of `null` or non-objects yield `null`; `a || b`
/// evaluates `b` when `a` is missing or falsy.
public protocol ExpressionEvaluator: Sendable {
    /// Evaluates `expression` against `context`. `now` is the evaluation instant in seconds since the Unix
    /// epoch, for time functions.
    func evaluate(_ expression: String, on context: JSONValue, now: Double) throws -> JSONValue

    /// An evaluator prepared for one evaluation instant (e.g. with time functions bound to `now`); the
    /// decision procedure asks for it once per request. The default returns `self`.
    func at(now: Double) -> any ExpressionEvaluator
}

extension ExpressionEvaluator {
    /// Returns `self`: evaluators without time functions need no binding.
    public func at(now: Double) -> any ExpressionEvaluator { self }
}
