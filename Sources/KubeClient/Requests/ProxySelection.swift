import KubeConfig

/// Chooses the proxy for a server the way Go's `net/http.ProxyFromEnvironment` does, so guardrail and
/// kubectl take the same route. Pure: the environment is passed in.
public enum ProxySelection {
    /// The libcurl proxy URL for `proxyURL` (kubeconfig `proxy-url`), or from the environment when it is
    /// unset; `nil` for a direct connection. `socks5://` becomes `socks5h://` because Go's SOCKS5 dialer
    /// lets the proxy resolve the host name.
    public static func proxy(
        proxyURL: String?, serverScheme: String, serverHost: String, clusterName: String = "",
        environment: (String) -> String?
    ) throws(KubeClientError) -> String? {
        if let proxyURL, !proxyURL.isEmpty {
            return try validated(proxyURL, clusterName: clusterName)
        }
        // Go: requests to localhost / loopback addresses never use the environment's proxy.
        let host = serverHost.lowercased()
        if host == "localhost" || host.hasPrefix("127.") || host == "::1" { return nil }
        let names = serverScheme == "https" ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let raw = names.lazy.compactMap(environment).first(where: { !$0.isEmpty }) else { return nil }
        let noProxy = environment("NO_PROXY").flatMap { $0.isEmpty ? nil : $0 } ?? environment("no_proxy") ?? ""
        if bypasses(host: host, noProxy: noProxy) { return nil }
        let url = raw.contains("://") ? raw : "http://" + raw
        return try? validated(url, clusterName: clusterName)
    }

    /// Go `httpproxy` NO_PROXY matching: `*` matches all; `example.com` matches it and its subdomains;
    /// `.example.com` only subdomains; entries may carry a port; IP entries match exactly (CIDR ranges
    /// are matched for IPv4).
    static func bypasses(host: String, noProxy: String) -> Bool {
        for rawEntry in noProxy.split(separator: ",") {
            var entry = rawEntry.trimmingWhitespace().lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if entry.contains("/") {
                if ipv4(host: host, inCIDR: entry) { return true }
                continue
            }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.filter({ $0 == ":" }).count == 1 {
                entry = String(entry[..<colon])
            }
            if entry.hasPrefix(".") {
                if host.hasSuffix(entry) { return true }
            } else if host == entry || host.hasSuffix("." + entry) {
                return true
            }
        }
        return false
    }

    private static func ipv4(host: String, inCIDR cidr: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), bits >= 0, bits <= 32,
            let network = ipv4Value(String(parts[0])),
            let address = ipv4Value(host)
        else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return address & mask == network & mask
    }

    private static func ipv4Value(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".")
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let v = UInt32(octet), v < 256 else { return nil }
            value = value << 8 | v
        }
        return value
    }

    private static func validated(_ url: String, clusterName: String) throws(KubeClientError) -> String {
        guard let range = url.firstRange(of: "://") else {
            throw .config("invalid 'proxy-url' \"\(redacted(url))\" for cluster \"\(clusterName)\": no scheme")
        }
        let scheme = url[..<range.lowerBound].lowercased()
        switch scheme {
        case "http", "https": return url
        case "socks5": return "socks5h://" + url[range.upperBound...]
        default:
            throw .config(
                "invalid 'proxy-url' \"\(redacted(url))\" for cluster \"\(clusterName)\": unsupported scheme \"\(scheme)\", "
                    + "must be http, https, or socks5")
        }
    }

    /// The proxy URL without credentials, for messages.
    public static func redacted(_ url: String) -> String { URLRedaction.withoutCredentials(url) }
}
