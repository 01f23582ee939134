/// Maps libcurl failures to kubectl's messages. Pure (a function of the failure and the settings), so
/// each mapping is unit-tested without a network.
///
/// kubectl's shapes (`pkg/cmd/util/helpers.go` `StandardErrorMessage`): a refused connection prints
/// `The connection to the server HOST:PORT was refused - did you specify the right host or port?`;
/// every other transport error prints `Unable to connect to the server: <Go error text>`. Where the Go
/// text names the same condition we reuse it (`tls: failed to verify certificate: x509: certificate
/// signed by unknown authority`) so users can search for it; the `hint` says which setting to check.
public enum TransportErrorMapping {
    /// The settings that explain a failure (no secrets).
    public struct Context: Sendable {
        /// `host:port` of the server.
        public var serverHostPort: String
        /// The host name the certificate is verified against (`tls-server-name` or the URL's host).
        public var verifiedHostName: String
        /// Where the CA came from, e.g. a file path or `certificate-authority-data`; `nil` = system roots.
        public var certificateAuthoritySource: String?
        /// Whether a client certificate was presented.
        public var sentClientCertificate: Bool
        /// The kubeconfig user name, for hints.
        public var userName: String
        /// The proxy in use (without credentials), if any.
        public var proxy: String?
        /// The request timeout in seconds, if any.
        public var requestTimeout: Double?
        /// Whether `requestTimeout` is the client's default budget rather than `--request-timeout`.
        public var requestTimeoutIsDefault: Bool
        /// The connect timeout in seconds, if any.
        public var connectTimeout: Double?
        /// `METHOD URL` of the request, for size-limit messages.
        public var requestLine: String
        /// The response size cap.
        public var maxResponseBytes: Int

        /// Creates a context.
        public init(
            serverHostPort: String, verifiedHostName: String, certificateAuthoritySource: String? = nil,
            sentClientCertificate: Bool = false, userName: String = "", proxy: String? = nil,
            requestTimeout: Double? = nil, requestTimeoutIsDefault: Bool = false, connectTimeout: Double? = nil,
            requestLine: String = "",
            maxResponseBytes: Int = 128 << 20
        ) {
            self.serverHostPort = serverHostPort
            self.verifiedHostName = verifiedHostName
            self.certificateAuthoritySource = certificateAuthoritySource
            self.sentClientCertificate = sentClientCertificate
            self.userName = userName
            self.proxy = proxy
            self.requestTimeout = requestTimeout
            self.requestTimeoutIsDefault = requestTimeoutIsDefault
            self.connectTimeout = connectTimeout
            self.requestLine = requestLine
            self.maxResponseBytes = maxResponseBytes
        }
    }

    static let unable = "Unable to connect to the server: "

    /// The error for a libcurl result code `code` with libcurl's message and the OS errno.
    public static func error(
        code: Int, message: String, osErrno: Int = 0, responseTooLarge: Bool = false,
        context c: Context
    ) -> KubeClientError {
        let lower = message.lowercased()
        let userText = c.userName.isEmpty ? "the kubeconfig user" : "user \"\(c.userName)\""
        switch code {
        case 23 where responseTooLarge:  // CURLE_WRITE_ERROR raised by our size cap
            return KubeClientError(
                .responseTooLarge,
                "error: the response to \(c.requestLine) is larger than \(byteCount(c.maxResponseBytes)), "
                    + "the most guardrail reads into memory",
                hint: "ask for less (a label selector, a namespace, or a smaller page size)", curlCode: code)
        case 7:  // CURLE_COULDNT_CONNECT
            if osErrno == 111 || lower.contains("connection refused") || lower.contains("couldn't connect to server") {
                return KubeClientError(
                    .connectionRefused,
                    "The connection to the server \(c.serverHostPort) was refused - did you specify the right host or port?",
                    hint: c.proxy.map { "requests go through the proxy \($0); it may be the one refusing" },
                    curlCode: code)
            }
            return KubeClientError(.cannotConnect, unable + "dial tcp \(c.serverHostPort): \(message)", curlCode: code)
        case 6:  // CURLE_COULDNT_RESOLVE_HOST
            let host = c.serverHostPort.split(separator: ":").dropLast().joined(separator: ":")
            return KubeClientError(
                .hostNotFound, unable + "dial tcp: lookup \(host): no such host",
                hint: "check the server URL of the cluster in kubeconfig (or --server), and your DNS/VPN",
                curlCode: code)
        case 5:  // CURLE_COULDNT_RESOLVE_PROXY
            return KubeClientError(
                .cannotConnect, unable + "proxyconnect tcp: \(message)",
                hint: "check proxy-url in kubeconfig or HTTPS_PROXY", curlCode: code)
        case 28:  // CURLE_OPERATION_TIMEDOUT
            let connecting =
                lower.contains("connection timed out") || lower.contains("connect") && !lower.contains("received")
            // While connecting both limits run; the smaller one fired (`--request-timeout 1s` must not be
            // reported as the 30 s connect timeout).
            let limit =
                connecting
                ? [c.connectTimeout, c.requestTimeout].compactMap { $0 }.min()
                : (c.requestTimeout ?? c.connectTimeout)
            let after = limit.map { " after \(goDurationString(seconds: $0))" } ?? ""
            if connecting && limit != nil && limit == c.connectTimeout {
                return KubeClientError(
                    .timeout, unable + "dial tcp \(c.serverHostPort): i/o timeout (no connection\(after))",
                    hint: "the server does not answer: check the server URL, VPN or firewall",
                    curlCode: code)
            }
            return KubeClientError(
                .timeout, unable + "the server did not respond\(after) (Client.Timeout exceeded)",
                hint: c.requestTimeoutIsDefault
                    ? "guardrail stops waiting after \(after.dropFirst(" after ".count)) by default; pass "
                        + "--request-timeout to wait longer (--request-timeout=0 for no limit)"
                    : "the limit comes from --request-timeout; raise it, or use --request-timeout=0 for none",
                curlCode: code)
        case 60:  // CURLE_PEER_FAILED_VERIFICATION
            let ca =
                c.certificateAuthoritySource.map { "the certificate authority in \($0)" }
                ?? "the system's trusted roots"
            if lower.contains("subject name") || lower.contains("does not match target host") {
                return KubeClientError(
                    .tlsHostnameMismatch,
                    unable
                        + "tls: failed to verify certificate: x509: certificate is not valid for \(c.verifiedHostName)",
                    hint: "the server's certificate does not name \(c.verifiedHostName): check the server URL, "
                        + "or set tls-server-name to a name the certificate is valid for", curlCode: code)
            }
            if lower.contains("expired") || lower.contains("not yet valid") {
                return KubeClientError(
                    .tlsUnknownAuthority,
                    unable + "tls: failed to verify certificate: x509: certificate has expired or is not yet valid",
                    hint: "the server's certificate is outside its validity period (check the clock)", curlCode: code)
            }
            return KubeClientError(
                .tlsUnknownAuthority,
                unable + "tls: failed to verify certificate: x509: certificate signed by unknown authority",
                hint: "the server's certificate is not signed by \(ca): check certificate-authority / "
                    + "certificate-authority-data of the cluster", curlCode: code)
        case 58:  // CURLE_SSL_CERTPROBLEM: our own certificate or key
            return KubeClientError(
                .clientCertificate, "error: the client certificate and key of \(userText) cannot be used: \(message)",
                hint:
                    "check client-certificate(-data) and client-key(-data): PEM, and the key must match the certificate",
                curlCode: code)
        case 35, 55, 56:  // SSL_CONNECT_ERROR, SEND_ERROR, RECV_ERROR (TLS 1.3 alerts arrive after the handshake)
            if lower.contains("certificate required") {
                return KubeClientError(
                    .tlsHandshake, unable + "remote error: tls: certificate required",
                    hint: c.sentClientCertificate
                        ? "the server wants a client certificate it accepts"
                        : "the server requires a client certificate; \(userText) has none (client-certificate/client-key)",
                    curlCode: code)
            }
            if lower.contains("bad certificate") || lower.contains("unknown ca")
                || lower.contains("certificate unknown")
                || lower.contains("certificate expired") || lower.contains("unsupported certificate")
            {
                return KubeClientError(
                    .tlsHandshake, unable + "remote error: tls: bad certificate",
                    hint: "the server rejected the client certificate of \(userText): it is not signed by a CA the "
                        + "server trusts, or it has expired", curlCode: code)
            }
            if lower.contains("wrong version number") || lower.contains("packet length too long") {
                return KubeClientError(
                    .tlsHandshake, unable + "tls: first record does not look like a TLS handshake",
                    hint: "the server does not speak TLS on \(c.serverHostPort): should the URL be http://?",
                    curlCode: code)
            }
            if lower.contains("connect tunnel failed") || lower.contains("from proxy") {
                return KubeClientError(
                    .cannotConnect, unable + "proxyconnect tcp: \(message)",
                    hint: c.proxy.map { "the proxy \($0) refused to open the tunnel" }, curlCode: code)
            }
            if lower.contains("reset by peer") || lower.contains("connection reset") || lower.contains("unexpected eof")
                || lower.contains("syscall") || osErrno == 104
            {
                return KubeClientError(
                    .connectionDropped, unable + "read: connection reset by peer",
                    hint: c.sentClientCertificate
                        ? "the server closed the connection"
                        : "the server closed the connection; it may require a client certificate, which \(userText) "
                            + "does not have (client-certificate/client-key)", curlCode: code)
            }
            return KubeClientError(code == 35 ? .tlsHandshake : .connectionDropped, unable + message, curlCode: code)
        case 52:  // CURLE_GOT_NOTHING
            return KubeClientError(
                .connectionDropped, unable + "EOF",
                hint: "the server closed the connection without sending a response", curlCode: code)
        case 18, 16, 92:  // PARTIAL_FILE, HTTP2, HTTP2_STREAM
            return KubeClientError(
                .connectionDropped, unable + "unexpected EOF",
                hint: "the connection broke before the whole response arrived: \(message)", curlCode: code)
        case 61:  // CURLE_BAD_CONTENT_ENCODING
            return KubeClientError(
                .invalidResponse, "error: the server sent a response that cannot be decompressed: \(message)",
                curlCode: code)
        case 97:  // CURLE_PROXY
            return KubeClientError(
                .cannotConnect, unable + "proxyconnect tcp: \(message)",
                hint: c.proxy.map { "check the proxy \($0)" }, curlCode: code)
        case 1, 3:  // UNSUPPORTED_PROTOCOL, URL_MALFORMAT
            return KubeClientError(.config, "error: invalid server URL: \(message)", curlCode: code)
        default:
            return KubeClientError(.cannotConnect, unable + message, curlCode: code)
        }
    }

    /// `128 MiB`, `64 KiB`, `100 bytes`.
    static func byteCount(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
