import GuardrailCore

/// Go's `fmt.Sprint` for the JSON values the condition operators stringify.
enum GoFormat {
    /// `fmt.Sprint(x)`: strings verbatim, numbers as float64 `%v` (`strconv.FormatFloat(f, 'g', -1, 64)`,
    /// exponent form when the decimal exponent is < -4 or ≥ 6, so `1000000` → `1e+06`), booleans
    /// `true`/`false`, null `<nil>`, lists/maps in Go's `[a b]` / `map[k:v]` forms.
    static func sprint(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return float(Double(i))
        case .double(let d): return float(d)
        case .null: return "<nil>"
        case .array(let a): return "[" + a.map(sprint).joined(separator: " ") + "]"
        case .object(let o):
            let entries = o.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return "map[" + entries.map { "\($0.key):\(sprint($0.value))" }.joined(separator: " ") + "]"
        }
    }

    /// `strconv.FormatFloat(d, 'g', -1, 64)`.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        return GoShortestDecimal(d).generalForm()
    }

    /// Go `strconv.ParseFloat(s, 64)` for the decimal forms policies use (also `Inf`, `NaN`, hex is rare).
    static func parseFloat(_ s: String) -> Double? {
        guard !s.isEmpty else { return nil }
        let body = s.hasPrefix("+") || s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let lowered = body.lowercased()
        if lowered == "inf" || lowered == "infinity" { return s.hasPrefix("-") ? -.infinity : .infinity }
        if lowered == "nan" { return .nan }
        // Reject what Swift accepts but Go does not (hex floats are accepted by both; keep simple decimals).
        guard
            body.allSatisfy({
                $0.isASCII
                    && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+"
                        || $0 == "-" || $0 == "_")
            })
        else { return nil }
        return Double(s.replacingOccurrences(of: "_", with: ""))
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
