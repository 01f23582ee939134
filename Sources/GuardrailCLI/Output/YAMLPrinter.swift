import GuardrailCore

/// A YAML emitter with go-yaml v2's choices (what `kubectl -o yaml` prints through sigs.k8s.io/yaml):
/// map keys sorted bytewise, two-space indentation, `- ` items at their key's indentation, plain scalars
/// when safe, `"double quotes"` for strings that would resolve to another type (`"true"`, `"1.5"`,
/// `"2026-01-01T00:00:00Z"`, `""`), `'single quotes'` when the emitter forbids plain style (`: `, ` #`,
/// leading indicators), and literal blocks `|-` for multi-line strings.
enum YAMLPrinter {
    static func document(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let o) where !o.isEmpty: writeMapping(o, indent: 0, into: &out)
        case .array(let a) where !a.isEmpty: writeSequence(a, indent: 0, into: &out)
        default: out += scalar(value, indent: 0) + "\n"
        }
        return out
    }

    private static func writeMapping(_ object: JSONObject, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for entry in object.sortedByKey().entries {
            out += pad + string(entry.key, indent: indent) + ":"
            writeValue(entry.value, indent: indent, nestedMappingIndent: indent + 2, into: &out)
        }
    }

    private static func writeSequence(_ items: [JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            out += pad + "-"
            switch item {
            case .object(let o) where !o.isEmpty:
                // `- key: value` with following keys aligned under the first.
                var nested = ""
                writeMapping(o, indent: indent + 2, into: &nested)
                out += " " + nested.dropFirst(indent + 2)
            case .array(let a) where !a.isEmpty:
                var nested = ""
                writeSequence(a, indent: indent + 2, into: &nested)
                out += " " + nested.dropFirst(indent + 2)
            default:
                out += " " + scalar(item, indent: indent + 2) + "\n"
            }
        }
    }

    /// After `key:` — a nested block on the next lines, or ` scalar`.
    private static func writeValue(_ value: JSONValue, indent: Int, nestedMappingIndent: Int, into out: inout String) {
        switch value {
        case .object(let o) where !o.isEmpty:
            out += "\n"
            writeMapping(o, indent: nestedMappingIndent, into: &out)
        case .array(let a) where !a.isEmpty:
            out += "\n"
            writeSequence(a, indent: indent, into: &out)
        default:
            out += " " + scalar(value, indent: indent + 2) + "\n"
        }
    }

    private static func scalar(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.formatNumber(d)
        case .string(let s): return string(s, indent: indent)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    // MARK: Strings

    static func string(_ s: String, indent: Int) -> String {
        if s.contains("\n") { return literal(s, indent: indent) }
        if resolvesToNonString(s) || hasSpecialCharacters(s) { return doubleQuoted(s) }
        if plainAllowed(s) { return s }
        return "'" + s.replacingAll("'", with: "''") + "'"
    }

    /// go-yaml v2 `resolve`: would this plain text read back as null, bool, number or timestamp?
    static func resolvesToNonString(_ s: String) -> Bool {
        if s.isEmpty { return true }
        let keywords: Set<String> = [
            "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
            "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<",
        ]
        if keywords.contains(s) { return true }
        guard let first = s.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else { return false }
        return looksNumeric(s) || looksLikeTimestamp(s) || isBase60Float(s)
    }

    private static func looksNumeric(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let plain = body.replacingAll("_", with: "")
        if plain.isEmpty { return false }
        if plain.hasPrefix("0x") { return plain.count > 2 && plain.dropFirst(2).allSatisfy(\.isHexDigit) }
        if plain.hasPrefix("0b") { return plain.count > 2 && plain.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" } }
        if plain.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        // Floats: digits with one '.', optional exponent.
        var sawDigit = false, sawDot = false, sawExponent = false
        var previous: Character = " "
        for c in plain {
            if c.isASCII && c.isNumber {
                sawDigit = true
            } else if c == "." && !sawDot && !sawExponent {
                sawDot = true
            } else if (c == "e" || c == "E") && sawDigit && !sawExponent {
                sawExponent = true
            } else if (c == "+" || c == "-") && (previous == "e" || previous == "E") {
            } else {
                return false
            }
            previous = c
        }
        return sawDigit && !(previous == "e" || previous == "E" || previous == "+" || previous == "-")
    }

    /// `2006-1-2` optionally followed by `T`/`t`/space and a time: go-yaml v2 reads it as a timestamp.
    private static func looksLikeTimestamp(_ s: String) -> Bool {
        let parts = s.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[0].allSatisfy(\.isNumber),
            (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber)
        else { return false }
        let day = parts[2].prefix { $0.isNumber }
        guard (1...2).contains(day.count) else { return false }
        let rest = parts[2].dropFirst(day.count)
        return rest.isEmpty || rest.first == "T" || rest.first == "t" || rest.first == " "
    }

    /// go-yaml v2 `isBase60Float`: `1:20`, `-190:20:30.15`.
    private static func isBase60Float(_ s: String) -> Bool {
        guard s.contains(":") else { return false }
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let groups = body.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = groups.first, !head.isEmpty, head.first != "0" || head.count == 1,
            head.allSatisfy({ $0.isNumber || $0 == "_" })
        else { return false }
        for (i, group) in groups.dropFirst().enumerated() {
            let isLast = i == groups.count - 2
            let digits = isLast ? group.split(separator: ".", maxSplits: 1).first ?? "" : group
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), let v = Int(digits), v < 60 else { return false }
        }
        return true
    }

    /// Characters the emitter can only write double-quoted (control characters, BOM, DEL).
    private static func hasSpecialCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { c in
            (c.value < 0x20 && c != "\t") || c.value == 0x7F || c.value == 0xFEFF || (0x80..<0xA0).contains(c.value)
        }
    }

    /// libyaml `yaml_emitter_analyze_scalar`, block context.
    private static func plainAllowed(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        if s.hasPrefix("---") || s.hasPrefix("...") { return false }
        if scalars.first == " " || scalars.last == " " || scalars.first == "\t" || scalars.last == "\t" { return false }
        let first = scalars[0]
        let next: Unicode.Scalar? = scalars.count > 1 ? scalars[1] : nil
        let isBlank: (Unicode.Scalar?) -> Bool = { $0 == nil || $0 == " " || $0 == "\t" }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if (first == "-" || first == "?" || first == ":") && isBlank(next) { return false }
        for i in scalars.indices {
            let c = scalars[i]
            let following: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if c == ":" && isBlank(following) { return false }
            if c == "#" && i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t") { return false }
        }
        return true
    }

    private static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) || c.value == 0xFEFF {
                    out += c.value <= 0xFF ? "\\x" + hex(c.value, width: 2) : "\\u" + hex(c.value, width: 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// `|-` / `|` / `|+` literal block, indented under the key.
    private static func literal(_ s: String, indent: Int) -> String {
        var trailing = 0
        for c in s.reversed() {
            guard c == "\n" else { break }
            trailing += 1
        }
        let chomp = trailing == 0 ? "-" : (trailing == 1 ? "" : "+")
        let indicator = (s.first == " " || s.first == "\n") ? "2" : ""
        let pad = String(repeating: " ", count: indent)
        var body = s
        if trailing > 0 { body.removeLast(trailing) }
        var out = "|" + indicator + chomp
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "\n" + (line.isEmpty ? "" : pad + line)
        }
        for _ in 0..<max(0, trailing - 1) { out += "\n" }
        return out
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension StringProtocol {
    /// Replaces every occurrence of `target` (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
