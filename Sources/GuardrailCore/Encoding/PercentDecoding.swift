/// Lenient percent-decoding (`%41` → `A`): a `%` not followed by two hex digits is kept as it is, and `+`
/// stays `+`. Used for presigned EKS token URLs (Identity) and for `Impersonate-Extra-` header keys, which
/// client-go percent-encodes and the API server decodes the same way (KubeClient).
public enum PercentDecoding {
    /// `text` with every `%XX` replaced by the byte it encodes (invalid UTF-8 becomes U+FFFD).
    public static func decode(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hex(bytes[i + 1]),
                let l = hex(bytes[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of one ASCII hex digit.
    public static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
