/// The in-cluster service-account configuration (client-go `rest.InClusterConfig`): possible when
/// `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT` are set and the token file is a regular file.
public enum InClusterConfig {
    /// Where Kubernetes mounts the pod's service-account credentials.
    public static let tokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token"
    public static let certificateAuthorityFile = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"
    public static let namespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"

    /// The API server URL when running in a pod, `nil` when in-cluster configuration is not possible.
    public static func server(in environment: any KubeConfigEnvironment) -> String? {
        guard let host = environment.variable("KUBERNETES_SERVICE_HOST"), !host.isEmpty,
            let port = environment.variable("KUBERNETES_SERVICE_PORT"), !port.isEmpty,
            environment.fileKind(tokenFile) == .regularFile
        else { return nil }
        // net.JoinHostPort: IPv6 literals get brackets.
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "https://\(hostPart):\(port)"
    }

    /// client-go's in-cluster namespace: `$POD_NAMESPACE`, then the mounted namespace file (trimmed).
    static func namespace(in environment: any KubeConfigEnvironment) -> String? {
        if let namespace = environment.variable("POD_NAMESPACE"), !namespace.isEmpty { return namespace }
        guard let bytes = try? environment.readFile(namespaceFile) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
        return text.isEmpty ? nil : text
    }
}

extension String {
    /// Go's `strings.TrimSpace` for ASCII whitespace.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
