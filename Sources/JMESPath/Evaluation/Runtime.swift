import GuardrailCore

extension JMESPath {
    /// What an expression is evaluated with: the function table and dialect switches.
    ///
    /// ``standard`` is the JMESPath specification. Dialects start from it and change what they need:
    /// ```swift
    /// var runtime = JMESPath.Runtime.standard
    /// runtime.register(myFunction)
    /// runtime.missingKeys = .notFoundError
    /// ```
    public struct Runtime: Sendable {
        /// What happens when a field is missing from an object.
        public enum MissingKeyBehavior: Sendable {
            /// The specification: the result is `null`.
            case null
            /// Kyverno's go-jmespath fork: a ``JMESPathError/Kind/notFound`` error that plain field and
            /// index chains propagate, and that `||`, `&&` (left side), `!`, comparisons, function
            /// arguments, pipes, projections, filters and multi-selects turn into `null`.
            case notFoundError
        }

        /// The functions callable by name.
        public private(set) var functions: [String: Function]
        /// The behaviour for missing keys; `.null` in ``standard``.
        public var missingKeys: MissingKeyBehavior
        /// Dialect data that function bodies read through ``FunctionContext/runtimeContext`` (Kyverno's
        /// time functions read their clock here), so one function table serves every request.
        public var context: (any Sendable)?

        /// A runtime with the given functions.
        public init(functions: [Function], missingKeys: MissingKeyBehavior = .null) {
            var table: [String: Function] = [:]
            for function in functions { table[function.name] = function }
            self.functions = table
            self.missingKeys = missingKeys
            self.context = nil
        }

        /// Adds `function`, replacing a function of the same name (Kyverno's `sum` replaces the standard one).
        public mutating func register(_ function: Function) {
            functions[function.name] = function
        }

        /// The JMESPath specification: its built-in functions, missing keys are `null`.
        public static let standard = Runtime(functions: StandardFunctions.all)
    }
}
