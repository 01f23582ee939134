import GuardrailCore
import KyvernoJMESPath

/// The condition operators of `preconditions`, `deny.conditions` and exception `conditions`.
///
/// Names are matched case-insensitively, like Kyverno's engine (pkg/engine/variables/operator/operator.go
/// `CreateOperatorHandler` lowercases), so the deprecated `Equal`/`NotEqual` spellings work too.
public enum ConditionOperator: String, Sendable, Hashable, CaseIterable {
    case equals = "Equals"
    case notEquals = "NotEquals"
    case `in` = "In"
    case anyIn = "AnyIn"
    case allIn = "AllIn"
    case notIn = "NotIn"
    case anyNotIn = "AnyNotIn"
    case allNotIn = "AllNotIn"
    case greaterThan = "GreaterThan"
    case greaterThanOrEquals = "GreaterThanOrEquals"
    case lessThan = "LessThan"
    case lessThanOrEquals = "LessThanOrEquals"
    case durationGreaterThan = "DurationGreaterThan"
    case durationGreaterThanOrEquals = "DurationGreaterThanOrEquals"
    case durationLessThan = "DurationLessThan"
    case durationLessThanOrEquals = "DurationLessThanOrEquals"

    /// The operator named `name` (any case; `Equal`/`NotEqual` are aliases), or `nil`.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "equal" { self = .equals; return }
        if lowered == "notequal" { self = .notEquals; return }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }

    /// Evaluates `key <operator> value` with Kyverno's type rules (see ``OperatorSemantics``).
    /// Throws only for the one case where Kyverno's handler would crash (non-string elements in an `In` key).
    public func evaluate(key: JSONValue, value: JSONValue) throws(ConditionError) -> Bool {
        switch self {
        case .equals: return OperatorSemantics.equals(key, value)
        case .notEquals: return OperatorSemantics.notEquals(key, value)
        case .in: return try OperatorSemantics.inOperator(key, value, negated: false)
        case .notIn: return try OperatorSemantics.inOperator(key, value, negated: true)
        case .anyIn: return OperatorSemantics.setOperator(key, value, any: true, negated: false)
        case .allIn: return OperatorSemantics.setOperator(key, value, any: false, negated: false)
        case .anyNotIn: return OperatorSemantics.setOperator(key, value, any: true, negated: true)
        case .allNotIn: return OperatorSemantics.setOperator(key, value, any: false, negated: true)
        case .greaterThan: return OperatorSemantics.numeric(key, value) { $0 > 0 }
        case .greaterThanOrEquals: return OperatorSemantics.numeric(key, value) { $0 >= 0 }
        case .lessThan: return OperatorSemantics.numeric(key, value) { $0 < 0 }
        case .lessThanOrEquals: return OperatorSemantics.numeric(key, value) { $0 <= 0 }
        case .durationGreaterThan: return OperatorSemantics.duration(key, value) { $0 > $1 }
        case .durationGreaterThanOrEquals: return OperatorSemantics.duration(key, value) { $0 >= $1 }
        case .durationLessThan: return OperatorSemantics.duration(key, value) { $0 < $1 }
        case .durationLessThanOrEquals: return OperatorSemantics.duration(key, value) { $0 <= $1 }
        }
    }
}

/// A condition that Kyverno would report as an evaluation error.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error text Kyverno would report.
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The type rules of Kyverno's operator handlers (pkg/engine/variables/operator/*.go). Every JSON number
/// is a float64 at admission (conditions are JSON round-tripped first), so `.int` and `.double` are alike.
enum OperatorSemantics {
    // MARK: Equals / NotEquals (equal.go, notequal.go)

    static func equals(_ key: JSONValue, _ value: JSONValue) -> Bool {
        switch key {
        case .bool(let k):
            return value.boolValue == k
        case .int, .double:
            let k = key.doubleValue!
            if let v = value.doubleValue { return k == v }
            if let s = value.stringValue, let v = GoFormat.parseFloat(s) { return k == v }
            return false
        case .string(let k):
            if let (a, b) = durations(key, value) { return a == b }
            if let kq = Quantity(operand: k), let vs = value.stringValue {
                // A quantity key compares as a quantity; an unparseable value is simply unequal (no wildcard).
                guard let vq = Quantity(operand: vs) else { return false }
                return kq.compare(to: vq) == 0
            }
            if let v = value.stringValue { return Wildcard.match(v, k) }
            return false
        case .object, .array:
            return key == value && sameKind(key, value)
        case .null:
            return false
        }
    }

    static func notEquals(_ key: JSONValue, _ value: JSONValue) -> Bool {
        switch key {
        case .bool(let k):
            guard let v = value.boolValue else { return true }
            return k != v
        case .int, .double:
            let k = key.doubleValue!
            if let v = value.doubleValue { return k != v }
            if let s = value.stringValue {
                guard let v = GoFormat.parseFloat(s) else { return true }
                return k != v
            }
            return true
        case .string(let k):
            if let (a, b) = durations(key, value) { return a != b }
            if let kq = Quantity(operand: k), let vs = value.stringValue {
                if vs.isEmpty { return !Wildcard.match("", k) }
                guard let vq = Quantity(operand: vs) else { return true }
                return kq.compare(to: vq) != 0
            }
            if let v = value.stringValue { return !Wildcard.match(v, k) }
            return true
        case .object, .array:
            return !(key == value && sameKind(key, value))
        case .null:
            return false
        }
    }

    private static func sameKind(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object, .object), (.array, .array): return true
        default: return false
        }
    }

    /// Kyverno `parseDuration(key, value)`: at least one side is a string that parses as a Go duration other
    /// than `"0"`; the other side is such a string or a number of seconds.
    static func durations(_ key: JSONValue, _ value: JSONValue) -> (Double, Double)? {
        func side(_ v: JSONValue) -> (Double, isString: Bool)? {
            if let s = v.stringValue {
                guard s != "0", let d = GoDuration(parsing: s)?.seconds else { return nil }
                return (d, true)
            }
            if let d = v.doubleValue { return (d, false) }
            return nil
        }
        guard let k = side(key), let v = side(value), k.isString || v.isString else { return nil }
        return (k.0, v.0)
    }

    // MARK: GreaterThan & co (numeric.go)

    static func numeric(_ key: JSONValue, _ value: JSONValue, _ test: (Int) -> Bool) -> Bool {
        func cmp(_ a: Double, _ b: Double) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        switch key {
        case .int, .double:
            let k = key.doubleValue!
            if let v = value.doubleValue { return test(cmp(k, v)) }
            if let s = value.stringValue {
                if let (a, b) = durations(key, value) { return test(cmp(a, b)) }
                if let v = GoFormat.parseFloat(s) { return test(cmp(k, v)) }
            }
            return false
        case .string(let k):
            if let (a, b) = durations(key, value) { return test(cmp(a, b)) }
            if let kq = Quantity(operand: k), let vs = value.stringValue, let vq = Quantity(operand: vs) {
                return test(kq.compare(to: vq))
            }
            if let kf = GoFormat.parseFloat(k) { return numeric(.double(kf), value, test) }
            if let ks = SemanticVersion(parsing: k),
                let vs = value.stringValue.flatMap(SemanticVersion.init(parsing:))
            {
                return test(ks == vs ? 0 : (ks < vs ? -1 : 1))
            }
            return false
        default:
            return false
        }
    }

    // MARK: Duration* (duration.go)

    static func duration(_ key: JSONValue, _ value: JSONValue, _ test: (Double, Double) -> Bool) -> Bool {
        func seconds(_ v: JSONValue) -> Double? {
            if let d = v.doubleValue { return d }
            if let s = v.stringValue { return GoDuration(parsing: s)?.seconds }
            return nil
        }
        guard let k = seconds(key), let v = seconds(value) else { return false }
        return test(k, v)
    }

    // MARK: In / NotIn (in.go, notin.go; deprecated)

    static func inOperator(_ key: JSONValue, _ value: JSONValue, negated: Bool) throws(ConditionError) -> Bool {
        switch key {
        case .string, .int, .double, .bool:
            let k = GoFormat.sprint(key)
            let exists: Bool
            switch value {
            case .array(let list):
                exists = list.contains {
                    Wildcard.match(GoFormat.sprint($0), k) || Wildcard.match(k, GoFormat.sprint($0))
                }
            case .string(let v):
                if Wildcard.match(v, k) {
                    exists = true
                } else if let array = jsonStringArray(v) {
                    exists = array.contains(k)
                } else {
                    return false  // invalid type: false for In and NotIn
                }
            default:
                return false
            }
            return negated ? !exists : exists
        case .array(let elements):
            var keys: [String] = []
            for element in elements {
                guard let s = element.stringValue else {
                    // Kyverno's handler type-asserts every element to string and would panic.
                    throw ConditionError("In/NotIn: key list elements must be strings, found \(element.typeName)")
                }
                keys.append(s)
            }
            let values: [String]
            switch value {
            case .array(let list):
                guard list.allSatisfy({ $0.stringValue != nil }) else { return false }
                values = list.map { $0.stringValue! }
            case .string(let v):
                // Kyverno setExistsInArray: a one-element key equal to the string "exists" for both In and
                // NotIn (a known quirk).
                if keys.count == 1 && keys[0] == v { return true }
                guard let array = jsonStringArray(v) else { return false }
                values = array
            default:
                return false
            }
            let allIn = keys.allSatisfy { values.contains($0) }
            return negated ? !allIn : allIn
        default:
            return false
        }
    }

    // MARK: AnyIn / AllIn / AnyNotIn / AllNotIn (anyin.go, allin.go, anynotin.go, allnotin.go)

    static func setOperator(_ key: JSONValue, _ value: JSONValue, any: Bool, negated: Bool) -> Bool {
        func matchesEither(_ a: String, _ b: String) -> Bool { Wildcard.match(a, b) || Wildcard.match(b, a) }
        switch key {
        case .string, .int, .double, .bool:
            let k = GoFormat.sprint(key)
            let exists: Bool
            switch value {
            case .array(let list):
                exists = list.contains { matchesEither(GoFormat.sprint($0), k) }
            case .string(let v):
                if Wildcard.match(v, k) {
                    exists = true
                } else if let range = NumericRange(v) {
                    exists = range.contains(k)
                } else if isValidJSON(v) {
                    guard let array = jsonStringArray(v) else { return false }
                    exists = array.contains(k)
                } else {
                    exists = v == k
                }
            default:
                return false
            }
            return negated ? !exists : exists
        case .array(let elements):
            let keys = elements.map(GoFormat.sprint)
            var values: [String]
            switch value {
            case .array(let list):
                values = list.map(GoFormat.sprint)
            case .int, .double, .bool:
                guard any else { return false }
                values = [GoFormat.sprint(value)]
            case .string(let v):
                if keys.count == 1 && keys[0] == v { return !negated }
                if let range = NumericRange(v) {
                    switch (any, negated) {
                    case (true, false): return keys.contains { range.contains($0) }
                    case (false, false): return keys.allSatisfy { range.contains($0) }
                    case (true, true): return keys.contains { range.excludes($0) }
                    case (false, true): return !keys.contains { range.contains($0) }
                    }
                }
                if isValidJSON(v) {
                    guard let array = jsonStringArray(v) else { return false }
                    values = array
                } else {
                    values = [v]
                }
            default:
                return false
            }
            let found = keys.map { k in values.contains { matchesEither($0, k) } }
            switch (any, negated) {
            case (true, false): return found.contains(true)
            case (false, false): return found.allSatisfy { $0 }
            case (true, true): return found.contains(false)
            case (false, true): return !found.contains(true)
            }
        default:
            return false
        }
    }

    private static func isValidJSON(_ s: String) -> Bool {
        (try? JSONParser.parse(s)) != nil
    }

    private static func jsonStringArray(_ s: String) -> [String]? {
        guard let parsed = try? JSONParser.parse(s), let array = parsed.arrayValue else { return nil }
        var result: [String] = []
        for item in array {
            guard let string = item.stringValue else { return nil }
            result.append(string)
        }
        return result
    }
}

/// A range value `lo-hi` of the set operators: regex
/// `^([-|\+]?\d+(?:\.\d+)?[A-Za-z]*)-([-|\+]?\d+(?:\.\d+)?[A-Za-z]*)$`, bounds compared as quantities.
struct NumericRange {
    var low: Quantity
    var high: Quantity

    init?(_ text: String) {
        // Find a split "-" such that both sides match the bound syntax.
        let chars = Array(text)
        for i in chars.indices where chars[i] == "-" && i > 0 {
            let left = String(chars[..<i]), right = String(chars[(i + 1)...])
            if NumericRange.isBound(left), NumericRange.isBound(right),
                let lo = Quantity(operand: NumericRange.stripSign(left)),
                let hi = Quantity(operand: NumericRange.stripSign(right))
            {
                low = NumericRange.signed(left, lo)
                high = NumericRange.signed(right, hi)
                return
            }
        }
        return nil
    }

    private static func stripSign(_ s: String) -> String {
        s.first == "+" || s.first == "-" || s.first == "|" ? String(s.dropFirst()) : s
    }

    private static func signed(_ s: String, _ q: Quantity) -> Quantity {
        s.first == "-" ? q.negated : q
    }

    /// `[-|\+]?\d+(?:\.\d+)?[A-Za-z]*`.
    private static func isBound(_ s: String) -> Bool {
        var rest = Substring(s)
        if let f = rest.first, f == "-" || f == "|" || f == "+" { rest = rest.dropFirst() }
        let intPart = rest.prefix { $0.isASCII && $0.isNumber }
        guard !intPart.isEmpty else { return false }
        rest = rest.dropFirst(intPart.count)
        if rest.first == "." {
            let frac = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !frac.isEmpty else { return false }
            rest = rest.dropFirst(1 + frac.count)
        }
        return rest.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The key (a number or quantity text) lies within `[low, high]`.
    func contains(_ key: String) -> Bool {
        guard let q = Quantity(operand: key) else { return false }
        return q.compare(to: low) >= 0 && q.compare(to: high) <= 0
    }

    /// The "not in range" pattern `lo!-hi`: the key is a quantity outside the range.
    func excludes(_ key: String) -> Bool {
        guard let q = Quantity(operand: key) else { return false }
        return q.compare(to: low) < 0 || q.compare(to: high) > 0
    }
}
