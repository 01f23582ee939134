/// Serialises ``JSONValue`` the way Go's `encoding/json` does, so output matches kubectl's.
///
/// - `json.Marshal` escapes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` and U+2028/U+2029 as
///   `\u2028`/`\u2029` (``Options/escapeHTML``).
/// - `kubectl -o json` indents with 4 spaces (`json.MarshalIndent(obj, "", "    ")`).
/// - Floats use Go's `strconv.FormatFloat(f, 'f'|'e', -1, 64)` choice: exponent form below 1e-6 and
///   from 1e21 up, shortest round-tripping digits otherwise.
public struct JSONWriter: Sendable {
    /// How to render.
    public struct Options: Sendable {
        /// The indentation unit; `nil` for compact output.
        public var indent: String?
        /// Escape `<`, `>`, `&` like Go's `json.Marshal` (on by default, as in kubectl).
        public var escapeHTML: Bool
        /// Sort object keys (Go's order for `map[string]interface{}`); otherwise keep insertion order.
        public var sortKeys: Bool

        public init(indent: String? = nil, escapeHTML: Bool = true, sortKeys: Bool = false) {
            self.indent = indent
            self.escapeHTML = escapeHTML
            self.sortKeys = sortKeys
        }

        /// Compact, one line.
        public static let compact = Options()
        /// kubectl's `-o json`: 4-space indentation.
        public static let kubectl = Options(indent: "    ")
    }

    public var options: Options

    public init(options: Options = .compact) {
        self.options = options
    }

    /// Renders `value` (no trailing newline).
    public func string(from value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, into: &out, level: 0)
        return out
    }

    private func write(_ value: JSONValue, into out: inout String, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONWriter.formatNumber(d)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(into: &out, level: level + 1)
                write(element, into: &out, level: level + 1)
            }
            newline(into: &out, level: level)
            out += "]"
        case .object(let object):
            if object.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            let entries = options.sortKeys ? object.sortedByKey().entries : object.entries
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += "," }
                newline(into: &out, level: level + 1)
                writeString(entry.key, into: &out)
                out += options.indent == nil ? ":" : ": "
                write(entry.value, into: &out, level: level + 1)
            }
            newline(into: &out, level: level)
            out += "}"
        }
    }

    private func newline(into out: inout String, level: Int) {
        guard let indent = options.indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    private func writeString(_ s: String, into out: inout String) {
        out += "\""
        var needsEscaping = false
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x80 && options.escapeHTML
            || options.escapeHTML && (byte == 0x3C || byte == 0x3E || byte == 0x26)
        {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where options.escapeHTML: out += "\\u003c"
            case ">" where options.escapeHTML: out += "\\u003e"
            case "&" where options.escapeHTML: out += "\\u0026"
            case "\u{2028}" where options.escapeHTML: out += "\\u2028"
            case "\u{2029}" where options.escapeHTML: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Formats a double like Go's `encoding/json` (`strconv.FormatFloat` with the shortest digits: `'e'`
    /// below 1e-6 and from 1e21, `'f'` otherwise).
    public static func formatNumber(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let magnitude = abs(d)
        let decimal = GoShortestDecimal(d)
        return magnitude < 1e-6 || magnitude >= 1e21 ? decimal.exponentForm : decimal.plainForm
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON.
    public var description: String { JSONWriter().string(from: self) }
}
