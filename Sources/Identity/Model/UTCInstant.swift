import GuardrailCore

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
///
/// The Identity module reads no clock and imports no Foundation: callers pass `now` as a `UTCInstant`,
/// and timestamps found in kubeconfig (`expirationTimestamp`), certificates (`notAfter`) and EKS tokens
/// (`X-Amz-Date`) are parsed into this type.
public struct UTCInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch (negative before 1970).
    public var secondsSince1970: Int64

    /// An instant from seconds since the Unix epoch.
    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// An instant from calendar fields in UTC; `nil` when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            Int64(day) <= CivilCalendar.daysIn(month: Int64(month), year: Int64(year))
        else { return nil }
        let days = CivilCalendar.daysSince1970(year: Int64(year), month: Int64(month), day: Int64(day))
        secondsSince1970 = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses RFC 3339 as Kubernetes writes it (`2026-11-29T03:06:14Z`, optional fraction, `Z` or `±hh:mm`),
    /// the format of `ExecCredential.status.expirationTimestamp`. Fractions are dropped.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = Self.digits(b, 0, 4), let month = Self.digits(b, 5, 2), let day = Self.digits(b, 8, 2),
            let hour = Self.digits(b, 11, 2), let minute = Self.digits(b, 14, 2), let second = Self.digits(b, 17, 2)
        else { return nil }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = Self.digits(b, i + 1, 2),
                let om = Self.digits(b, i + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count, let base = UTCInstant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        secondsSince1970 = base.secondsSince1970 - Int64(offset)
    }

    /// Parses the compact AWS SigV4 form `yyyyMMdd'T'HHmmss'Z'` (`X-Amz-Date`).
    public init?(amzDate text: String) {
        let b = Array(text.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z"),
            let year = Self.digits(b, 0, 4), let month = Self.digits(b, 4, 2), let day = Self.digits(b, 6, 2),
            let hour = Self.digits(b, 9, 2), let minute = Self.digits(b, 11, 2), let second = Self.digits(b, 13, 2),
            let value = UTCInstant(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        self = value
    }

    /// This instant moved by `seconds`.
    public func adding(seconds: Int64) -> UTCInstant {
        UTCInstant(secondsSince1970: secondsSince1970 &+ seconds)
    }

    /// RFC 3339 in UTC with second precision, e.g. `2026-11-29T03:06:14Z` (Kubernetes' `metav1.Time` form).
    /// Instants outside years 1–9999 (absurd token claims) print as the nearest bound.
    public var rfc3339: String {
        let seconds = min(max(secondsSince1970, Self.earliestPrintable), Self.latestPrintable)
        let days = CivilCalendar.floorDivide(seconds, 86_400)
        let secondsOfDay = seconds - days * 86_400
        let date = CivilCalendar.date(daysSince1970: days)
        let (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
        let h = Int(secondsOfDay / 3600), m = Int(secondsOfDay % 3600 / 60), s = Int(secondsOfDay % 60)
        return Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T" + Self.pad(h, 2) + ":"
            + Self.pad(m, 2) + ":" + Self.pad(s, 2) + "Z"
    }

    /// The RFC 3339 form.
    public var description: String { rfc3339 }

    /// Earlier instants order first.
    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let earliestPrintable: Int64 = -62_135_596_800
    static let latestPrintable: Int64 = 253_402_300_799

    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A duration written for people: `14 min`, `3 h`, `29 days`, rounded down to the largest whole unit.
enum HumanDuration {
    static func describe(seconds: Int64) -> String {
        let s = seconds.magnitude  // UInt64: no trap for Int64.min
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 2 * 86_400 { return "\(s / 3600) h" }
        return "\(s / 86_400) days"
    }

    /// `in 14 min` or `14 min ago`.
    static func relative(from now: UTCInstant, to instant: UTCInstant) -> String {
        // Timestamps come from tokens and certificates: never trap on absurd ones.
        let (difference, overflow) = instant.secondsSince1970.subtractingReportingOverflow(now.secondsSince1970)
        let delta = overflow ? (instant > now ? Int64.max : Int64.min) : difference
        return delta >= 0 ? "in \(describe(seconds: delta))" : "\(describe(seconds: delta)) ago"
    }
}
