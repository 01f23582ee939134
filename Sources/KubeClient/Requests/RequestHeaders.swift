import GuardrailCore
import KubeConfig

/// Builds the HTTP headers of a request. Pure, so the exact wire format is unit-tested.
public enum RequestHeaders {
    /// The `Authorization` header for a static credential, or `nil` (client certificates and exec
    /// plugins are resolved elsewhere). Basic auth is `base64(user:password)` as in client-go.
    public static func authorization(bearerToken: String) -> (String, String) {
        ("Authorization", "Bearer \(bearerToken)")
    }

    /// `Authorization: Basic …`.
    public static func authorization(username: String, password: String) -> (String, String) {
        ("Authorization", "Basic " + Base64.encode(Array("\(username):\(password)".utf8)))
    }

    /// Impersonation headers as client-go's `impersonatingRoundTripper` sends them: one
    /// `Impersonate-Group` per group, `Impersonate-Uid`, one `Impersonate-Extra-<escaped key>` per value.
    /// Extra keys are sorted (Go ranges over a map; any order is valid, sorted is reproducible).
    public static func impersonation(_ impersonation: Impersonation) -> [(String, String)] {
        var headers: [(String, String)] = [("Impersonate-User", impersonation.user)]
        if let uid = impersonation.uid, !uid.isEmpty { headers.append(("Impersonate-Uid", uid)) }
        for group in impersonation.groups { headers.append(("Impersonate-Group", group)) }
        for key in impersonation.extra.keys.sorted() {
            for value in impersonation.extra[key] ?? [] {
                headers.append(("Impersonate-Extra-" + escapeExtraKey(key), value))
            }
        }
        return headers
    }

    /// client-go `transport/round_trippers.go` `headerKeyEscape`: every byte that is not an RFC 7230
    /// token character — and `%` itself — becomes `%XX` (uppercase hex), so `acme.com/project` is sent
    /// as `acme.com%2Fproject`. The API server unescapes and lower-cases the key.
    public static func escapeExtraKey(_ key: String) -> String {
        var out = ""
        for byte in key.utf8 {
            if isTokenByte(byte) && byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += QueryEncoding.percent(byte)
            }
        }
        return out
    }

    /// The inverse of ``escapeExtraKey(_:)`` (what the API server does before lower-casing).
    public static func unescapeExtraKey(_ escaped: String) -> String { PercentDecoding.decode(escaped) }

    /// RFC 7230 `tchar`: ALPHA / DIGIT / ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || "!#$%&'*+-.^_`|~".utf8.contains(b)
    }

    /// The User-Agent in client-go's shape (`rest/config.go` `buildUserAgent`):
    /// `kubectl-guardrail/v0.1.0 (linux/amd64) kubernetes/<commit>`; unknown pieces read `unknown`.
    public static func userAgent(version: String, commit: String = "unknown") -> String {
        #if os(Linux)
            let os = "linux"
        #elseif os(macOS)
            let os = "darwin"
        #elseif os(Windows)
            let os = "windows"
        #else
            let os = "unknown"
        #endif
        #if arch(x86_64)
            let arch = "amd64"
        #elseif arch(arm64)
            let arch = "arm64"
        #else
            let arch = "unknown"
        #endif
        let shortVersion = version.split(separator: "-").first.map(String.init) ?? version
        let shortCommit = commit.isEmpty ? "unknown" : String(commit.prefix(7))
        return
            "kubectl-guardrail/\(shortVersion.isEmpty ? "unknown" : shortVersion) (\(os)/\(arch)) kubernetes/\(shortCommit)"
    }

    /// Masks credentials for debug output: `Authorization: Bearer <masked>` like kubectl `-v=8`.
    public static func redacted(_ header: (String, String)) -> (String, String) {
        let name = header.0.lowercased()
        if name == "authorization" || name == "proxy-authorization" {
            let scheme = header.1.split(separator: " ").first.map(String.init) ?? ""
            return (header.0, scheme.isEmpty ? "<masked>" : "\(scheme) <masked>")
        }
        return header
    }
}
