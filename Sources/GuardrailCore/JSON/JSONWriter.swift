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
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    // Output is collected as UTF-8 bytes: appending to a `String` piece by piece cost ~130 instructions
    // per output byte for `can-i -o json` (its checks and grapheme bookkeeping), bytes a fraction of that.

    private func write(_ value: JSONValue, into out: inout [UInt8], level: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONWriter.formatNumber(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, level: level + 1)
                write(element, into: &out, level: level + 1)
            }
            newline(into: &out, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            let entries = options.sortKeys ? object.sortedByKey().entries : object.entries
            for i in entries.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, level: level + 1)
                writeString(entries[i].key, into: &out)
                out.append(UInt8(ascii: ":"))
                if options.indent != nil { out.append(UInt8(ascii: " ")) }
                write(entries[i].value, into: &out, level: level + 1)
            }
            newline(into: &out, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(into out: inout [UInt8], level: Int) {
        guard let indent = options.indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<level { out.append(contentsOf: indent.utf8) }
    }

    private func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, into: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` (valid UTF-8) with Go's escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, `\u00XX` for other
    /// control characters, and with ``Options/escapeHTML`` `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`.
    /// Runs of bytes that need nothing are copied whole.
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let html = options.escapeHTML
        var runStart = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            let escape: StaticString?
            var width = 1
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            // Go 1.22+ (every kubectl built since): \b and \f rather than \u0008 and \u000c.
            case 0x08: escape = "\\b"
            case 0x0C: escape = "\\f"
            case 0x3C where html: escape = "\\u003c"
            case 0x3E where html: escape = "\\u003e"
            case 0x26 where html: escape = "\\u0026"
            case 0xE2 where html && i + 2 < count && bytes[i + 1] == 0x80 && bytes[i + 2] & 0xFE == 0xA8:
                // U+2028 (E2 80 A8) and U+2029 (E2 80 A9).
                escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            case 0..<0x20:
                escape = nil
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            if let escape {
                out.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
            } else {
                // Other control characters: \u00XX with lowercase hex digits, as Go writes them.
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0x0F)])
            }
            i += width
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
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
