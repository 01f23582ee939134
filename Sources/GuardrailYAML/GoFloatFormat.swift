/// Go's `strconv.FormatFloat(f, 'g', -1, bits)`: shortest round-tripping digits; exponent form
/// (`1e+06`, `1.234567e+06`, `1e-05`) when the decimal exponent is below -4 or at least 6 (Go's
/// `eprec = 6` for the shortest form), plain digits otherwise (`123456`, `0.0001`).
///
/// go-yaml v2 prints floats this way (64 bits), and sigs.k8s.io/yaml turns float mapping keys into
/// strings this way (32 bits), and `.inf`, `-.inf`, `.nan` stand for the non-finite values.
enum GoFloatFormat {
    static func formatG(_ value: Double, bits32: Bool = false) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let description = bits32 ? Float(value).description : value.description
        if bits32 && Float(value).isInfinite { return value < 0 ? "-.inf" : ".inf" }
        var (digits, pointPosition) = shortestDigits(description)
        let negative = value < 0
        let exponent = pointPosition - 1
        var out = negative ? "-" : ""
        // Go's rule for shortest 'g': eprec = 6; exponent form iff exp < -4 || exp >= eprec.
        if exponent < -4 || exponent >= 6 {
            let first = digits.removeFirst()
            out += digits.isEmpty ? String(first) : "\(first).\(digits)"
            let magnitude = abs(exponent)
            out += exponent < 0 ? "e-" : "e+"
            out += magnitude < 10 ? "0\(magnitude)" : String(magnitude)
            return out
        }
        if pointPosition <= 0 {
            return out + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return out + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return out + digits[..<split] + "." + digits[split...]
    }

    /// Digits without leading/trailing zeros and the position of the decimal point relative to them:
    /// value = 0.DIGITS × 10^pointPosition.
    private static func shortestDigits(_ text: String) -> (String, Int) {
        var mantissa = Substring(text)
        if mantissa.hasPrefix("-") { mantissa = mantissa.dropFirst() }
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(mantissa[mantissa.index(after: e)...]) ?? 0
            mantissa = mantissa[..<e]
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var pointPosition = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition)
    }
}
