/// The parts of a kubeconfig `server` URL the transport needs: `https://host:port/optional/prefix`.
/// Query and fragment are dropped, as client-go does (`rest.DefaultServerURL`).
struct ServerURL: Sendable, Equatable {
    /// `http` or `https`.
    var scheme: String
    /// The host as written, without brackets for IPv6 literals.
    var host: String
    /// The port, explicit or the scheme's default.
    var port: Int
    /// A path prefix without the trailing slash ("" for none).
    var pathPrefix: String

    /// Whether credentials may be sent: client-go applies auth only to TLS transports.
    var isTLS: Bool { scheme == "https" }

    /// `host:port` as kubectl prints it in "The connection to the server HOST:PORT was refused".
    var hostPort: String { "\(bracketedHost):\(port)" }

    /// The host, bracketed when it is an IPv6 literal (for URLs and `host:port`).
    var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }

    /// Parses `server`; a URL without a scheme is taken as `https://` (client-go `DefaultServerURL`).
    init(parsing server: String) throws(KubeClientError) {
        var rest = Substring(server.trimmingWhitespace())
        guard !rest.isEmpty else {
            throw .config(
                "the server URL is empty", hint: "set clusters[].cluster.server in kubeconfig or pass --server")
        }
        if let range = rest.firstRange(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        } else {
            scheme = "https"
        }
        guard scheme == "https" || scheme == "http" else {
            throw .config("unsupported scheme \"\(scheme)\" in server URL \"\(server)\": must be https or http")
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var prefix = String(rest[authorityEnd...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        pathPrefix = prefix
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .config("invalid server URL \"\(server)\": unclosed '[' in the host")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { throw .config("invalid server URL \"\(server)\": no host") }
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw .config("invalid server URL \"\(server)\": invalid port \"\(portText)\"")
            }
            port = p
        } else {
            port = scheme == "https" ? 443 : 80
        }
    }

    /// The full URL for an API path and query, e.g. `https://h:6443/api/v1/namespaces?limit=500`.
    /// `hostOverride` replaces the host (for `tls-server-name`, see ``CurlTransfer``).
    func url(path: String, query: [(String, String)], hostOverride: String? = nil) -> String {
        let h = hostOverride.map { $0.contains(":") ? "[\($0)]" : $0 } ?? bracketedHost
        var url =
            "\(scheme)://\(h):\(port)\(pathPrefix)\(QueryEncoding.escapePath(path.hasPrefix("/") ? path : "/" + path))"
        if !query.isEmpty { url += "?" + QueryEncoding.encode(query) }
        return url
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF. Works on scalars: "\r\n" is one Character in Swift.
    func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

/// URL escaping as Go's `net/url` does it, so query strings look like kubectl's.
enum QueryEncoding {
    /// `k=v&k2=v2` with Go's `url.QueryEscape` (space becomes `+`), in the given order.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0, spaceAsPlus: true) + "=" + escape($0.1, spaceAsPlus: true) }.joined(separator: "&")
    }

    /// Escapes a query component: everything except unreserved characters.
    static func escape(_ text: String, spaceAsPlus: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: " ") && spaceAsPlus {
                out += "+"
            } else {
                out += percent(byte)
            }
        }
        return out
    }

    /// Escapes a path, keeping `/` and the sub-delimiters a Kubernetes path may contain.
    static func escapePath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if isUnreserved(byte) || "/:@!$&'()*+,;=%".utf8.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += percent(byte)
            }
        }
        return out
    }

    static func percent(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E
            || b == 0x5F || b == 0x7E
    }
}

/// Formats a duration the way Go's `time.Duration.String` does (`5s`, `1m30s`, `1.5s`, `500ms`), for the
/// `?timeout=` parameter kubectl appends when `--request-timeout` is set.
func goDurationString(seconds: Double) -> String {
    if seconds <= 0 { return "0s" }
    if seconds < 1 {
        let ms = seconds * 1000
        return ms == ms.rounded() ? "\(Int(ms))ms" : "\(trimmedDecimal(ms))ms"
    }
    var rest = seconds
    var out = ""
    let hours = Int(rest / 3600)
    if hours > 0 {
        out += "\(hours)h"
        rest -= Double(hours) * 3600
    }
    let minutes = Int(rest / 60)
    if hours > 0 || minutes > 0 {
        out += "\(minutes)m"
        rest -= Double(minutes) * 60
    }
    out += "\(trimmedDecimal(rest))s"
    return out
}

private func trimmedDecimal(_ value: Double) -> String {
    if value == value.rounded() { return String(Int(value)) }
    var text = String((value * 1e9).rounded() / 1e9)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
