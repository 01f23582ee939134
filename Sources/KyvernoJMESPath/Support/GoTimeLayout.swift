import GuardrailCore

/// Parsing with Go reference layouts (`time.Parse(layout, value)`).
///
/// Supports the layout elements Kubernetes and Kyverno users write: `2006 06 01 1 Jan January 02 2 _2
/// 15 03 3 04 4 05 5 PM pm Mon Monday MST Z07:00 Z0700 Z07 -07:00 -0700 -07 .000 .999 ,000`; a
/// fractional second after `05` is accepted even when the layout has none, as Go does.
extension GoTime {
    private enum Element: Equatable {
        case literal(UInt8)
        case year4, year2, month2, month1, monthShort, monthLong, day2, day1, daySpace
        case hour24, hour12two, hour12, minute2, minute1, second2, second1, pmUpper, pmLower
        case weekdayShort, weekdayLong, zoneName
        case offset(colon: Bool, zulu: Bool, minutes: Bool)
        case fraction(digits: Int, optional: Bool)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private static func elements(of layout: String) -> [Element] {
        let bytes = Array(layout.utf8)
        var result: [Element] = []
        var i = 0
        func has(_ s: String) -> Bool {
            let p = Array(s.utf8)
            return i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p
        }
        let table: [(String, Element)] = [
            ("January", .monthLong), ("Jan", .monthShort), ("Monday", .weekdayLong), ("Mon", .weekdayShort),
            ("MST", .zoneName), ("2006", .year4), ("Z07:00", .offset(colon: true, zulu: true, minutes: true)),
            ("Z0700", .offset(colon: false, zulu: true, minutes: true)),
            ("Z07", .offset(colon: false, zulu: true, minutes: false)),
            ("-07:00", .offset(colon: true, zulu: false, minutes: true)),
            ("-0700", .offset(colon: false, zulu: false, minutes: true)),
            ("-07", .offset(colon: false, zulu: false, minutes: false)), ("01", .month2), ("02", .day2),
            ("03", .hour12two), ("04", .minute2), ("05", .second2), ("06", .year2), ("15", .hour24),
            ("_2", .daySpace), ("1", .month1), ("2", .day1), ("3", .hour12), ("4", .minute1), ("5", .second1),
            ("PM", .pmUpper), ("pm", .pmLower),
        ]
        outer: while i < bytes.count {
            // Fractional seconds: .000 / .999 / ,000 directly after a seconds element.
            if bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ","), i + 1 < bytes.count,
                bytes[i + 1] == UInt8(ascii: "0") || bytes[i + 1] == UInt8(ascii: "9"),
                let last = result.last, last == .second2 || last == .second1
            {
                let digit = bytes[i + 1]
                var j = i + 1
                while j < bytes.count, bytes[j] == digit { j += 1 }
                if j == bytes.count || !(bytes[j] >= 48 && bytes[j] <= 57) {
                    result.append(.fraction(digits: j - i - 1, optional: digit == UInt8(ascii: "9")))
                    i = j
                    continue
                }
            }
            for (text, element) in table where has(text) {
                result.append(element)
                i += text.utf8.count
                continue outer
            }
            result.append(.literal(bytes[i]))
            i += 1
        }
        return result
    }

    /// `time.Parse(layout, text)`.
    public init(parsing text: String, layout: String) throws(GoParseError) {
        let value = Array(text.utf8)
        var i = 0
        var year: Int64 = 1
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var nanos: Int64 = 0
        var pm: Bool?
        var offset = 0
        func fail(_ element: String) -> GoParseError {
            let rest = String(decoding: value[min(i, value.count)...], as: UTF8.self)
            return GoParseError(
                message: "parsing time \"\(text)\" as \"\(layout)\": cannot parse \"\(rest)\" as \"\(element)\"")
        }
        func number(min minDigits: Int, max maxDigits: Int, _ name: String) throws(GoParseError) -> Int64 {
            var n: Int64 = 0
            var count = 0
            while i < value.count, count < maxDigits, value[i] >= 48, value[i] <= 57 {
                n = n * 10 + Int64(value[i] - 48)
                i += 1
                count += 1
            }
            if count < minDigits { throw fail(name) }
            return n
        }
        func word(_ names: [String], length: Int?) -> Int? {
            for (index, name) in names.enumerated() {
                let candidate = length.map { String(name.prefix($0)) } ?? name
                let p = Array(candidate.utf8)
                if i + p.count <= value.count,
                    String(decoding: value[i..<(i + p.count)], as: UTF8.self).lowercased() == candidate.lowercased()
                {
                    i += p.count
                    return index
                }
            }
            return nil
        }
        let layoutElements = GoTime.elements(of: layout)
        for (index, element) in layoutElements.enumerated() {
            switch element {
            case .literal(let byte):
                guard i < value.count, value[i] == byte else {
                    throw fail(String(decoding: [byte], as: UTF8.self))
                }
                i += 1
            case .year4: year = try number(min: 4, max: 4, "2006")
            case .year2:
                let y = try number(min: 2, max: 2, "06")
                year = y >= 69 ? 1900 + y : 2000 + y
            case .month2: month = try number(min: 2, max: 2, "01")
            case .month1: month = try number(min: 1, max: 2, "1")
            case .monthShort:
                guard let m = word(GoTime.monthNames, length: 3) else { throw fail("Jan") }
                month = Int64(m + 1)
            case .monthLong:
                guard let m = word(GoTime.monthNames, length: nil) else { throw fail("January") }
                month = Int64(m + 1)
            case .day2: day = try number(min: 2, max: 2, "02")
            case .day1: day = try number(min: 1, max: 2, "2")
            case .daySpace:
                if i < value.count, value[i] == UInt8(ascii: " ") { i += 1 }
                day = try number(min: 1, max: 2, "_2")
            case .hour24: hour = try number(min: 2, max: 2, "15")
            case .hour12two: hour = try number(min: 2, max: 2, "03")
            case .hour12: hour = try number(min: 1, max: 2, "3")
            case .minute2: minute = try number(min: 2, max: 2, "04")
            case .minute1: minute = try number(min: 1, max: 2, "4")
            case .second2, .second1:
                second = try number(min: element == .second2 ? 2 : 1, max: 2, element == .second2 ? "05" : "5")
                // Go accepts a fractional second here even if the layout has none.
                let next = index + 1 < layoutElements.count ? layoutElements[index + 1] : nil
                if case .fraction = next {
                } else if i + 1 < value.count,
                    value[i] == UInt8(ascii: ".") || value[i] == UInt8(ascii: ","),
                    value[i + 1] >= 48, value[i + 1] <= 57
                {
                    i += 1
                    nanos = fractionNanos(&i, value)
                }
            case .fraction(let digits, let optional):
                if i < value.count, value[i] == UInt8(ascii: ".") || value[i] == UInt8(ascii: ",") {
                    i += 1
                    let start = i
                    nanos = fractionNanos(&i, value)
                    if !optional && i - start != digits { throw fail(".000") }
                } else if !optional {
                    throw fail(".000")
                }
            case .pmUpper, .pmLower:
                guard i + 2 <= value.count else { throw fail("PM") }
                let s = String(decoding: value[i..<(i + 2)], as: UTF8.self).uppercased()
                guard s == "AM" || s == "PM" else { throw fail("PM") }
                pm = s == "PM"
                i += 2
            case .weekdayShort:
                guard word(GoTime.weekdayNames, length: 3) != nil else { throw fail("Mon") }
            case .weekdayLong:
                guard word(GoTime.weekdayNames, length: nil) != nil else { throw fail("Monday") }
            case .zoneName:
                let start = i
                while i < value.count, value[i] >= UInt8(ascii: "A"), value[i] <= UInt8(ascii: "Z") { i += 1 }
                if i - start < 3 { throw fail("MST") }
            // Go: unknown zone abbreviations get offset 0 (UTC is the only one we know for sure).
            case .offset(let colon, let zulu, let withMinutes):
                if zulu, i < value.count, value[i] == UInt8(ascii: "Z") {
                    i += 1
                    offset = 0
                    break
                }
                guard i < value.count, value[i] == UInt8(ascii: "+") || value[i] == UInt8(ascii: "-") else {
                    throw fail(zulu ? "Z07:00" : "-07:00")
                }
                let negative = value[i] == UInt8(ascii: "-")
                i += 1
                let h = try number(min: 2, max: 2, "07")
                var m: Int64 = 0
                if withMinutes {
                    if colon {
                        guard i < value.count, value[i] == UInt8(ascii: ":") else { throw fail(":") }
                        i += 1
                    }
                    m = try number(min: 2, max: 2, "00")
                }
                if h > 24 || m > 59 {
                    throw GoParseError(message: "parsing time \"\(text)\": time zone offset out of range")
                }
                offset = Int(h * 3600 + m * 60) * (negative ? -1 : 1)
            }
        }
        if i != value.count {
            throw GoParseError(
                message: "parsing time \"\(text)\": extra text: \"\(String(decoding: value[i...], as: UTF8.self))\"")
        }
        if let pm {
            if hour > 12 { throw GoParseError(message: "parsing time \"\(text)\": hour out of range") }
            if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 }
        }
        guard month >= 1, month <= 12 else {
            throw GoParseError(message: "parsing time \"\(text)\": month out of range")
        }
        guard day >= 1, day <= CivilCalendar.daysIn(month: month, year: year) else {
            throw GoParseError(message: "parsing time \"\(text)\": day out of range")
        }
        guard hour < 24 else { throw GoParseError(message: "parsing time \"\(text)\": hour out of range") }
        guard minute < 60 else { throw GoParseError(message: "parsing time \"\(text)\": minute out of range") }
        guard second < 60 else { throw GoParseError(message: "parsing time \"\(text)\": second out of range") }
        let days = CivilCalendar.daysSince1970(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        self.init(unixSeconds: local - Int64(offset), nanoseconds: nanos, utcOffset: offset)
    }
}

private func fractionNanos(_ i: inout Int, _ value: [UInt8]) -> Int64 {
    var nanos: Int64 = 0
    var digits = 0
    while i < value.count, value[i] >= 48, value[i] <= 57 {
        if digits < 9 {
            nanos = nanos * 10 + Int64(value[i] - 48)
            digits += 1
        }
        i += 1
    }
    while digits < 9 {
        nanos *= 10
        digits += 1
    }
    return nanos
}
