import GuardrailCore
import JMESPath

typealias F = JMESPath.Function
typealias P = JMESPath.Parameter

/// Errors worded as Kyverno's `pkg/engine/jmespath/error.go` words them (`JMESPath function 'x': …`).
enum KyvernoFunctionError {
    /// `genericError`: a failure that is not about types.
    static func failure(_ function: String, _ message: String) -> JMESPathError {
        JMESPathError(.evaluation, "JMESPath function '\(function)': \(message)")
    }

    /// `invalidArgumentTypeError`: `argument #N is not of type T`.
    static func invalidType(_ function: String, argument: Int, _ type: String) -> JMESPathError {
        JMESPathError(.invalidType, "JMESPath function '\(function)': argument #\(argument) is not of type \(type)")
    }

    /// A function this build cannot evaluate (it needs I/O, randomness or is not implemented yet).
    static func unsupported(_ function: String, _ why: String) -> JMESPathError {
        JMESPathError(.evaluation, "JMESPath function '\(function)': not supported by kubectl-guardrail: \(why)")
    }
}

extension JMESPath.Argument {
    /// The string value (the signature guarantees it).
    var string: String { json.stringValue ?? "" }
    /// The numeric value as a `Double`.
    var number: Double { json.doubleValue ?? 0 }
}

/// Kyverno `ifaceToString`: strings as they are, numbers in float32 plain notation, booleans as words.
func kyvernoString(_ value: JSONValue) -> String? {
    switch value {
    case .string(let s): return s
    case .int(let i): return GoFormatting.float32Fixed(Double(i))
    case .double(let d): return GoFormatting.float32Fixed(d)
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
}

/// Kyverno `intNumber`: the number must be a whole number that fits an `int`.
func kyvernoInteger(_ value: Double) -> Int? {
    guard value.isFinite, value.rounded(.towardZero) == value, value > -9.2e18, value < 9.2e18 else { return nil }
    return Int(value)
}
