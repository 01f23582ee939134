import GuardrailCore

/// go-yaml v2's emitter state, reduced to block style and JSON values.
struct YAMLEmitter {
    enum Context { case root, sequenceItem, mappingValue, simpleKey, complexKey }

    static let bestIndent = 2
    static let bestWidth = 80

    var out: [UInt8] = []
    var column = 0
    var indent = -1
    var indents: [Int] = []
    var whitespace = true
    var indention = true
    var simpleKeyContext = false

    init() { out.reserveCapacity(1024) }

    // MARK: Structure

    mutating func emit(_ value: JSONValue, context: Context) {
        simpleKeyContext = context == .simpleKey
        switch value {
        case .object(let object) where !object.isEmpty:
            emitMapping(object)
        case .array(let items) where !items.isEmpty:
            emitSequence(items, inMapping: context == .mappingValue)
        case .object:
            writeIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false)
        case .array:
            writeIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false)
        case .null: emitScalar("null", plainOnly: true)
        case .bool(let b): emitScalar(b ? "true" : "false", plainOnly: true)
        case .int(let i): emitScalar(String(i), plainOnly: true)
        case .double(let d): emitScalar(Self.numberText(d), plainOnly: true)
        case .string(let s): emitString(s)
        }
    }

    /// sigs.k8s.io/yaml writes JSON, then go-yaml re-reads it: integral doubles print as integers,
    /// other doubles through Go's `FormatFloat(f, 'g', -1, 64)`.
    static func numberText(_ d: Double) -> String {
        let json = JSONWriter.formatNumber(d)
        if let i = YAMLScalarResolver.parseGoInt(json) { return String(i) }
        if let u = YAMLScalarResolver.parseGoUnsigned(json) { return String(u) }
        return GoFloatFormat.formatG(Double(json) ?? d)
    }

    mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? Self.bestIndent : 0
        } else if !indentless {
            indent += Self.bestIndent
        }
    }

    mutating func popIndent() { indent = indents.removeLast() }

    mutating func emitMapping(_ object: JSONObject) {
        // Decorate once: the comparison works on Unicode scalars.
        let entries = object.entries.map { (Array($0.key.unicodeScalars), $0) }
            .sorted { YAMLKeyOrder.less($0.0, $1.0) }.map(\.1)
        increaseIndent(flow: false, indentless: false)
        for entry in entries {
            writeIndent()
            // yaml_emitter_check_simple_key: at most 128 bytes and on one line.
            if entry.key.utf8.count <= 128 && !YAMLScalarAnalysis(Array(entry.key.utf8)).multiline {
                emit(.string(entry.key), context: .simpleKey)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                emit(.string(entry.key), context: .complexKey)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            emit(entry.value, context: .mappingValue)
        }
        popIndent()
    }

    mutating func emitSequence(_ items: [JSONValue], inMapping: Bool) {
        increaseIndent(flow: false, indentless: inMapping && !indention)
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            emit(item, context: .sequenceItem)
        }
        popIndent()
    }

    // MARK: Scalars

    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    mutating func emitString(_ s: String) {
        // go-yaml encoder.stringv: literal for anything with "\n"; plain if it reads back as this string.
        let requested: Style
        if s.utf8.contains(UInt8(ascii: "\n")) {
            requested = .literal
        } else if YAMLScalarResolver.readsBackAsString(s) {
            requested = .plain
        } else {
            requested = .doubleQuoted
        }
        emitScalar(s, requested: requested)
    }

    mutating func emitScalar(_ text: String, plainOnly: Bool) {
        emitScalar(text, requested: .plain)
    }

    /// yaml_emitter_select_scalar_style + yaml_emitter_emit_scalar.
    mutating func emitScalar(_ text: String, requested: Style) {
        let bytes = Array(text.utf8)
        let analysis = YAMLScalarAnalysis(bytes)
        var style = requested
        if simpleKeyContext && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if text.isEmpty && simpleKeyContext { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKeyContext) { style = .doubleQuoted }

        increaseIndent(flow: true, indentless: false)
        let allowBreaks = !simpleKeyContext
        switch style {
        case .plain: writePlain(bytes, allowBreaks: allowBreaks)
        case .singleQuoted: writeSingleQuoted(bytes, allowBreaks: allowBreaks)
        case .doubleQuoted: writeDoubleQuoted(bytes, allowBreaks: allowBreaks)
        case .literal: writeLiteral(bytes)
        }
        popIndent()
    }

    // MARK: Low-level writing (yaml_emitter_write_*)

    mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    mutating func putBreak() {
        out.append(UInt8(ascii: "\n"))
        column = 0
    }

    /// Copies one UTF-8 character, counting it as one column.
    mutating func write(_ bytes: [UInt8], _ i: inout Int) {
        let w = Self.width(bytes[i])
        out.append(contentsOf: bytes[i..<min(i + w, bytes.count)])
        column += 1
        i += w
    }

    mutating func writeBreak(_ bytes: [UInt8], _ i: inout Int) {
        if bytes[i] == UInt8(ascii: "\n") {
            putBreak()
            i += 1
        } else {
            write(bytes, &i)
            column = 0
        }
    }

    mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        for byte in indicator.utf8 { put(byte) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    mutating func writePlain(_ value: [UInt8], allowBreaks: Bool) {
        if !whitespace { put(UInt8(ascii: " ")) }
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > Self.bestWidth && !Self.isSpace(value, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if Self.isBreak(value, i) {
                if !breaks && value[i] == UInt8(ascii: "\n") { putBreak() }
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        whitespace = false
        indention = false
    }

    mutating func writeSingleQuoted(_ value: [UInt8], allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > Self.bestWidth && i > 0 && i < value.count - 1
                    && !Self.isSpace(value, i + 1)
                {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if Self.isBreak(value, i) {
                if !breaks && value[i] == UInt8(ascii: "\n") { putBreak() }
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if value[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeDoubleQuoted(_ value: [UInt8], allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var i = 0
        while i < value.count {
            if !Self.isPrintable(value, i) || Self.isBOM(value, i) || Self.isBreak(value, i)
                || value[i] == UInt8(ascii: "\"") || value[i] == UInt8(ascii: "\\")
            {
                let (scalar, w) = Self.decode(value, i)
                i += w
                put(UInt8(ascii: "\\"))
                switch scalar {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let digits: Int
                    if scalar <= 0xFF {
                        put(UInt8(ascii: "x"))
                        digits = 2
                    } else if scalar <= 0xFFFF {
                        put(UInt8(ascii: "u"))
                        digits = 4
                    } else {
                        put(UInt8(ascii: "U"))
                        digits = 8
                    }
                    for k in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                        let digit = UInt8((scalar >> UInt32(k)) & 0x0F)
                        put(digit < 10 ? digit + 48 : digit + 55)
                    }
                }
                spaces = false
            } else if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > Self.bestWidth && i != 0 && i != value.count - 1 {
                    writeIndent()
                    if Self.isSpace(value, i + 1) { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeLiteral(_ value: [UInt8]) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        // yaml_emitter_write_block_scalar_hints
        if Self.isSpace(value, 0) || Self.isBreak(value, 0) {
            writeIndicator(String(Self.bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chomp: String?
        if value.isEmpty {
            chomp = "-"
        } else {
            var i = value.count - 1
            while value[i] & 0xC0 == 0x80 { i -= 1 }
            if !Self.isBreak(value, i) {
                chomp = "-"
            } else if i == 0 {
                chomp = "+"
            } else {
                i -= 1
                while value[i] & 0xC0 == 0x80 { i -= 1 }
                if Self.isBreak(value, i) { chomp = "+" }
            }
        }
        if let chomp { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < value.count {
            if Self.isBreak(value, i) {
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                    breaks = false
                }
                write(value, &i)
                indention = false
            }
        }
    }

    mutating func endDocument() {
        indent = -1
        writeIndent()
    }

    // MARK: Character classes (yamlprivateh.go)

    static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0x00 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    static func decode(_ b: [UInt8], _ i: Int) -> (UInt32, Int) {
        let w = width(b[i])
        var v: UInt32
        switch w {
        case 1: v = UInt32(b[i] & 0x7F)
        case 2: v = UInt32(b[i] & 0x1F)
        case 3: v = UInt32(b[i] & 0x0F)
        default: v = UInt32(b[i] & 0x07)
        }
        var k = 1
        while k < w && i + k < b.count {
            v = (v << 6) | UInt32(b[i + k] & 0x3F)
            k += 1
        }
        return (v, w)
    }

    static func isSpace(_ b: [UInt8], _ i: Int) -> Bool { i < b.count && b[i] == UInt8(ascii: " ") }

    static func isBreak(_ b: [UInt8], _ i: Int) -> Bool {
        guard i < b.count else { return false }
        if b[i] == 0x0D || b[i] == 0x0A { return true }
        if b[i] == 0xC2, i + 1 < b.count, b[i + 1] == 0x85 { return true }
        if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return true }
        return false
    }

    static func isBOM(_ b: [UInt8], _ i: Int) -> Bool {
        i + 2 < b.count && b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF
    }

    /// libyaml's `is_printable`: LF, printable ASCII, U+00A0–U+D7FF, U+E000–U+FFFD except U+FEFF.
    /// Characters beyond the Basic Multilingual Plane are not "printable" to libyaml, which is why
    /// go-yaml double-quotes emoji and writes them as `\U0001F600`.
    static func isPrintable(_ b: [UInt8], _ i: Int) -> Bool {
        let (v, _) = decode(b, i)
        return v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
    }

    static func isBlankOrEnd(_ b: [UInt8], _ i: Int) -> Bool {
        i >= b.count || b[i] == UInt8(ascii: " ") || b[i] == 0x09 || isBreak(b, i) || b[i] == 0
    }
}
