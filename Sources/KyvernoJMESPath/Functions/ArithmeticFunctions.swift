import GuardrailCore
import JMESPath

/// `add`, `sum`, `subtract`, `multiply`, `divide`, `modulo`, `round` over numbers, Kubernetes quantities
/// and Go durations (`pkg/engine/jmespath/arithmetic.go`).
///
/// A string operand is read as a quantity first, then as a duration — so `'1m'` is 1 milli (a quantity),
/// not one minute, exactly as in Kyverno. Results: numbers for scalar results, strings for quantities
/// (canonical form, `1536Mi`) and durations (`1h30m0s`).
enum ArithmeticFunctions {
    enum Operand {
        case scalar(Double)
        case quantity(Quantity)
        case duration(GoDuration)
    }

    static let all: [JMESPath.Function] = [
        F("add", [P(.any), P(.any)]) { args, _ throws(JMESPathError) in try add(args[0].json, args[1].json, "add") },
        F("sum", [P(.array)]) { args, _ throws(JMESPathError) in
            let items = args[0].json.arrayValue ?? []
            guard var result = items.first else {
                throw KyvernoFunctionError.failure("sum", "at least one element in the array is required")
            }
            for item in items.dropFirst() { result = try add(result, item, "sum") }
            return result
        },
        F("subtract", [P(.any), P(.any)]) { args, _ throws(JMESPathError) in
            let (a, b) = try operands(args, "subtract")
            switch (a, b) {
            case (.quantity(let x), .quantity(let y)): return try quantityResult(x.subtracting(y), "subtract")
            case (.duration(let x), .duration(let y)):
                let (d, overflow) = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
                if overflow { throw KyvernoFunctionError.failure("subtract", "duration out of range") }
                return .string(GoDuration(nanoseconds: d).description)
            case (.scalar(let x), .scalar(let y)): return .double(x - y)
            default: throw mismatch("subtract")
            }
        },
        F("multiply", [P(.any), P(.any)]) { args, _ throws(JMESPathError) in
            let (a, b) = try operands(args, "multiply")
            switch (a, b) {
            case (.scalar(let x), .scalar(let y)): return .double(x * y)
            case (.quantity(let q), .scalar(let s)), (.scalar(let s), .quantity(let q)):
                guard let factor = Quantity(parsing: GoFormatting.goV(s)) else {
                    throw KyvernoFunctionError.failure("multiply", "invalid operand")
                }
                return try quantityResult(q.multiplied(by: factor), "multiply")
            case (.duration(let d), .scalar(let s)), (.scalar(let s), .duration(let d)):
                return try durationResult(d.seconds * s, "multiply")
            default: throw mismatch("multiply")
            }
        },
        F("divide", [P(.any), P(.any)]) { args, _ throws(JMESPathError) in
            let (a, b) = try operands(args, "divide")
            switch (a, b) {
            case (.quantity(let x), .quantity(let y)):
                if y.doubleValue == 0 { throw zeroDivision("divide") }
                return .double(x.doubleValue / y.doubleValue)
            case (.quantity(let q), .scalar(let s)):
                if s == 0 { throw zeroDivision("divide") }
                guard let divisor = Quantity(parsing: GoFormatting.goV(s)) else {
                    throw KyvernoFunctionError.failure("divide", "invalid operand")
                }
                return try quantityResult(q.divided(by: divisor), "divide")
            case (.duration(let x), .duration(let y)):
                if y.seconds == 0 { throw zeroDivision("divide") }
                return .double(x.seconds / y.seconds)
            case (.duration(let d), .scalar(let s)):
                if s == 0 { throw zeroDivision("divide") }
                return try durationResult(d.seconds / s, "divide")
            case (.scalar(let x), .scalar(let y)):
                if y == 0 { throw zeroDivision("divide") }
                return .double(x / y)
            default: throw mismatch("divide")
            }
        },
        F("modulo", [P(.any), P(.any)]) { args, _ throws(JMESPathError) in
            let (a, b) = try operands(args, "modulo")
            switch (a, b) {
            case (.quantity(let x), .quantity(let y)):
                guard let i = exactInteger(x.doubleValue), let j = exactInteger(y.doubleValue) else {
                    throw KyvernoFunctionError.failure("modulo", "Non-integer argument(s) passed for modulo")
                }
                if j == 0 { throw zeroDivision("modulo") }
                return .string(Quantity(integer: i % j, format: x.format).description)
            case (.duration(let x), .duration(let y)):
                if y.nanoseconds == 0 { throw zeroDivision("modulo") }
                return .string(GoDuration(nanoseconds: x.nanoseconds % y.nanoseconds).description)
            case (.scalar(let x), .scalar(let y)):
                guard let i = exactInteger(x), let j = exactInteger(y) else {
                    throw KyvernoFunctionError.failure("modulo", "Non-integer argument(s) passed for modulo")
                }
                if j == 0 { throw zeroDivision("modulo") }
                return .double(Double(i % j))
            default: throw mismatch("modulo")
            }
        },
        F("round", [P(.number), P(.number)]) { args, _ throws(JMESPathError) in
            guard let digits = kyvernoInteger(args[1].number) else {
                throw KyvernoFunctionError.failure("round", "Non-integer argument(s) passed for round off")
            }
            guard digits >= 0 else {
                throw KyvernoFunctionError.failure("round", "2 argument is out of bounds (\(digits))")
            }
            var shift = 1.0
            for _ in 0..<min(digits, 400) { shift *= 10 }
            let value = args[0].number
            let rounded = (value * shift).rounded(.toNearestOrAwayFromZero) / shift
            return .double(rounded.isFinite ? rounded : value)
        },
    ]

    static func operand(_ value: JSONValue, _ function: String) throws(JMESPathError) -> Operand {
        switch value {
        case .int, .double: return .scalar(value.doubleValue ?? 0)
        case .string(let text):
            if let quantity = Quantity(parsing: text) { return .quantity(quantity) }
            if let duration = GoDuration(parsing: text) { return .duration(duration) }
        default: break
        }
        throw KyvernoFunctionError.failure(function, "invalid operand")
    }

    static func operands(_ args: [JMESPath.Argument], _ function: String) throws(JMESPathError) -> (Operand, Operand) {
        (try operand(args[0].json, function), try operand(args[1].json, function))
    }

    static func add(_ a: JSONValue, _ b: JSONValue, _ function: String) throws(JMESPathError) -> JSONValue {
        switch (try operand(a, function), try operand(b, function)) {
        case (.quantity(let x), .quantity(let y)): return try quantityResult(x.adding(y), function)
        case (.duration(let x), .duration(let y)):
            let (d, overflow) = x.nanoseconds.addingReportingOverflow(y.nanoseconds)
            if overflow { throw KyvernoFunctionError.failure(function, "duration out of range") }
            return .string(GoDuration(nanoseconds: d).description)
        case (.scalar(let x), .scalar(let y)):
            // Keep integers exact when both sides are integers (Go would use float64; equal values).
            if case .int(let i) = a, case .int(let j) = b {
                let (sum, overflow) = i.addingReportingOverflow(j)
                if !overflow { return .int(sum) }
            }
            return .double(x + y)
        default: throw mismatch(function)
        }
    }

    static func quantityResult(_ quantity: Quantity?, _ function: String) throws(JMESPathError) -> JSONValue {
        guard let quantity else { throw KyvernoFunctionError.failure(function, "quantity out of range") }
        return .string(quantity.description)
    }

    /// `time.Duration(seconds * float64(time.Second)).String()`.
    static func durationResult(_ seconds: Double, _ function: String) throws(JMESPathError) -> JSONValue {
        let nanos = (seconds * 1e9).rounded(.towardZero)
        guard nanos.isFinite, nanos > -9.2e18, nanos < 9.2e18 else {
            throw KyvernoFunctionError.failure(function, "duration out of range")
        }
        return .string(GoDuration(nanoseconds: Int64(nanos)).description)
    }

    static func exactInteger(_ value: Double) -> Int64? {
        guard value.isFinite, value.rounded(.towardZero) == value, value > -9.2e18, value < 9.2e18 else { return nil }
        return Int64(value)
    }

    static func mismatch(_ function: String) -> JMESPathError {
        KyvernoFunctionError.failure(function, "Types mismatch")
    }

    static func zeroDivision(_ function: String) -> JMESPathError {
        KyvernoFunctionError.failure(function, "Zero divisor passed")
    }
}
