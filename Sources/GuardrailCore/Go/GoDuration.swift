/// Go's `time.Duration`: signed nanoseconds, with `time.ParseDuration` and `Duration.String`.
///
/// Kyverno's arithmetic and time functions accept and print durations in Go's syntax (`1h30m`,
/// `1.5s`, `500ms`, `1h0m0s`), so parsing and printing follow the Go standard library exactly.
public struct GoDuration: Sendable, Hashable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// A duration of `nanoseconds`.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Parses Go duration syntax (`time.ParseDuration`): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`.
    public init?(parsing text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.elementsEqual("0".utf8) {
            self.nanoseconds = 0
            return
        }
        if bytes.isEmpty { return nil }
        var total: UInt64 = 0
        while !bytes.isEmpty {
            guard let first = bytes.first, first == UInt8(ascii: ".") || GoDuration.isDigit(first) else { return nil }
            // Integer part.
            var whole: UInt64 = 0
            var sawWhole = false
            while let b = bytes.first, GoDuration.isDigit(b) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(b - 48))
                if o1 || o2 || a > 1 << 63 { return nil }
                whole = a
                sawWhole = true
                bytes = bytes.dropFirst()
            }
            // Fraction.
            var fraction: UInt64 = 0
            var scale = 1.0
            var sawFraction = false
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                var overflowed = false
                while let b = bytes.first, GoDuration.isDigit(b) {
                    sawFraction = true
                    if !overflowed {
                        if fraction > (1 << 63) / 10 {
                            overflowed = true
                        } else {
                            fraction = fraction * 10 + UInt64(b - 48)
                            scale *= 10
                        }
                    }
                    bytes = bytes.dropFirst()
                }
            }
            if !sawWhole && !sawFraction { return nil }
            // Unit.
            var unitBytes: [UInt8] = []
            while let b = bytes.first, b != UInt8(ascii: "."), !GoDuration.isDigit(b) {
                unitBytes.append(b)
                bytes = bytes.dropFirst()
            }
            let unit: UInt64
            switch String(decoding: unitBytes, as: UTF8.self) {
            case "ns": unit = 1
            case "us", "\u{00B5}s", "\u{03BC}s": unit = 1_000
            case "ms": unit = 1_000_000
            case "s": unit = 1_000_000_000
            case "m": unit = 60_000_000_000
            case "h": unit = 3_600_000_000_000
            default: return nil
            }
            if whole > (1 << 63) / unit { return nil }
            var value = whole * unit
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                if value > 1 << 63 { return nil }
            }
            total += value
            if total > 1 << 63 { return nil }
        }
        if negative {
            self.nanoseconds = total == 1 << 63 ? Int64.min : -Int64(total)
        } else {
            if total > UInt64(Int64.max) { return nil }
            self.nanoseconds = Int64(total)
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Seconds as a `Double` (Go `Duration.Seconds`).
    public var seconds: Double {
        let whole = nanoseconds / 1_000_000_000
        let rest = nanoseconds % 1_000_000_000
        return Double(whole) + Double(rest) / 1e9
    }

    /// Go `Duration.String`: `72h3m0.5s`, `1.5ms`, `0s`.
    public var description: String {
        let negative = nanoseconds < 0
        var u = nanoseconds.magnitude
        var text: String
        if u < 1_000_000_000 {
            if u == 0 { return "0s" }
            let precision: Int
            let unit: String
            if u < 1_000 {
                precision = 0
                unit = "ns"
            } else if u < 1_000_000 {
                precision = 3
                unit = "\u{00B5}s"
            } else {
                precision = 6
                unit = "ms"
            }
            let (whole, fraction) = GoDuration.split(u, precision: precision)
            text = String(whole) + fraction + unit
        } else {
            let (wholeSeconds, fraction) = GoDuration.split(u, precision: 9)
            u = wholeSeconds
            text = String(u % 60) + fraction + "s"
            u /= 60
            if u > 0 {
                text = String(u % 60) + "m" + text
                u /= 60
                if u > 0 { text = String(u) + "h" + text }
            }
        }
        return negative ? "-" + text : text
    }

    /// Splits `value / 10^precision` into the integer part and `.fraction` without trailing zeros.
    private static func split(_ value: UInt64, precision: Int) -> (UInt64, String) {
        var divisor: UInt64 = 1
        for _ in 0..<precision { divisor *= 10 }
        let fraction = value % divisor
        guard fraction != 0 else { return (value / divisor, "") }
        var digits = String(fraction)
        digits = String(repeating: "0", count: precision - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (value / divisor, "." + digits)
    }
}
