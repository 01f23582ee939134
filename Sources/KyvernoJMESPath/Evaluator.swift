import GuardrailCore
import JMESPath

extension KyvernoJMESPath {
    /// Evaluates `{{ }}` bodies the way Kyverno does: Kyverno's functions and missing-key rules, parsed
    /// expressions cached. Create one per clock (per request, or per run of the CLI) and share it.
    ///
    /// ```swift
    /// let evaluator = KyvernoJMESPath.Evaluator(clock: .init(unixSeconds: now))
    /// let op = try evaluator.evaluate("request.operation || 'BACKGROUND'", on: admissionContext)
    /// ```
    public struct Evaluator: Sendable {
        /// The runtime used for every evaluation.
        public let runtime: JMESPath.Runtime
        /// The parsed-expression cache (shareable between evaluators).
        public let cache: ExpressionCache

        /// An evaluator for Kyverno's dialect with `clock` as "now".
        public init(clock: Clock, cache: ExpressionCache = ExpressionCache()) {
            self.runtime = KyvernoJMESPath.runtime(clock: clock)
            self.cache = cache
        }

        /// An evaluator for Kyverno's dialect with a custom `parse_yaml` parser.
        public init(clock: Clock, yamlParser: YAMLParser?, cache: ExpressionCache = ExpressionCache()) {
            self.runtime = KyvernoJMESPath.runtime(clock: clock, yamlParser: yamlParser)
            self.cache = cache
        }

        /// An evaluator with a custom runtime (for example standard JMESPath for `jp --no-kyverno`).
        public init(runtime: JMESPath.Runtime, cache: ExpressionCache = ExpressionCache()) {
            self.runtime = runtime
            self.cache = cache
        }

        /// Evaluates `expression` (the text between `{{` and `}}`, already trimmed) on `document`.
        public func evaluate(_ expression: String, on document: JSONValue) throws(JMESPathError) -> JSONValue {
            try cache.expression(expression).evaluate(on: document, runtime: runtime)
        }

        /// Evaluates `expression` with another "now" (for callers that keep one evaluator for many requests).
        public func evaluate(_ expression: String, on document: JSONValue, now: Clock) throws(JMESPathError)
            -> JSONValue
        {
            var runtime = self.runtime
            runtime.context = now
            return try cache.expression(expression).evaluate(on: document, runtime: runtime)
        }

        /// Evaluates `expression` on a context made of `variables` (top-level names such as `request`,
        /// `element`, `serviceAccountName` or rule context entries), as Kyverno's JSON context holds them.
        public func evaluate(_ expression: String, variables: JSONObject) throws(JMESPathError) -> JSONValue {
            try evaluate(expression, on: .object(variables))
        }
    }
}
