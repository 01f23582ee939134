/// Makes untrusted text safe to print on a terminal: names, namespaces, context names and server messages
/// come from the command line, kubeconfig files or the server, and a raw ESC or BEL in them could rewrite
/// the user's screen (or forge a "yes"). Control characters are shown the way Go's `%q` shows them
/// (kubectl prints `context "x\x1b[2J" does not exist`), so the text stays one readable line.
enum ControlCharacterEscaping {
    /// `text` with C0 controls, DEL and C1 controls escaped (`\x1b`, `\u009b`); newlines and tabs too
    /// unless `keepingLineBreaks` (multi-line table output keeps its own `\n`).
    static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
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

    private static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
