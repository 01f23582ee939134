import GuardrailCore

/// An instant with a UTC offset, parsed and formatted the way Go's `time` package does for the
/// layouts Kyverno's time functions use (RFC 3339 and Go reference layouts such as
/// `2006-01-02 15:04:05`).
public struct GoTime: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int64
    /// Nanoseconds within the second, 0..<1e9.
    public var nanoseconds: Int64
    /// The UTC offset the time was written with, in seconds (kept for formatting, as Go keeps the zone).
    public var utcOffset: Int

    /// An instant.
    public init(unixSeconds: Int64, nanoseconds: Int64 = 0, utcOffset: Int = 0) {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.utcOffset = utcOffset
    }

    /// The same instant shown in UTC.
    public var utc: GoTime { GoTime(unixSeconds: unixSeconds, nanoseconds: nanoseconds, utcOffset: 0) }

    /// Date and time fields in the time's own offset.
    public var fields:
        (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, weekday: Int64)
    {
        let (local, overflow) = unixSeconds.addingReportingOverflow(Int64(utcOffset))
        let seconds = overflow ? unixSeconds : local
        // Floor division without overflow, also at the ends of Int64.
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        let date = CivilCalendar.date(daysSince1970: days)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
        return (
            date.year, date.month, date.day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, weekday
        )
    }

    // MARK: - Arithmetic

    /// `t.Add(d)`.
    public func adding(_ duration: GoDuration) -> GoTime {
        var nanos = nanoseconds + duration.nanoseconds % 1_000_000_000
        var seconds = unixSeconds + duration.nanoseconds / 1_000_000_000
        if nanos >= 1_000_000_000 {
            nanos -= 1_000_000_000
            seconds += 1
        } else if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        return GoTime(unixSeconds: seconds, nanoseconds: nanos, utcOffset: utcOffset)
    }

    /// `t2.Sub(t1)` as `t2.since(t1)`, saturating like Go.
    public func since(_ earlier: GoTime) -> GoDuration {
        let seconds = unixSeconds - earlier.unixSeconds
        let nanos = nanoseconds - earlier.nanoseconds
        let (scaled, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, o2) = scaled.addingReportingOverflow(nanos)
        if o1 || o2 { return GoDuration(nanoseconds: seconds < 0 ? .min : .max) }
        return GoDuration(nanoseconds: total)
    }

    /// Whether this instant is before `other`.
    public func isBefore(_ other: GoTime) -> Bool {
        (unixSeconds, nanoseconds) < (other.unixSeconds, other.nanoseconds)
    }

    /// `t.Truncate(d)`: rounds down to a multiple of `d` since Go's zero time (January 1, year 1, UTC).
    public func truncated(to duration: GoDuration) -> GoTime {
        guard duration.nanoseconds > 0 else { return self }
        let zeroTimeOffset: Int64 = 62_135_596_800  // seconds from year 1 to 1970
        let d = Int128(duration.nanoseconds)
        let absolute = (Int128(unixSeconds) + Int128(zeroTimeOffset)) * 1_000_000_000 + Int128(nanoseconds)
        var remainder = absolute % d
        if remainder < 0 { remainder += d }
        let truncated = absolute - remainder - Int128(zeroTimeOffset) * 1_000_000_000
        var seconds = truncated / 1_000_000_000
        var nanos = truncated % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        return GoTime(unixSeconds: Int64(seconds), nanoseconds: Int64(nanos), utcOffset: utcOffset)
    }

    // MARK: - RFC 3339

    /// `t.Format(time.RFC3339)`: `2006-01-02T15:04:05Z07:00` (no fractional seconds).
    public var rfc3339: String {
        let f = fields
        var text = GoTime.pad(f.year, 4) + "-" + GoTime.pad(f.month, 2) + "-" + GoTime.pad(f.day, 2)
        text += "T" + GoTime.pad(f.hour, 2) + ":" + GoTime.pad(f.minute, 2) + ":" + GoTime.pad(f.second, 2)
        return text + GoTime.offsetText(utcOffset, colon: true, zulu: true)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }

    static func offsetText(_ offset: Int, colon: Bool, zulu: Bool) -> String {
        if offset == 0 && zulu { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let hours = Int64(abs(offset) / 3600)
        let minutes = Int64(abs(offset) % 3600 / 60)
        return sign + pad(hours, 2) + (colon ? ":" : "") + pad(minutes, 2)
    }

    /// `time.Parse(time.RFC3339, text)`.
    public init(rfc3339 text: String) throws(GoParseError) {
        try self.init(parsing: text, layout: "2006-01-02T15:04:05Z07:00")
    }
}

/// Why a time, a time layout or a version range could not be parsed; the message follows the Go
/// library's wording (`time.ParseError`, blang/semver).
public struct GoParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String
    /// The message.
    public var description: String { message }
}
