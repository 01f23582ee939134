/// Makes untrusted text safe to print on a terminal: names, namespaces, context names and server messages
/// come from the command line, kubeconfig files or the server, and a raw ESC or BEL in them could rewrite
/// the user's screen (or forge a "yes"). Control characters are shown the way Go's `%q` shows them
/// (kubectl prints `context "x\x1b[2J" does not exist`), so the text stays one readable line.
enum ControlCharacterEscaping {
    /// `text` with C0 controls, DEL and C1 controls escaped (`\x1b`, `\u009b`); newlines and tabs too
    /// unless `keepingLineBreaks` (multi-line table output keeps its own `\n`).
    static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard containsEscapable(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLineBreaks) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let hex = String(scalar.value, radix: 16)
                out += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u00" + hex
            }
        }
        return out
    }

    /// Whether any scalar of `text` needs escaping, decided on the UTF-8 bytes: this runs over everything
    /// `can-i` prints, and bytes are several times cheaper than decoding scalars. In UTF-8, C0 controls and
    /// DEL are the single bytes below 0x20 and 0x7F, and the C1 controls U+0080–U+009F are exactly 0xC2
    /// followed by 0x80–0x9F (0xC2 is only ever a lead byte).
    private static func containsEscapable(_ text: String, keepingLineBreaks: Bool) -> Bool {
        var text = text  // `withUTF8` may need to make a bridged string contiguous first
        return text.withUTF8 { bytes in
            for i in bytes.indices {
                let byte = bytes[i]
                if byte >= 0x20 && byte < 0x7F { continue }  // printable ASCII, nearly every byte: one test
                if byte < 0x20 {
                    let lineBreak = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                    if !(keepingLineBreaks && lineBreak) { return true }
                } else if byte == 0x7F {
                    return true
                } else if byte == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]) {
                    return true
                }
            }
            return false
        }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
