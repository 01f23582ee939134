import GuardrailCore

extension JMESPath {
    /// A parsed JMESPath expression: immutable, `Sendable`, cheap to keep in a cache and to evaluate
    /// concurrently against many documents.
    public struct Expression: Sendable, CustomStringConvertible {
        /// The source text.
        public let text: String
        let root: Node

        /// Parses `text`; throws a ``JMESPathError`` of kind `syntax` (or `invalid-value` for a slice
        /// step of 0) with the position of the problem.
        public init(parsing text: String) throws(JMESPathError) {
            self.text = text
            self.root = try Parser.parse(text)
        }

        /// Evaluates the expression with `document` as the current node (`@`).
        public func evaluate(on document: JSONValue, runtime: Runtime = .standard) throws(JMESPathError)
            -> JSONValue
        {
            let interpreter = Interpreter(runtime: runtime)
            do {
                return try interpreter.evaluate(root, document)
            } catch {
                var error = error
                if error.expression == nil, error.position != nil { error.expression = text }
                throw error
            }
        }

        /// The source text.
        public var description: String { text }
    }
}
