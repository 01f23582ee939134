/// A Kubernetes resource quantity (`k8s.io/apimachinery/pkg/api/resource.Quantity`): `100Mi`, `0.5`,
/// `500m`, `1e3`, with the same parsing, arithmetic and canonical printing Kyverno's arithmetic
/// functions get from apimachinery.
///
/// The value is `mantissa × 10^exponent`; the exponent is kept as apimachinery keeps the scale (it
/// decides the precision of division). Values needing more than 128 bits are refused.
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// How the quantity prints (apimachinery `Format`).
    public enum Format: Sendable, Hashable {
        /// `Ki`, `Mi`, … powers of 1024.
        case binarySI
        /// `m`, `k`, `M`, … powers of 1000.
        case decimalSI
        /// `e3`, `E6`.
        case decimalExponent
    }

    var mantissa: Int128
    var exponent: Int
    /// The suffix family the quantity was written in.
    public var format: Format

    init(mantissa: Int128, exponent: Int, format: Format) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.format = format
    }

    /// An integer quantity (apimachinery `NewQuantity`).
    public init(integer: Int64, format: Format) {
        self.init(mantissa: Int128(integer), exponent: 0, format: format)
    }

    // MARK: - Parsing (resource.ParseQuantity)

    /// Parses a quantity; `nil` when apimachinery's `ParseQuantity` would fail.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var position = 0
        var positive = true
        if bytes[0] == UInt8(ascii: "-") {
            positive = false
            position = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            position = 1
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        while position < bytes.count, bytes[position] == UInt8(ascii: "0") { position += 1 }
        var numerator: [UInt8] = []
        while position < bytes.count, isDigit(bytes[position]) {
            numerator.append(bytes[position])
            position += 1
        }
        var denominator: [UInt8] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count, isDigit(bytes[position]) {
                denominator.append(bytes[position])
                position += 1
            }
        }
        let suffix = String(decoding: bytes[position...], as: UTF8.self)
        // The suffix: letters from "eEinumkKMGTP", then an optional signed integer (exponent form).
        var base = 10
        var power = 0
        var format = Format.decimalSI
        switch suffix {
        case "": break
        case "n": power = -9
        case "u": power = -6
        case "m": power = -3
        case "k": power = 3
        case "M": power = 6
        case "G": power = 9
        case "T": power = 12
        case "P": power = 15
        case "E": power = 18
        case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei":
            base = 2
            format = .binarySI
            switch suffix {
            case "Ki": power = 10
            case "Mi": power = 20
            case "Gi": power = 30
            case "Ti": power = 40
            case "Pi": power = 50
            default: power = 60
            }
        default:
            guard let first = suffix.utf8.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") else {
                return nil
            }
            let digits = suffix.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }),
                let value = Int(digits), abs(value) < 10_000
            else { return nil }
            power = value
            format = .decimalExponent
        }
        var mantissa: Int128 = 0
        for digit in numerator + denominator {
            let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(digit - 48))
            if o1 || o2 { return nil }
            mantissa = a
        }
        var exponent = -denominator.count
        let fastPathDigits = numerator.count + denominator.count
        if base == 10 {
            exponent += power
            // apimachinery's fast path keeps the written scale; otherwise the value goes through
            // inf.Dec and is rounded (up, away from zero) to nano precision, giving scale -9.
            if fastPathDigits > 18 || exponent < -9 {
                if exponent < -9 {
                    (mantissa, exponent) = Quantity.roundUpToNano(mantissa, exponent)
                } else if let scaled = Quantity.rescale(mantissa, from: exponent, to: -9) {
                    mantissa = scaled
                    exponent = -9
                }
            }
        } else {
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: Int128(1) << power)
            if overflow { return nil }
            mantissa = m
            if !denominator.isEmpty || numerator.count > 14 - Int(Float(power) * 3 / 10) {
                // Slow path through inf.Dec: rounded (up) to nano precision (scale 9).
                if exponent < -9 {
                    (mantissa, exponent) = Quantity.roundUpToNano(mantissa, exponent)
                } else if let scaled = Quantity.rescale(mantissa, from: exponent, to: -9) {
                    mantissa = scaled
                    exponent = -9
                }
            }
            // Binary quantities below one print as decimal (apimachinery ParseQuantity).
            if exponent < 0, -exponent <= 38, mantissa < Quantity.pow10(-exponent), mantissa > 0 {
                format = .decimalSI
            }
        }
        self.init(mantissa: positive ? mantissa : -mantissa, exponent: exponent, format: format)
    }

    /// Rounds a non-negative `mantissa × 10^exponent` (exponent < -9) up to a whole number of nanos.
    static func roundUpToNano(_ mantissa: Int128, _ exponent: Int) -> (Int128, Int) {
        let drop = -9 - exponent
        if drop > 38 { return (mantissa == 0 ? 0 : 1, -9) }
        let (q, r) = mantissa.quotientAndRemainder(dividingBy: pow10(drop))
        return (r == 0 ? q : q + 1, -9)
    }

    static func pow10(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    /// `mantissa × 10^from` written with exponent `to` (≤ from); `nil` on overflow.
    static func rescale(_ mantissa: Int128, from: Int, to: Int) -> Int128? {
        guard from >= to else { return nil }
        if from - to > 38 { return mantissa == 0 ? 0 : nil }
        let (m, overflow) = mantissa.multipliedReportingOverflow(by: pow10(from - to))
        return overflow ? nil : m
    }

    // MARK: - Value

    /// Whether the value is zero.
    public var isZero: Bool { mantissa == 0 }

    /// The value as a `Double` (apimachinery `AsApproximateFloat64`).
    public var doubleValue: Double {
        var value = Double(mantissa)
        if exponent > 0 {
            for _ in 0..<exponent { value *= 10 }
        } else if exponent < 0 {
            for _ in 0..<(-exponent) { value /= 10 }
        }
        return value
    }

    /// The integer value, when the quantity is a whole number that fits in 64 bits.
    public var integerValue: Int64? {
        var m = mantissa
        var e = exponent
        while e < 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 10)
            if r != 0 { return nil }
            m = q
            e += 1
        }
        guard let scaled = Quantity.rescale(m, from: e, to: 0) else { return nil }
        return Int64(exactly: scaled)
    }

    // MARK: - Arithmetic

    /// `self + other` keeping this quantity's format (apimachinery `Quantity.Add`; a zero left operand
    /// takes the right operand's format).
    public func adding(_ other: Quantity) -> Quantity? {
        let e = Swift.min(exponent, other.exponent)
        guard let a = Quantity.rescale(mantissa, from: exponent, to: e),
            let b = Quantity.rescale(other.mantissa, from: other.exponent, to: e)
        else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return nil }
        return Quantity(mantissa: sum, exponent: e, format: isZero ? other.format : format)
    }

    /// `self - other` (apimachinery `Quantity.Sub`).
    public func subtracting(_ other: Quantity) -> Quantity? {
        adding(Quantity(mantissa: -other.mantissa, exponent: other.exponent, format: other.format))
            .map { Quantity(mantissa: $0.mantissa, exponent: $0.exponent, format: isZero ? other.format : format) }
    }

    /// The exact product, printed in this quantity's format.
    public func multiplied(by other: Quantity) -> Quantity? {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        if overflow { return nil }
        return Quantity(mantissa: product, exponent: exponent + other.exponent, format: format)
    }

    /// The quotient rounded toward zero to the larger of the two scales (inf.Dec `QuoRound` with
    /// `RoundDown`, as Kyverno's `divide(quantity, number)` does).
    public func divided(by other: Quantity) -> Quantity? {
        guard !other.isZero else { return nil }
        let resultExponent = Swift.min(exponent, other.exponent)
        // result = self / other, as an integer count of 10^resultExponent.
        // numerator = mantissa × 10^(exponent - other.exponent - resultExponent) / other.mantissa
        let shift = exponent - other.exponent - resultExponent
        var numerator = mantissa
        var denominator = other.mantissa
        if shift >= 0 {
            guard let scaled = Quantity.rescale(numerator, from: shift, to: 0) else { return nil }
            numerator = scaled
        } else {
            guard let scaled = Quantity.rescale(denominator, from: -shift, to: 0) else { return nil }
            denominator = scaled
        }
        return Quantity(mantissa: numerator / denominator, exponent: resultExponent, format: format)
    }

    // MARK: - Printing (Quantity.String / CanonicalizeBytes)

    /// The canonical form apimachinery prints: `1536Mi`, `500m`, `1k`, `1e3`, `0`.
    public var description: String {
        if mantissa == 0 { return "0" }
        var format = self.format
        if format == .binarySI {
            if let integer = integerValue, integer > -1024, integer < 1024 {
                format = .decimalSI
            } else if integerValue == nil {
                format = .decimalSI
            }
        }
        if format == .binarySI, let integer = integerValue {
            var amount = integer
            var power = 0
            while amount != 0, amount % 1024 == 0, power < 6 {
                amount /= 1024
                power += 1
            }
            return String(amount) + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
        }
        var amount = mantissa
        var e = exponent
        while amount != 0, amount % 10 == 0 {
            amount /= 10
            e += 1
        }
        while e % 3 != 0 {
            let (scaled, overflow) = amount.multipliedReportingOverflow(by: 10)
            if overflow { return String(amount) + "e" + String(e) }
            amount = scaled
            e -= 1
        }
        let number = String(amount)
        if format == .decimalExponent {
            return e == 0 ? number : number + "e" + String(e)
        }
        switch e {
        case -9: return number + "n"
        case -6: return number + "u"
        case -3: return number + "m"
        case 0: return number
        case 3: return number + "k"
        case 6: return number + "M"
        case 9: return number + "G"
        case 12: return number + "T"
        case 15: return number + "P"
        case 18: return number + "E"
        default: return number + "e" + String(e)
        }
    }
}

// MARK: - Comparison (Kyverno's condition operators and validate patterns)

extension Quantity {
    /// Parses an operand of Kyverno's condition operators and validate patterns: `init(parsing:)`, except
    /// that the number must contain a digit, so a bare `"-"`, `"+"` or `"."` is not read as zero (which would
    /// make such strings compare equal to `0` and turn ranges like `+-5` into quantity ranges).
    public init?(operand text: String) {
        var number = Substring(text)
        if number.first == "+" || number.first == "-" { number = number.dropFirst() }
        let digitsAndPoint = number.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard digitsAndPoint.contains(where: \.isNumber) else { return nil }
        self.init(parsing: text)
    }

    /// The order of the two values (apimachinery `Quantity.Cmp`): -1, 0 or 1, whatever the formats
    /// (`"0.1"` equals `"100m"`, `"1Gi"` equals `"1024Mi"`).
    public func compare(to other: Quantity) -> Int {
        let e = Swift.min(exponent, other.exponent)
        if let a = Quantity.rescale(mantissa, from: exponent, to: e),
            let b = Quantity.rescale(other.mantissa, from: other.exponent, to: e)
        {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        // Scales too far apart for 128 bits: the magnitudes differ enough for doubles to order them.
        let (a, b) = (doubleValue, other.doubleValue)
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// The same quantity with the opposite sign.
    public var negated: Quantity { Quantity(mantissa: -mantissa, exponent: exponent, format: format) }
}
