import GuardrailCore

/// Go formatting rules Kyverno's functions inherit.
enum GoFormatting {
    /// Kyverno `ifaceToString` for numbers: `strconv.FormatFloat(f, 'f', -1, 32)` — the shortest
    /// digits that identify the value *as a float32*, in plain (non-exponent) notation. So `1.5` prints
    /// `1.5` but `123456789` prints `123456790`.
    static func float32Fixed(_ value: Double) -> String {
        let f = Float(value)
        guard f.isFinite else { return f.isNaN ? "NaN" : (f < 0 ? "-Inf" : "+Inf") }
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        return fixed(f.magnitude.description, negative: f < 0)
    }

    /// Expands Swift's shortest description (`1.2345679e+08`, `0.5`, `1e-07`) into plain notation.
    static func fixed(_ description: String, negative: Bool) -> String {
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var integer = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integer = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integer) + String(fraction)
        var point = integer.count + exponent
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.hasSuffix("0"), digits.count > point { digits.removeLast() }
        var text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: point)
            text = digits[..<split] + "." + digits[split...]
        }
        return negative ? "-" + text : text
    }

    /// Go `fmt.Sprintf("%v", float64)`: shortest digits, exponent form below 1e-4 and from 1e21.
    static func goV(_ value: Double) -> String {
        let magnitude = value.magnitude
        if magnitude != 0, magnitude < 1e-4 || magnitude >= 1e21 {
            let text = magnitude.description  // e.g. "1e-05" or "1.5e-05"
            guard let e = text.firstIndex(of: "e") else { return JSONWriter.formatNumber(value) }
            let mantissa = text[..<e].hasSuffix(".0") ? text[..<e].dropLast(2) : text[..<e]
            let exponent = Int(text[text.index(after: e)...]) ?? 0
            let digits = String(exponent.magnitude)
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + (digits.count < 2 ? "0" + digits : digits)
        }
        return JSONWriter.formatNumber(value)
    }
}
