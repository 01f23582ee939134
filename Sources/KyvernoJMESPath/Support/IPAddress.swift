/// IP literals for `is_external_url` (Go `net.ParseIP`, `IsLoopback`, `IsPrivate`).
struct IPAddress {
    /// 16 bytes; IPv4 addresses are stored IPv4-mapped (`::ffff:a.b.c.d`) as Go does.
    var bytes: [UInt8]

    init?(parsing text: String) {
        if let v4 = IPAddress.parseV4(Substring(text)) {
            bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + v4
            return
        }
        guard let v6 = IPAddress.parseV6(text) else { return nil }
        bytes = v6
    }

    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let n = UInt8(part)
            else { return nil }
            out.append(n)
        }
        return out
    }

    private static func parseV6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt8]? {
            if s.isEmpty { return [] }
            var out: [UInt8] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i == parts.count - 1, part.contains("."), let v4 = parseV4(part) {
                    out += v4
                    continue
                }
                guard !part.isEmpty, part.count <= 4, let n = UInt16(part, radix: 16) else { return nil }
                out += [UInt8(n >> 8), UInt8(n & 0xff)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    private var isV4: Bool { bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff }

    /// 127.0.0.0/8 or ::1.
    var isLoopback: Bool {
        if isV4 { return bytes[12] == 127 }
        return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
    }

    /// RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 4193 (fc00::/7).
    var isPrivate: Bool {
        if isV4 {
            return bytes[12] == 10 || (bytes[12] == 172 && bytes[13] & 0xf0 == 16)
                || (bytes[12] == 192 && bytes[13] == 168)
        }
        return bytes[0] & 0xfe == 0xfc
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

/// The host of a URL as Go's `url.Parse(…).Hostname()` returns it (port and IPv6 brackets removed).
enum URLHost {
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return String(rest)
    }
}
