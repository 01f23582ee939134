/// Lowercase hexadecimal text of bytes, as Go's `hex.EncodeToString` writes it (digest fingerprints,
/// Kyverno's `sha256`/`sha1`/`md5` results).
public enum Hex {
    /// Two lowercase hex digits per byte: `[0xab, 0x01]` → `ab01`.
    public static func lowercase(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
