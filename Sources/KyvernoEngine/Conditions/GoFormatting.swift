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
        let sign = d < 0 ? "-" : ""
        var (digits, pointPosition) = shortestDigits(abs(d))  // value = 0.DIGITS × 10^pointPosition
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            let first = digits.removeFirst()
            let mantissa = digits.isEmpty ? String(first) : "\(first).\(digits)"
            let e = String(abs(exponent))
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<split] + "." + digits[split...]
    }

    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var point = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, point)
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
