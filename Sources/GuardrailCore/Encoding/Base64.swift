/// Standard (RFC 4648 §4) and URL-safe (§5) base64 without Foundation.
///
/// Decoding follows Go's `base64.StdEncoding.DecodeString` as used by client-go for kubeconfig
/// `*-data` fields: padding is required, but line breaks (`\r`, `\n`) are ignored.
public enum Base64 {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes bytes; `url` selects the URL-safe alphabet, `padding` the trailing `=`.
    public static func encode(_ bytes: some Sequence<UInt8>, url: Bool = false, padding: Bool = true) -> String {
        let alphabet = url ? urlAlphabet : standardAlphabet
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = input.count - i
        if rest == 1 {
            let n = UInt32(input[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
            if padding { out += [61, 61] }
        } else if rest == 2 {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
            if padding { out += [61] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64 text; returns `nil` when it is not valid base64 in the chosen alphabet.
    /// `padding: false` accepts input without `=` (Go's `RawStdEncoding`); with `true` padding is required.
    public static func decode(_ text: String, url: Bool = false, padding: Bool = true) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        var padCount = 0
        for byte in text.utf8 {
            if byte == 0x0A || byte == 0x0D { continue }
            if byte == UInt8(ascii: "=") {
                padCount += 1
                continue
            }
            if padCount > 0 { return nil }  // data after padding
            let v: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+") where !url: v = 62
            case UInt8(ascii: "/") where !url: v = 63
            case UInt8(ascii: "-") where url: v = 62
            case UInt8(ascii: "_") where url: v = 63
            default: return nil
            }
            values.append(v)
        }
        if padding {
            guard (values.count + padCount) % 4 == 0, padCount <= 2 else { return nil }
        } else if padCount > 0 {
            guard (values.count + padCount) % 4 == 0, padCount <= 2 else { return nil }
        }
        if values.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var i = 0
        while i + 3 < values.count {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12 | UInt32(values[i + 2]) << 6 | UInt32(values[i + 3])
            out += [UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
            i += 4
        }
        let rest = values.count - i
        if rest == 2 {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12
            out.append(UInt8(n >> 16 & 0xFF))
        } else if rest == 3 {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12 | UInt32(values[i + 2]) << 6
            out += [UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF)]
        }
        return out
    }
}
