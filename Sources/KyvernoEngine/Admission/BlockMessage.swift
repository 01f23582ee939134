/// Kyverno's denial message (pkg/webhooks/utils/block.go `GetBlockedMessages`):
/// `"\n\nresource <Kind>/<ns>/<name> was blocked due to the following policies \n\n"` followed by the YAML
/// of `{policy: {rule: message}}` as go.yaml.in/yaml/v3 prints it (indent 2, keys sorted, libyaml's
/// quoting and line folding at column 80).
public enum BlockMessage {
    /// Renders the message for `failures` (policy name → rule name → rule message).
    public static func render(
        kind: String, namespace: String, name: String,
        failures: [String: [String: String]]
    ) -> String {
        var out = "\n\nresource \(kind)/\(namespace)/\(name) was blocked due to the following policies \n\n"
        out += YAMLMessageEncoder.encode(failures)
        return out
    }
}

/// The slice of yaml.v3's encoder needed for a two-level map of strings.
enum YAMLMessageEncoder {
    static let bestWidth = 80

    static func encode(_ failures: [String: [String: String]]) -> String {
        var out = ""
        for policy in failures.keys.sorted(by: keyLess) {
            out += key(policy, indent: 0) + ":\n"
            let rules = failures[policy]!
            for rule in rules.keys.sorted(by: keyLess) {
                let prefix = "  " + key(rule, indent: 2) + ":"
                out += value(rules[rule]!, prefix: prefix, indent: 4)
            }
        }
        return out
    }

    // MARK: Scalar styles (libyaml yaml_emitter_analyze_scalar / select_scalar_style; yaml.v3 stringv)

    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    struct Analysis {
        var multiline = false
        var flowPlainAllowed = true
        var blockPlainAllowed = true
        var singleQuotedAllowed = true
        var blockAllowed = true
    }

    static func analyze(_ text: String) -> Analysis {
        var a = Analysis()
        let chars = Array(text.unicodeScalars)
        if chars.isEmpty {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = true
            a.singleQuotedAllowed = true
            a.blockAllowed = false
            return a
        }
        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false
        if text.hasPrefix("---") || text.hasPrefix("...") {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        func isBlankZ(_ i: Int) -> Bool {
            i >= chars.count || chars[i] == " " || chars[i] == "\t" || isBreak(chars[i])
        }
        var followedByWhitespace = isBlankZ(1)
        for i in chars.indices {
            let c = chars[i]
            if i == 0 {
                if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(c) {
                    flowIndicators = true
                    blockIndicators = true
                }
                if c == "?" || c == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if c == "-" && followedByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            } else {
                if ",?[]{}".unicodeScalars.contains(c) { flowIndicators = true }
                if c == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if c == "#" && precededByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            }
            if !isPrintable(c) { specialCharacters = true }
            if isBreak(c) { lineBreaks = true }
            if c == " " {
                if i == 0 { leadingSpace = true }
                if i == chars.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak(c) {
                if i == 0 { leadingBreak = true }
                if i == chars.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousBreak = true
                previousSpace = false
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == " " || c == "\t" || isBreak(c)
            followedByWhitespace = isBlankZ(i + 2)
        }
        a.multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
        }
        if trailingSpace { a.blockAllowed = false }
        if breakSpace {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
            a.singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
            a.singleQuotedAllowed = false
            a.blockAllowed = false
        }
        if lineBreaks {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
        }
        if flowIndicators { a.flowPlainAllowed = false }
        if blockIndicators { a.blockPlainAllowed = false }
        return a
    }

    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\r" || c == "\n" || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029
    }

    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x0A || (v >= 0x20 && v <= 0x7E) || v == 0x85 || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    /// yaml.v3 `stringv` + libyaml `select_scalar_style` for a block-context value (`simpleKey` for keys).
    static func style(_ text: String, simpleKey: Bool) -> Style {
        let analysis = analyze(text)
        var style: Style
        if text.contains("\n") {
            style = .literal
        } else if resolvesToString(text) {
            style = .plain
        } else {
            style = .doubleQuoted
        }
        if simpleKey && analysis.multiline { return .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if text.isEmpty && simpleKey { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        return style
    }

    /// Whether yaml.v3 `resolve("", s)` yields `!!str` (and the text is not an old YAML 1.1 bool or a
    /// base-60 float, which yaml.v3 also quotes).
    static func resolvesToString(_ s: String) -> Bool {
        if [
            "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".nan", ".NaN", ".NAN",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
        ].contains(s) {
            return false
        }
        if ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]
            .contains(s)
        {
            return false
        }
        guard let first = s.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else { return true }
        let plain = s.replacingOccurrences(of: "_", with: "")
        if isYAMLInt(plain) || isYAMLFloat(plain) { return false }
        if isBase60Float(s) || isTimestamp(s) { return false }
        return true
    }

    private static func isYAMLInt(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        let lower = body.lowercased()
        if lower.hasPrefix("0x") { return lower.count > 2 && lower.dropFirst(2).allSatisfy(\.isHexDigit) }
        if lower.hasPrefix("0o") {
            return lower.count > 2 && lower.dropFirst(2).allSatisfy { ("0"..."7").contains($0) }
        }
        if lower.hasPrefix("0b") { return lower.count > 2 && lower.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" } }
        return body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    private static func isYAMLFloat(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(digits.count)
        if digits.isEmpty {
            guard rest.first == "." else { return false }
            let frac = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !frac.isEmpty else { return false }
            rest = rest.dropFirst(1 + frac.count)
        } else if rest.first == "." {
            let frac = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(1 + frac.count)
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            return true
        }
        return rest.isEmpty
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    private static func isBase60Float(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        guard let f = rest.first, f.isASCII, f.isNumber else { return false }
        rest = rest.drop { $0.isASCII && ($0.isNumber || $0 == "_") }
        var groups = 0
        while rest.first == ":" {
            rest = rest.dropFirst()
            let d = rest.prefix { $0.isASCII && $0.isNumber }
            guard d.count == 1 || (d.count == 2 && d.first! <= "5") else { return false }
            rest = rest.dropFirst(d.count)
            groups += 1
        }
        guard groups > 0 else { return false }
        if rest.first == "." { rest = rest.dropFirst().drop { $0.isASCII && ($0.isNumber || $0 == "_") } }
        return rest.isEmpty
    }

    /// yaml.v3 timestamps: a date `YYYY-M-D` optionally followed by a time.
    private static func isTimestamp(_ s: String) -> Bool {
        let parts = s.prefix { $0 != "T" && $0 != "t" && $0 != " " }.split(
            separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        return s.count == parts.map(\.count).reduce(2, +) || s.count > 10
    }

    // MARK: Writers (libyaml yaml_emitter_write_*)

    static func key(_ text: String, indent: Int) -> String {
        switch style(text, simpleKey: true) {
        case .plain: return text
        case .singleQuoted: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        default: return doubleQuoted(text, column: indent, indent: indent, allowBreaks: false)
        }
    }

    /// Writes ` value\n` after `prefix` (which ends with the key's colon).
    static func value(_ text: String, prefix: String, indent: Int) -> String {
        let column = prefix.unicodeScalars.count + 1
        switch style(text, simpleKey: false) {
        case .plain: return prefix + " " + folded(text, column: column, indent: indent, quote: nil) + "\n"
        case .singleQuoted: return prefix + " " + folded(text, column: column, indent: indent, quote: "'") + "\n"
        case .doubleQuoted:
            return prefix + " " + doubleQuoted(text, column: column, indent: indent, allowBreaks: true) + "\n"
        case .literal: return prefix + " " + literal(text, indent: indent)
        }
    }

    /// Plain and single-quoted scalars: a space becomes a line break when the column is past 80.
    static func folded(_ text: String, column start: Int, indent: Int, quote: Character?) -> String {
        let chars = Array(text.unicodeScalars)
        var out = ""
        var column = start
        if let quote {
            out.append(quote)
            column += 1
        }
        var spaces = false
        for (i, c) in chars.enumerated() {
            if c == " " {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                let allowed = quote == nil || (i != 0 && i != chars.count - 1)
                if !spaces && column > bestWidth && allowed && next != " " {
                    out += "\n" + String(repeating: " ", count: indent)
                    column = indent
                } else {
                    out.unicodeScalars.append(c)
                    column += 1
                }
                spaces = true
            } else {
                if quote != nil && c == "'" {
                    out += "'"
                    column += 1
                }
                out.unicodeScalars.append(c)
                column += 1
                spaces = false
            }
        }
        if let quote { out.append(quote) }
        return out
    }

    static func doubleQuoted(_ text: String, column start: Int, indent: Int, allowBreaks: Bool) -> String {
        let chars = Array(text.unicodeScalars)
        var out = "\""
        var column = start + 1
        var spaces = false
        for (i, c) in chars.enumerated() {
            if !isPrintable(c) || c.value == 0xFEFF || isBreak(c) || c == "\"" || c == "\\" {
                var escape: String
                switch c.value {
                case 0x00: escape = "\\0"
                case 0x07: escape = "\\a"
                case 0x08: escape = "\\b"
                case 0x09: escape = "\\t"
                case 0x0A: escape = "\\n"
                case 0x0B: escape = "\\v"
                case 0x0C: escape = "\\f"
                case 0x0D: escape = "\\r"
                case 0x1B: escape = "\\e"
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x85: escape = "\\N"
                case 0xA0: escape = "\\_"
                case 0x2028: escape = "\\L"
                case 0x2029: escape = "\\P"
                default:
                    let hex = String(c.value, radix: 16, uppercase: true)
                    if c.value <= 0xFF {
                        escape = "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    } else if c.value <= 0xFFFF {
                        escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        escape = "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    }
                }
                out += escape
                column += escape.count
                spaces = false
            } else if c == " " {
                if allowBreaks && !spaces && column > bestWidth && i != 0 && i != chars.count - 1 {
                    out += "\n" + String(repeating: " ", count: indent)
                    column = indent
                    if i + 1 < chars.count && chars[i + 1] == " " {
                        out += "\\"
                        column += 1
                    }
                } else {
                    out += " "
                    column += 1
                }
                spaces = true
            } else {
                out.unicodeScalars.append(c)
                column += 1
                spaces = false
            }
        }
        return out + "\""
    }

    /// `|` block: chomping `-` without a trailing newline, `+` with several; indentation hint when the text
    /// starts with a space or a newline.
    static func literal(_ text: String, indent: Int) -> String {
        var header = "|"
        if text.hasPrefix(" ") || text.hasPrefix("\n") { header += "2" }
        if !text.hasSuffix("\n") {
            header += "-"
        } else if text == "\n" || text.hasSuffix("\n\n") {
            header += "+"
        }
        var out = header + "\n"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        for line in lines {
            out += line.isEmpty ? "\n" : String(repeating: " ", count: indent) + line + "\n"
        }
        return out
    }

    // MARK: Key order (yaml.v3 keyList.Less: natural order, digits compared numerically)

    static func keyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var digits = false
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                digits = ar[i].properties.numericType != nil && isDigit(ar[i])
                i += 1
                continue
            }
            let al = ar[i].properties.isAlphabetic, bl = br[i].properties.isAlphabetic
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return digits ? al : bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i, bi = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai].value - 48)
                ai += 1
            }
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi].value - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
}
