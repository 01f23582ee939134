import GuardrailCore

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
        if bits32 && Float(value).isInfinite { return value < 0 ? "-.inf" : ".inf" }
        let decimal = bits32 ? GoShortestDecimal(Float(value)) : GoShortestDecimal(value)
        // Go's rule for shortest 'g': eprec = 6; exponent form iff exp < -4 || exp >= eprec.
        return decimal.generalForm()
    }
}
