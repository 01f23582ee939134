import GuardrailCore

extension JMESPath {
    /// The type of a function parameter, as in the specification's function signatures.
    public enum ArgumentType: Sendable, Hashable, CustomStringConvertible {
        /// Any JSON value (not an expression reference).
        case any
        /// A number (integer or not).
        case number
        /// A string.
        case string
        /// `true` or `false`.
        case boolean
        /// An array of anything.
        case array
        /// An object.
        case object
        /// `null`.
        case null
        /// `&expression`
        case expression
        /// An array whose elements are all numbers.
        case arrayOfNumbers
        /// An array whose elements are all strings.
        case arrayOfStrings

        /// The name used in signatures and error messages.
        public var description: String {
            switch self {
            case .any: "any"
            case .number: "number"
            case .string: "string"
            case .boolean: "boolean"
            case .array: "array"
            case .object: "object"
            case .null: "null"
            case .expression: "expression"
            case .arrayOfNumbers: "array[number]"
            case .arrayOfStrings: "array[string]"
            }
        }

        func accepts(_ argument: Argument) -> Bool {
            guard case .value(let value) = argument else { return self == .expression }
            switch (self, value) {
            case (.any, _): return true
            case (.number, .int), (.number, .double): return true
            case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null):
                return true
            case (.arrayOfNumbers, .array(let elements)): return elements.allSatisfy(\.isNumber)
            case (.arrayOfStrings, .array(let elements)):
                return elements.allSatisfy { if case .string = $0 { true } else { false } }
            default: return false
            }
        }
    }

    /// One parameter of a function signature: the types it accepts.
    public struct Parameter: Sendable, Hashable {
        /// Accepted types (any of them).
        public var types: [ArgumentType]

        /// A parameter accepting any of `types`.
        public init(_ types: ArgumentType...) { self.types = types }
        /// A parameter accepting any of `types`.
        public init(types: [ArgumentType]) { self.types = types }
    }

    /// An evaluated function argument: a JSON value or an expression reference (`&expr`).
    public enum Argument: Sendable {
        /// An evaluated value.
        case value(JSONValue)
        /// An unevaluated `&expression`.
        case expression(ExpressionReference)

        /// The JSON value (`null` for an expression reference).
        public var json: JSONValue {
            if case .value(let v) = self { return v }
            return .null
        }
    }

    /// An `&expression` passed to a function; evaluate it with ``FunctionContext/evaluate(_:on:)``.
    public struct ExpressionReference: Sendable {
        let node: Node
    }

    /// What a function body can use besides its arguments.
    public struct FunctionContext: Sendable {
        let interpreter: Interpreter
        /// The name of the function being called (for error messages).
        public let functionName: String

        /// The runtime's ``Runtime/context`` (dialect data such as Kyverno's clock).
        public var runtimeContext: (any Sendable)? { interpreter.runtime.context }

        /// Evaluates an expression reference on `value`.
        public func evaluate(_ reference: ExpressionReference, on value: JSONValue) throws(JMESPathError)
            -> JSONValue
        {
            try interpreter.evaluateLeniently(reference.node, value)
        }

        /// An `invalid-type` error naming this function.
        public func invalidType(_ message: String) -> JMESPathError {
            JMESPathError(.invalidType, "\(functionName)(): \(message)")
        }

        /// An `invalid-value` error naming this function.
        public func invalidValue(_ message: String) -> JMESPathError {
            JMESPathError(.invalidValue, "\(functionName)(): \(message)")
        }

        /// An `evaluation` error naming this function.
        public func failure(_ message: String) -> JMESPathError {
            JMESPathError(.evaluation, "\(functionName)(): \(message)")
        }
    }

    /// A function callable from expressions, with its signature.
    ///
    /// Arity and argument types are checked against ``parameters`` before ``body`` runs, so bodies may
    /// rely on them (e.g. read `arguments[0]` as a string when the parameter is `.string`).
    public struct Function: Sendable {
        /// The body: receives checked arguments.
        public typealias Body = @Sendable ([Argument], FunctionContext) throws(JMESPathError) -> JSONValue

        /// The name expressions call it by.
        public let name: String
        /// The parameters, in order.
        public let parameters: [Parameter]
        /// Whether the last parameter repeats (one or more times; `merge`, `not_null`).
        public let isVariadic: Bool
        /// Number of trailing parameters that may be left out.
        public let optionalCount: Int
        let body: Body

        /// Creates a function.
        public init(
            _ name: String, _ parameters: [Parameter], variadic: Bool = false, optional: Int = 0,
            body: @escaping Body
        ) {
            self.name = name
            self.parameters = parameters
            self.isVariadic = variadic
            self.optionalCount = optional
            self.body = body
        }

        /// `name(type, type|type, ...)`.
        public var signature: String {
            var parts = parameters.map { $0.types.map(\.description).joined(separator: "|") }
            if isVariadic, !parts.isEmpty { parts[parts.count - 1] += ", ..." }
            return "\(name)(\(parts.joined(separator: ", ")))"
        }

        func call(_ arguments: [Argument], context: FunctionContext) throws(JMESPathError) -> JSONValue {
            let minimum = parameters.count - optionalCount
            if isVariadic ? arguments.count < minimum : arguments.count < minimum || arguments.count > parameters.count
            {
                let expected =
                    isVariadic
                    ? "at least \(minimum)"
                    : optionalCount > 0 ? "\(minimum) to \(parameters.count)" : "\(parameters.count)"
                throw JMESPathError(
                    .invalidArity,
                    "\(name)() takes \(expected) argument\(parameters.count == 1 && !isVariadic ? "" : "s"), "
                        + "got \(arguments.count)")
            }
            for (i, argument) in arguments.enumerated() {
                let parameter = parameters[min(i, parameters.count - 1)]
                if !parameter.types.contains(where: { $0.accepts(argument) }) {
                    let expected = parameter.types.map(\.description).joined(separator: " or ")
                    let found: String
                    switch argument {
                    case .value(let value): found = value.typeName
                    case .expression: found = "expression"
                    }
                    throw JMESPathError(
                        .invalidType, "\(name)(): argument \(i + 1) must be \(expected), got \(found)")
                }
            }
            return try body(arguments, context)
        }
    }
}
