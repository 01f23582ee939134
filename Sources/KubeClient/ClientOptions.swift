#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a ``KubeAPIClient`` behaves beyond what ``KubeConfig/ConnectionConfig`` says.
public struct ClientOptions: Sendable {
    /// The `User-Agent` header; see ``RequestHeaders/userAgent(version:commit:)``.
    public var userAgent: String
    /// Responses larger than this (after decompression) are refused with
    /// ``KubeClientError/Kind/responseTooLarge`` instead of exhausting memory. Default 128 MiB; list
    /// pages are much smaller because ``KubeAPIClient/list(_:query:pageSize:)`` paginates.
    public var maxResponseBytes: Int
    /// Sends no `Accept-Encoding: gzip` (kubeconfig `disable-compression`, `--disable-compression`).
    public var disableCompression: Bool
    /// Prefer HTTP/2 via ALPN (falls back to HTTP/1.1); `false` forces HTTP/1.1.
    public var preferHTTP2: Bool
    /// Time allowed to establish a TCP + TLS connection (Go's dialer uses 30 s); `nil` for libcurl's default.
    public var connectTimeout: Double?
    /// The request budget when `--request-timeout` was not given: kubectl waits forever for a server that
    /// accepted the connection but never answers; guardrail gives up after this many seconds with a clear
    /// message instead (`nil`: wait forever, like kubectl).
    public var defaultRequestTimeout: Double? = 60
    /// How long a non-interactive exec credential plugin may run before it is killed. Interactive runs
    /// (the plugin may prompt) are not limited.
    public var execTimeout: Double
    /// Whether standard input is a terminal, for exec plugins' `interactiveMode`; `nil` asks `isatty(0)`.
    public var stdinIsTerminal: Bool?
    /// When the server answers 401 and the credential came from an exec plugin, re-run the plugin and
    /// retry the request once (kubectl only refreshes for the next request; retrying is safe for the GETs
    /// and review POSTs guardrail sends).
    public var retryUnauthorizedAfterExecRefresh: Bool
    /// Receives one line per request (method, URL, status, timing; headers with credentials masked)
    /// and per exec plugin run. Defaults to stderr when `GUARDRAIL_DEBUG` is set to a non-empty value
    /// other than `0`; `nil` disables it.
    public var debugLog: (@Sendable (String) -> Void)?

    /// Defaults: 128 MiB cap, gzip, HTTP/2 preferred, 30 s connect timeout, 60 s exec timeout.
    public init(
        userAgent: String = RequestHeaders.userAgent(version: "v0.1.0"), maxResponseBytes: Int = 128 << 20,
        disableCompression: Bool = false, preferHTTP2: Bool = true, connectTimeout: Double? = 30,
        execTimeout: Double = 60, stdinIsTerminal: Bool? = nil, retryUnauthorizedAfterExecRefresh: Bool = true,
        debugLog: (@Sendable (String) -> Void)? = ClientOptions.environmentDebugLog
    ) {
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
        self.disableCompression = disableCompression
        self.preferHTTP2 = preferHTTP2
        self.connectTimeout = connectTimeout
        self.execTimeout = execTimeout
        self.stdinIsTerminal = stdinIsTerminal
        self.retryUnauthorizedAfterExecRefresh = retryUnauthorizedAfterExecRefresh
        self.debugLog = debugLog
    }

    /// A logger writing `I… guardrail] <line>` to stderr when `GUARDRAIL_DEBUG` is set, else `nil`.
    public static var environmentDebugLog: (@Sendable (String) -> Void)? {
        guard let value = getenv("GUARDRAIL_DEBUG").map({ String(cString: $0) }), !value.isEmpty, value != "0" else {
            return nil
        }
        return { line in
            let text = "debug: \(line)\n"
            _ = text.withCString { write(2, $0, strlen($0)) }
        }
    }
}
