import GuardrailCore

/// What a plain (unquoted, untagged) scalar means, decided the way go-yaml v2 does (`resolve.go`):
/// this is what Kubernetes' YAML decoder (sigs.k8s.io/yaml over its go-yaml v2 fork, YAML 1.1 rules)
/// produces for untyped data such as policies, unstructured objects and `kubectl apply -f`.
///
/// - null: empty, `~`, `null`, `Null`, `NULL`
/// - booleans: `y Y yes Yes YES true True TRUE on On ON` and `n N no No NO false False FALSE off Off OFF`
/// - integers: Go's `strconv.ParseInt(s, 0, 64)` after removing every `_`: decimal with optional sign,
///   `0x…`, `0o…`, `0b…`, and a leading `0` for octal (`0755` is 493); too big for Int64 but fitting
///   UInt64 is still an integer (a Double here, JSON has no bigger integers)
/// - floats: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (so `1e3`, `1.`, `.5`, and `09`,
///   which is not valid octal, are floats), plus `.inf`/`.nan` spellings
/// - timestamps (`2001-12-14`) stay strings: go-yaml v2 deliberately returns them as strings when
///   decoding into `interface{}`
/// - everything else is a string.
enum YAMLScalarResolver {
    /// The result of resolving a scalar.
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        case int(Int64)
        /// An integer above Int64.max (go-yaml's uint64), kept as a double.
        case bigUnsigned(UInt64)
        case double(Double)
        case string(String)
    }

    /// Resolves a plain scalar with no tag (or with a tag that asks for resolution, see `resolve(tag:)`).
    static func resolvePlain(_ text: String) -> Resolved {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return resolveWord(text) ?? .string(text)
        case UInt8(ascii: "."):
            if let word = resolveWord(text) { return word }
            // go-yaml: strconv.ParseFloat(in) for the '.' hint; digits only (no underscores).
            if matchesYAMLFloat(text.utf8), let d = Double(text) { return .double(d) }
            return .string(text)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let word = resolveWord(text) { return word }
            return resolveNumber(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// The fixed words of go-yaml v2's `resolveMapList`.
    static func resolveWord(_ text: String) -> Resolved? {
        // The longest word is five bytes; most keys and values starting with these letters are longer.
        guard text.utf8.count <= 5 else { return nil }
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        default: return nil
        }
    }

    /// go-yaml v2's 'D'/'S' branch: timestamps stay strings, then ParseInt, ParseUint, the float
    /// pattern, and the `0b`/`-0b` fallbacks — all after removing underscores.
    static func resolveNumber(_ text: String) -> Resolved? {
        if looksLikeTimestamp(text) { return nil }
        var plain = text
        if plain.utf8.contains(UInt8(ascii: "_")) { plain.removeAll { $0 == "_" } }
        if let i = parseGoInt(plain) { return .int(i) }
        if let u = parseGoUnsigned(plain) { return .bigUnsigned(u) }
        if matchesYAMLFloat(plain.utf8), let d = Double(plain) { return .double(d) }
        return nil
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` for strings without underscores.
    static func parseGoInt(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard let magnitude = parseGoUnsignedDigits(utf8) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Go's `strconv.ParseUint(s, 0, 64)` (no sign allowed).
    static func parseGoUnsigned(_ text: String) -> UInt64? {
        parseGoUnsignedDigits(Substring(text).utf8)
    }

    private static func parseGoUnsignedDigits(_ utf8: Substring.UTF8View) -> UInt64? {
        guard !utf8.isEmpty else { return nil }
        var digits = utf8
        var base: UInt64 = 10
        if utf8.first == UInt8(ascii: "0"), utf8.count > 1 {
            let second = utf8[utf8.index(after: utf8.startIndex)]
            switch second {
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                base = 16
                digits = utf8.dropFirst(2)
            case UInt8(ascii: "o"), UInt8(ascii: "O"):
                base = 8
                digits = utf8.dropFirst(2)
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                base = 2
                digits = utf8.dropFirst(2)
            default:
                base = 8
                digits = utf8.dropFirst(1)
            }
            guard !digits.isEmpty else { return nil }
        }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (s, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (go-yaml v2's `yamlStyleFloat`).
    static func matchesYAMLFloat(_ utf8: String.UTF8View) -> Bool {
        var bytes = Array(utf8)[...]
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func digitRun() -> Int {
            var n = 0
            while let b = bytes.first, isDigit(b) {
                bytes.removeFirst()
                n += 1
            }
            return n
        }
        if let b = bytes.first, b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            guard digitRun() > 0 else { return false }
        } else {
            guard digitRun() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes.removeFirst()
                _ = digitRun()
            }
        }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes.removeFirst()
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes.removeFirst() }
            guard digitRun() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// go-yaml v2's `parseTimestamp`: `YYYY-M-D`, optionally followed by `T`/`t`/space and
    /// `H:M:S[.fraction][Z|±HH:MM]` (the zone only after `T`/`t`), with calendar-valid fields.
    static func looksLikeTimestamp(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 48, first <= 57 else { return false }
        let b = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func number(minDigits: Int, maxDigits: Int) -> Int? {
            var n = 0
            var count = 0
            while i < b.count, isDigit(b[i]), count < maxDigits {
                n = n * 10 + Int(b[i] - 48)
                i += 1
                count += 1
            }
            return count >= minDigits ? n : nil
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        // Quick check, as go-yaml: exactly four digits then '-'.
        guard b.count >= 5, b[0..<4].allSatisfy(isDigit), b[4] == UInt8(ascii: "-") else { return false }
        guard let year = number(minDigits: 4, maxDigits: 4), expect(UInt8(ascii: "-")),
            let month = number(minDigits: 1, maxDigits: 2), expect(UInt8(ascii: "-")),
            let day = number(minDigits: 1, maxDigits: 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if i == b.count { return true }
        let separator = b[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        i += 1
        guard let hour = number(minDigits: 1, maxDigits: 2), hour < 24, expect(UInt8(ascii: ":")),
            let minute = number(minDigits: 1, maxDigits: 2), minute < 60, expect(UInt8(ascii: ":")),
            let second = number(minDigits: 1, maxDigits: 2), second < 60
        else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard number(minDigits: 1, maxDigits: 9) != nil else { return false }
        }
        if i == b.count { return separator != UInt8(ascii: " ") ? false : true }
        guard separator != UInt8(ascii: " ") else { return false }
        if expect(UInt8(ascii: "Z")) { return i == b.count }
        guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let zh = number(minDigits: 2, maxDigits: 2), zh < 24, expect(UInt8(ascii: ":")),
            let zm = number(minDigits: 2, maxDigits: 2), zm < 60
        else { return false }
        return i == b.count
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether a plain scalar with this text reads back as a string (go-yaml's `resolve` yields `!!str`
    /// and it is not a YAML 1.1 base-60 float like `1:20`): the emitter's test for plain output.
    static func readsBackAsString(_ text: String) -> Bool {
        if case .string = resolvePlain(text) {} else { return false }
        if looksLikeTimestamp(text) { return false }
        return !isBase60Float(text)
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$` (go-yaml v2's `isBase60Float`).
    static func isBase60Float(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first >= 48 && first <= 57) || first == 43 || first == 45,
            text.utf8.contains(UInt8(ascii: ":"))
        else { return false }
        let b = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]
            if i + 1 < b.count, b[i] >= 48, b[i] <= 53, isDigit(b[i + 1]) {
                i += 2
            } else if i < b.count, isDigit(b[i]) {
                i += 1
            } else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }
}
