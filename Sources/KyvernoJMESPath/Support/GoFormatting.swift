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
        return GoShortestDecimal(f).plainForm
    }

    /// Go `fmt.Sprintf("%v", float64)`: shortest digits, exponent form below 1e-4 and from 1e21.
    static func goV(_ value: Double) -> String {
        let magnitude = value.magnitude
        if value.isFinite, magnitude != 0, magnitude < 1e-4 || magnitude >= 1e21 {
            return GoShortestDecimal(value).exponentForm
        }
        return JSONWriter.formatNumber(value)
    }
}
