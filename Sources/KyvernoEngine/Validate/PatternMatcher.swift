import GuardrailCore
import KyvernoJMESPath

/// Why a pattern did not match.
struct PatternError: Error {
    var message: String
    /// JSON-pointer-like path with a trailing slash (`/spec/containers/0/image/`), empty for errors.
    var path: String
    /// A conditional/global anchor did not hold: the pattern does not apply (rule skipped).
    var skip: Bool
}

/// Kyverno pattern validation with anchors (pkg/engine/validate/validate.go `MatchPattern`,
/// pkg/engine/anchor, pkg/engine/pattern).
///
/// Anchors: `(key)` conditional, `<(key)` global (skip the rule), `^(key)` existence (some list element
/// matches), `=(key)` equality (checked only if present), `X(key)` negation (must be absent). Plain keys
/// must match (a missing key is validated as `null`). Scalar patterns support `|` (or), `&` (and),
/// `>`, `>=`, `<`, `<=`, `!`, ranges `a-b`/`a!-b`, wildcards, quantities and durations.
enum PatternMatcher {
    static func match(_ resource: JSONValue, _ pattern: JSONValue) -> PatternError? {
        element(resource, pattern, path: "/")
    }

    enum Anchor {
        case conditional(String), global(String), existence(String), equality(String), negation(String)
        case addIfNotPresent(String)
        case plain(String)

        init(_ key: String) {
            func inner(_ prefix: String) -> String? {
                guard key.hasPrefix(prefix + "("), key.hasSuffix(")"), key.count > prefix.count + 2 else { return nil }
                return String(key.dropFirst(prefix.count + 1).dropLast())
            }
            if let k = inner("") {
                self = .conditional(k)
            } else if let k = inner("<") {
                self = .global(k)
            } else if let k = inner("^") {
                self = .existence(k)
            } else if let k = inner("=") {
                self = .equality(k)
            } else if let k = inner("X") {
                self = .negation(k)
            } else if let k = inner("+") {
                self = .addIfNotPresent(k)
            } else {
                self = .plain(key)
            }
        }
    }

    static func element(_ resource: JSONValue, _ pattern: JSONValue, path: String) -> PatternError? {
        switch pattern {
        case .object(let p):
            guard case .object(let r) = resource else {
                return PatternError(
                    message:
                        "pattern and resource have different structures: expected object, found \(resource.typeName)",
                    path: path, skip: false)
            }
            return map(r, p, path: path)
        case .array(let p):
            guard case .array(let r) = resource else {
                return PatternError(
                    message:
                        "pattern and resource have different structures: expected array, found \(resource.typeName)",
                    path: path, skip: false)
            }
            return array(r, p, path: path)
        default:
            if ScalarPattern.matches(resource, pattern) { return nil }
            return PatternError(message: "value \(resource) does not match pattern \(pattern)", path: path, skip: false)
        }
    }

    static func map(_ resource: JSONObject, _ pattern: JSONObject, path: String) -> PatternError? {
        // Conditional and global anchors first, then everything else (Kyverno GetAnchorsResourcesFromMap).
        let entries = pattern.entries
        let conditionals = entries.filter {
            switch Anchor($0.key) {
            case .conditional, .global: return true;
            default: return false
            }
        }
        let rest = entries.filter {
            switch Anchor($0.key) {
            case .conditional, .global: return false;
            default: return true
            }
        }.sorted { $0.key < $1.key }
        for entry in conditionals + rest {
            switch Anchor(entry.key) {
            case .conditional(let key), .global(let key):
                let isGlobal: Bool
                if case .global = Anchor(entry.key) { isGlobal = true } else { isGlobal = false }
                let current = path + key + "/"
                guard let value = resource[key] else {
                    return PatternError(
                        message: "\(isGlobal ? "global" : "conditional") anchor key doesn't exist in the resource",
                        path: current, skip: true)
                }
                if let error = element(value, entry.value, path: current) {
                    return PatternError(message: error.message, path: error.path, skip: true)
                }
            case .equality(let key):
                if let value = resource[key], let error = element(value, entry.value, path: path + key + "/") {
                    return error
                }
            case .negation(let key):
                if resource[key] != nil {
                    return PatternError(message: "\(key) is not allowed", path: path + key + "/", skip: false)
                }
            case .existence(let key):
                let current = path + key + "/"
                guard let value = resource[key], case .array(let items) = value,
                    case .array(let patterns) = entry.value, let first = patterns.first
                else {
                    return PatternError(message: "existence anchor requires a list", path: current, skip: false)
                }
                if !items.enumerated().contains(where: {
                    element($0.element, first, path: current + "\($0.offset)/") == nil
                }) {
                    return PatternError(message: "existence anchor: no element matches", path: current, skip: false)
                }
            case .addIfNotPresent(let key), .plain(let key):
                let current = path + key + "/"
                let value = resource[key] ?? .null
                if entry.value == "*" && resource[key] == nil {
                    return PatternError(message: "field \(key) is required", path: current, skip: false)
                }
                if let error = element(value, entry.value, path: current) { return error }
            }
        }
        return nil
    }

    static func array(_ resource: [JSONValue], _ pattern: [JSONValue], path: String) -> PatternError? {
        guard let first = pattern.first else {
            return PatternError(message: "pattern Array empty", path: path, skip: false)
        }
        if case .object = first {
            for (i, item) in resource.enumerated() {
                if let error = element(item, first, path: path + "\(i)/") {
                    // An element whose conditional anchor does not hold is skipped.
                    if error.skip { continue }
                    return error
                }
            }
            return nil
        }
        guard resource.count >= pattern.count else {
            return PatternError(
                message: "validate Array failed, array length mismatch, resource Array len is "
                    + "\(resource.count) and pattern Array len is \(pattern.count)", path: path, skip: false)
        }
        for (i, p) in pattern.enumerated() {
            if let error = element(resource[i], p, path: path + "\(i)/") { return error }
        }
        return nil
    }
}

/// Scalar value patterns (Kyverno pkg/engine/pattern/pattern.go `Validate`).
enum ScalarPattern {
    static func matches(_ value: JSONValue, _ pattern: JSONValue) -> Bool {
        switch pattern {
        case .bool(let b):
            return value.boolValue == b
        case .int(let i):
            switch value {
            case .int(let v): return v == i
            case .double(let d): return d == Double(i)
            case .string(let s): return Int64(s) == i
            default: return false
            }
        case .double(let d):
            switch value {
            case .int(let v): return Double(v) == d
            case .double(let v): return v == d
            case .string(let s): return GoFormat.parseFloat(s) == d
            default: return false
            }
        case .null:
            switch value {
            case .null: return true
            case .string(let s): return s.isEmpty
            case .int(let i): return i == 0
            case .double(let d): return d == 0
            case .bool(let b): return !b
            case .array(let a): return a.isEmpty
            case .object(let o): return o.isEmpty
            }
        case .string(let p):
            return stringPattern(value, p)
        default:
            return false
        }
    }

    /// `a | b` is OR, `a & b` is AND.
    static func stringPattern(_ value: JSONValue, _ pattern: String) -> Bool {
        pattern.split(separator: "|", omittingEmptySubsequences: false).contains { alternative in
            alternative.split(separator: "&", omittingEmptySubsequences: false).allSatisfy {
                operand(value, String($0).trimmingCharacters(in: " "))
            }
        }
    }

    static func operand(_ value: JSONValue, _ pattern: String) -> Bool {
        for (op, test) in [
            (">=", { (c: Int) in c >= 0 }), ("<=", { $0 <= 0 }), (">", { $0 > 0 }),
            ("<", { $0 < 0 }),
        ] as [(String, (Int) -> Bool)] where pattern.hasPrefix(op) {
            let operandText = String(pattern.dropFirst(op.count)).trimmingCharacters(in: " ")
            guard let c = compare(value, operandText) else { return false }
            return test(c)
        }
        if pattern.hasPrefix("!") && !pattern.hasPrefix("!-") {
            return !equals(value, String(pattern.dropFirst()).trimmingCharacters(in: " "))
        }
        if let (low, high, negated) = range(pattern) {
            guard let a = compare(value, low), let b = compare(value, high) else { return false }
            let inside = a >= 0 && b <= 0
            return negated ? !inside : inside
        }
        return equals(value, pattern)
    }

    static func equals(_ value: JSONValue, _ pattern: String) -> Bool {
        let text: String
        switch value {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d): text = goFormatE(d)
        case .bool(let b): text = b ? "true" : "false"
        default: return false
        }
        if Wildcard.match(pattern, text) { return true }
        // Numbers and quantities compare by value (`"1Gi"` matches `"1024Mi"`).
        if let a = Quantity(operand: text), let b = Quantity(operand: pattern) { return a.compare(to: b) == 0 }
        return false
    }

    /// Compares the resource value with an operand: numbers/quantities by value, durations by length.
    static func compare(_ value: JSONValue, _ operand: String) -> Int? {
        func order(_ a: Double, _ b: Double) -> Int { a == b ? 0 : (a < b ? -1 : 1) }
        if let v = value.doubleValue {
            if let q = Quantity(operand: operand) { return order(v, q.doubleValue) }
            return nil
        }
        guard let s = value.stringValue else { return nil }
        if let a = GoDuration(parsing: s)?.seconds, let b = GoDuration(parsing: operand)?.seconds,
            s != "0" || operand != "0"
        {
            return order(a, b)
        }
        if let a = Quantity(operand: s), let b = Quantity(operand: operand) { return a.compare(to: b) }
        return nil
    }

    /// `a-b` / `a!-b` with numeric or quantity bounds.
    static func range(_ pattern: String) -> (String, String, Bool)? {
        for (separator, negated) in [("!-", true), ("-", false)] {
            guard let r = Substring(pattern).range(of: separator), r.lowerBound != pattern.startIndex else { continue }
            let low = String(pattern[..<r.lowerBound]), high = String(pattern[r.upperBound...])
            if Quantity(operand: low) != nil && Quantity(operand: high) != nil { return (low, high, negated) }
        }
        return nil
    }

    /// Go `strconv.FormatFloat(f, 'E', -1, 64)` as Kyverno stringifies float resource values.
    static func goFormatE(_ d: Double) -> String {
        let g = GoFormat.float(d)
        if g.contains("e") { return g.uppercased() }
        // Re-express in exponent form.
        let negative = d < 0
        var digits = g.replacingOccurrences(of: "-", with: "")
        var exponent: Int
        if let dot = digits.firstIndex(of: ".") {
            exponent = digits.distance(from: digits.startIndex, to: dot) - 1
            digits.remove(at: dot)
        } else {
            exponent = digits.count - 1
        }
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let first = digits.removeFirst()
        let mantissa = digits.isEmpty ? String(first) : "\(first).\(digits)"
        let e = String(abs(exponent))
        return (negative ? "-" : "") + mantissa + "E" + (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e)
    }
}
