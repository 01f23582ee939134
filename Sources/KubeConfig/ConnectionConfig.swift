import GuardrailCore

/// Everything needed to talk to one API server as one identity: the result of resolving kubeconfig,
/// flags and environment exactly like client-go. This is the boundary between KubeConfig (which
/// produces it) and KubeClient (which consumes it); it holds secrets, so it never prints them.
public struct ConnectionConfig: Sendable {
    /// Names chosen from kubeconfig (for display; empty strings when not from a kubeconfig).
    public var contextName: String
    public var clusterName: String
    public var userName: String
    /// The kubeconfig files that were read, in order (for messages).
    public var sourceFiles: [String]

    /// The server URL, e.g. `https://127.0.0.1:6443` (a path prefix is allowed, as in client-go).
    public var server: String
    /// PEM bytes of the certificate authority, if one was configured.
    public var certificateAuthorityPEM: [UInt8]?
    /// Where the CA came from (file path or `certificate-authority-data`), for error messages.
    public var certificateAuthoritySource: String?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    /// `proxy-url` (http, https, socks5).
    public var proxyURL: String?
    /// The cluster's `disable-compression`: send no `Accept-Encoding: gzip` (pass to the client's options).
    public var disableCompression: Bool = false
    /// Request timeout in seconds; `nil` or 0 means none (kubectl's `--request-timeout=0`).
    public var requestTimeout: Double?
    /// Whether `--request-timeout` was given at all (also as `0`): without it the client applies its own
    /// default budget (``KubeClient/ClientOptions/defaultRequestTimeout``) so a silent server cannot hang
    /// guardrail forever, where kubectl would wait without limit.
    public var requestTimeoutGiven: Bool = false
    /// The namespace resolved with client-go's precedence (flag, context, in-cluster, `default`).
    public var namespace: String
    /// Whether the namespace came from `-n`/the context (true) or is the `default` fallback (false).
    public var namespaceExplicit: Bool

    /// The credential used.
    public var credential: Credential
    /// `--as`, `--as-group`, `--as-uid` and kubeconfig `as*` fields.
    public var impersonation: Impersonation?

    public init(
        contextName: String = "", clusterName: String = "", userName: String = "", sourceFiles: [String] = [],
        server: String, certificateAuthorityPEM: [UInt8]? = nil, certificateAuthoritySource: String? = nil,
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
        requestTimeout: Double? = nil, namespace: String = "default", namespaceExplicit: Bool = false,
        credential: Credential = .none, impersonation: Impersonation? = nil
    ) {
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.sourceFiles = sourceFiles
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.certificateAuthoritySource = certificateAuthoritySource
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.requestTimeout = requestTimeout
        self.namespace = namespace
        self.namespaceExplicit = namespaceExplicit
        self.credential = credential
        self.impersonation = impersonation
    }
}

/// How the client proves who it is. Precedence when several are configured follows client-go
/// (`kubectl-conventions.md` §2.1).
public enum Credential: Sendable {
    case none
    /// Client certificate and key, PEM bytes (from files or `*-data`).
    case clientCertificate(certificatePEM: [UInt8], keyPEM: [UInt8], source: String)
    /// A bearer token; `tokenFile` is re-read when set (client-go re-reads it periodically).
    case bearerToken(token: String, tokenFile: String?)
    case basicAuth(username: String, password: String)
    /// An exec credential plugin (`users[].user.exec`).
    case exec(ExecConfig)
    /// A certificate plus an exec plugin, or similar combinations client-go allows, can be added later.
}

/// `users[].user.exec` from kubeconfig (`client.authentication.k8s.io/v1` or `v1beta1`).
public struct ExecConfig: Sendable, Hashable {
    public var command: String
    public var args: [String]
    public var env: [(name: String, value: String)]
    public var apiVersion: String
    public var installHint: String?
    public var provideClusterInfo: Bool
    /// `Never`, `IfAvailable` or `Always`.
    public var interactiveMode: String
    /// The kubeconfig file that named the plugin (a relative command resolves against it).
    public var sourceFile: String?
    /// The selected cluster's exec extension (``ExecClusterExtension``), sent to the plugin as
    /// `spec.cluster.config` when ``provideClusterInfo`` is set (client-go `ExecConfig.Config`).
    public var clusterConfig: JSONValue?

    public init(
        command: String, args: [String] = [], env: [(name: String, value: String)] = [],
        apiVersion: String = "client.authentication.k8s.io/v1", installHint: String? = nil,
        provideClusterInfo: Bool = false, interactiveMode: String = "IfAvailable", sourceFile: String? = nil
    ) {
        self.command = command
        self.args = args
        self.env = env
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
        self.sourceFile = sourceFile
    }

    public static func == (lhs: ExecConfig, rhs: ExecConfig) -> Bool {
        lhs.command == rhs.command && lhs.args == rhs.args && lhs.env.map(\.name) == rhs.env.map(\.name)
            && lhs.env.map(\.value) == rhs.env.map(\.value) && lhs.apiVersion == rhs.apiVersion
            && lhs.installHint == rhs.installHint && lhs.provideClusterInfo == rhs.provideClusterInfo
            && lhs.interactiveMode == rhs.interactiveMode && lhs.sourceFile == rhs.sourceFile
            && lhs.clusterConfig == rhs.clusterConfig
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(command)
        hasher.combine(args)
        hasher.combine(apiVersion)
    }
}

/// Impersonation headers to send (`Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid`,
/// `Impersonate-Extra-*`).
public struct Impersonation: Sendable, Hashable {
    public var user: String
    public var uid: String?
    public var groups: [String]
    public var extra: [String: [String]]

    public init(user: String, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}
