/// The shortest decimal digits that identify a finite float, and Go's `strconv.FormatFloat` layouts over
/// them (precision `-1`): `'e'` (`1.5e-07`), `'f'` (`1500000`, `0.0001`) and `'g'` (`1e+06`, `123456`).
///
/// Go's encoding/json, `fmt` `%v`, go-yaml and Kyverno's string conversions all print floats from these
/// digits and differ only in which layout they choose and how they spell non-finite values, so callers
/// handle NaN and infinities themselves and pick the layout. The digits come from Swift's `description`,
/// which is the same shortest round-trip decimal Go computes (for `Float`, the shortest that identifies
/// the value as a float32, like Go's `bitSize` 32).
public struct GoShortestDecimal: Sendable, Hashable {
    /// The significant digits without leading or trailing zeros (`"0"` for zero).
    public var digits: String
    /// Where the decimal point sits relative to `digits`: the value is `0.DIGITS × 10^point`.
    public var point: Int
    /// Whether the value has a minus sign (also `-0`).
    public var isNegative: Bool

    /// The digits of a finite `Double`.
    public init(_ value: Double) {
        self.init(description: value.magnitude.description, isZero: value == 0, isNegative: value.sign == .minus)
    }

    /// The digits of a finite `Float` (Go's `bitSize` 32).
    public init(_ value: Float) {
        self.init(description: value.magnitude.description, isZero: value == 0, isNegative: value.sign == .minus)
    }

    private init(description text: String, isZero: Bool, isNegative: Bool) {
        self.isNegative = isNegative
        if isZero {
            digits = "0"
            point = 1
            return
        }
        // Swift's shortest round-trip form: "1.5e-07", "123.25", "1e+16".
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integerPart) + String(fractionPart)
        var point = integerPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        self.digits = digits
        self.point = point
    }

    /// The decimal exponent of the first digit (`1500` → 3, `0.05` → -2): what Go's `'g'` and `%v` test.
    public var exponent: Int { point - 1 }

    /// Go `'e'` layout: `d.ddde±XX`, at least two exponent digits (`1e+06`, `-1.5e-07`).
    public var exponentForm: String {
        var rest = digits
        let first = rest.removeFirst()
        let mantissa = rest.isEmpty ? String(first) : "\(first).\(rest)"
        let magnitude = String(exponent.magnitude)
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }

    /// Go `'f'` layout: plain digits, no exponent (`1500000`, `0.0001`, `-12.5`).
    public var plainForm: String {
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// Go `'g'` layout with shortest precision: the exponent form when the exponent is below -4 or at least
    /// `exponentLimit` (Go's `eprec`: 6 for `FormatFloat(f, 'g', -1, …)`, 21 for `fmt`'s `%v`).
    public func generalForm(exponentLimit: Int = 6) -> String {
        exponent < -4 || exponent >= exponentLimit ? exponentForm : plainForm
    }

    private var sign: String { isNegative ? "-" : "" }
}
