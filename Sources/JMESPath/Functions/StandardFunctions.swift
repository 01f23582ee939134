import GuardrailCore

/// The built-in functions of the JMESPath specification, with its signatures and type rules.
enum StandardFunctions {
    typealias F = JMESPath.Function
    typealias P = JMESPath.Parameter

    static let all: [JMESPath.Function] = [
        F("abs", [P(.number)]) { args, _ in abs(args[0].json) },
        F("avg", [P(.arrayOfNumbers)]) { args, _ in
            guard case .array(let numbers) = args[0].json, !numbers.isEmpty else { return .null }
            let total = numbers.reduce(0.0) { $0 + ($1.doubleValue ?? 0) }
            return .double(total / Double(numbers.count))
        },
        F("ceil", [P(.number)]) { args, _ in rounded(args[0].json, .up) },
        F("floor", [P(.number)]) { args, _ in rounded(args[0].json, .down) },
        F("contains", [P(.array, .string), P(.any)]) { args, _ in
            switch (args[0].json, args[1].json) {
            case (.array(let elements), let search): return .bool(elements.contains(search))
            case (.string(let subject), .string(let search)): return .bool(subject.containsBytes(search))
            default: return .bool(false)
            }
        },
        F("ends_with", [P(.string), P(.string)]) { args, _ in
            .bool(args[0].json.stringValue!.hasByteSuffix(args[1].json.stringValue!))
        },
        F("starts_with", [P(.string), P(.string)]) { args, _ in
            .bool(args[0].json.stringValue!.hasBytePrefix(args[1].json.stringValue!))
        },
        F("join", [P(.string), P(.arrayOfStrings)]) { args, _ in
            let parts = args[1].json.arrayValue!.map { $0.stringValue! }
            return .string(parts.joined(separator: args[0].json.stringValue!))
        },
        F("keys", [P(.object)]) { args, _ in .array(args[0].json.objectValue!.keys.map(JSONValue.string)) },
        F("values", [P(.object)]) { args, _ in .array(args[0].json.objectValue!.values) },
        F("length", [P(.string, .array, .object)]) { args, _ in
            switch args[0].json {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .array(let a): return .int(Int64(a.count))
            case .object(let o): return .int(Int64(o.count))
            default: return .null
            }
        },
        F("map", [P(.expression), P(.array)]) { args, context throws(JMESPathError) in
            guard case .expression(let reference) = args[0] else { return .null }
            var results: [JSONValue] = []
            for element in args[1].json.arrayValue! {
                results.append(try context.evaluate(reference, on: element))
            }
            return .array(results)
        },
        F("max", [P(.arrayOfNumbers, .arrayOfStrings)]) { args, _ in extreme(args[0].json.arrayValue!, max: true) },
        F("min", [P(.arrayOfNumbers, .arrayOfStrings)]) { args, _ in extreme(args[0].json.arrayValue!, max: false) },
        F("max_by", [P(.array), P(.expression)]) { args, context throws(JMESPathError) in
            try extremeBy(args, context, max: true)
        },
        F("min_by", [P(.array), P(.expression)]) { args, context throws(JMESPathError) in
            try extremeBy(args, context, max: false)
        },
        F("merge", [P(.object)], variadic: true) { args, _ in
            var merged = JSONObject()
            for argument in args {
                for entry in argument.json.objectValue! { merged[entry.key] = entry.value }
            }
            return .object(merged)
        },
        F("not_null", [P(.any)], variadic: true) { args, _ in
            args.first { !$0.json.isNull }?.json ?? .null
        },
        F("reverse", [P(.string, .array)]) { args, _ in
            switch args[0].json {
            case .string(let s):
                var reversed = String.UnicodeScalarView()
                reversed.append(contentsOf: s.unicodeScalars.reversed())
                return .string(String(reversed))
            case .array(let a): return .array(a.reversed())
            default: return .null
            }
        },
        F("sort", [P(.arrayOfNumbers, .arrayOfStrings)]) { args, _ in
            .array(args[0].json.arrayValue!.sorted { orderedBefore($0, $1) })
        },
        F("sort_by", [P(.array), P(.expression)]) { args, context throws(JMESPathError) in
            guard case .expression(let reference) = args[1] else { return .null }
            let elements = args[0].json.arrayValue!
            let keys = try sortKeys(elements, reference, context)
            let order = elements.indices.sorted { a, b in
                orderedBefore(keys[a], keys[b]) || (!orderedBefore(keys[b], keys[a]) && a < b)
            }
            return .array(order.map { elements[$0] })
        },
        F("sum", [P(.arrayOfNumbers)]) { args, _ in sum(args[0].json.arrayValue!) },
        F("to_array", [P(.any)]) { args, _ in
            if case .array = args[0].json { return args[0].json }
            return .array([args[0].json])
        },
        F("to_number", [P(.any)]) { args, _ in
            switch args[0].json {
            case .int, .double: return args[0].json
            case .string(let s): return parseNumber(s) ?? .null
            default: return .null
            }
        },
        F("to_string", [P(.any)]) { args, _ in
            if case .string = args[0].json { return args[0].json }
            return .string(goJSON(args[0].json))
        },
        F("type", [P(.any)]) { args, _ in .string(args[0].json.typeName) },
    ]

    // MARK: - Helpers shared with dialects

    /// Compact JSON as Go's `json.Marshal` writes a `map[string]interface{}`: keys sorted, HTML escaped.
    package static func goJSON(_ value: JSONValue) -> String {
        JSONWriter(options: .init(indent: nil, escapeHTML: true, sortKeys: true)).string(from: value)
    }

    /// Parses a number like Go's `strconv.ParseFloat`, keeping integers as integers; `nil` if invalid
    /// or not finite.
    package static func parseNumber(_ text: String) -> JSONValue? {
        if let i = Int64(text) { return .int(i) }
        // Swift reads `0x10` as 16; Go's ParseFloat only reads hex with a `p` exponent. Decimal only.
        guard !text.isEmpty, !text.utf8.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }),
            let d = Double(text), d.isFinite
        else { return nil }
        return .double(d)
    }

    static func abs(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let i): return i == .min ? .double(-Double(i)) : .int(Swift.abs(i))
        case .double(let d): return .double(Swift.abs(d))
        default: return .null
        }
    }

    static func rounded(_ value: JSONValue, _ rule: FloatingPointRoundingRule) -> JSONValue {
        switch value {
        case .int: return value
        case .double(let d): return .double(d.rounded(rule))
        default: return .null
        }
    }

    /// Sum keeping integers exact until they would overflow.
    package static func sum(_ numbers: [JSONValue]) -> JSONValue {
        var integer: Int64 = 0
        var double = 0.0
        var isInteger = true
        for number in numbers {
            if isInteger, case .int(let i) = number {
                let (result, overflow) = integer.addingReportingOverflow(i)
                if !overflow {
                    integer = result
                    continue
                }
            }
            if isInteger {
                isInteger = false
                double = Double(integer)
            }
            double += number.doubleValue ?? 0
        }
        return isInteger ? .int(integer) : .double(double)
    }

    /// Ordering of two numbers or two strings (strings by UTF-8 bytes, as Go).
    package static func orderedBefore(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.string(let x), .string(let y)): return x.bytePrecedes(y)
        default: return (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
        }
    }

    static func extreme(_ elements: [JSONValue], max: Bool) -> JSONValue {
        guard var best = elements.first else { return .null }
        for element in elements.dropFirst() {
            if max ? orderedBefore(best, element) : orderedBefore(element, best) { best = element }
        }
        return best
    }

    /// Evaluates the sort key of every element; all keys must be numbers, or all strings.
    static func sortKeys(
        _ elements: [JSONValue], _ reference: JMESPath.ExpressionReference, _ context: JMESPath.FunctionContext
    ) throws(JMESPathError) -> [JSONValue] {
        var keys: [JSONValue] = []
        keys.reserveCapacity(elements.count)
        var sawNumber = false
        var sawString = false
        for element in elements {
            let key = try context.evaluate(reference, on: element)
            switch key {
            case .int, .double: sawNumber = true
            case .string: sawString = true
            default:
                throw context.invalidType("the expression must return a number or a string, got \(key.typeName)")
            }
            if sawNumber && sawString {
                throw context.invalidType("the expression returned both numbers and strings")
            }
            keys.append(key)
        }
        return keys
    }

    static func extremeBy(_ args: [JMESPath.Argument], _ context: JMESPath.FunctionContext, max: Bool)
        throws(JMESPathError) -> JSONValue
    {
        guard case .expression(let reference) = args[1] else { return .null }
        let elements = args[0].json.arrayValue!
        let keys = try sortKeys(elements, reference, context)
        guard !elements.isEmpty else { return .null }
        var best = 0
        for i in keys.indices.dropFirst() {
            if max ? orderedBefore(keys[best], keys[i]) : orderedBefore(keys[i], keys[best]) { best = i }
        }
        return elements[best]
    }
}
