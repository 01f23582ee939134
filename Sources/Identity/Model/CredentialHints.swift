/// What the kubeconfig (and the credential it produced) says about how the caller authenticated — the
/// client-side half of the explanation. Holds no secrets: tokens are reduced to ``BearerTokenFacts``
/// before they get here, and exec `env` keeps only values the explanation shows (see ``ExecPlugin``).
public struct CredentialHints: Sendable, Hashable {
    /// The kind of credential kubeconfig selected (client-go precedence).
    public enum Kind: String, Sendable, Hashable {
        case none, clientCertificate, bearerToken, basicAuth, exec, authProvider
    }

    /// An exec credential plugin (`users[].user.exec`).
    public struct ExecPlugin: Sendable, Hashable {
        /// `exec.command` as written in kubeconfig (a path or a name on `PATH`).
        public var command: String
        /// `exec.args`.
        public var args: [String]
        /// `env` entries of the exec stanza. Only names in ``ExecPlugin/displayedEnvironmentNames`` are
        /// ever shown; pass the rest or leave them out, they are ignored.
        public var env: [String: String]

        /// Environment variables whose values are safe and useful to show (`AWS_PROFILE`, regions).
        public static let displayedEnvironmentNames: Set<String> = [
            "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        ]

        /// An exec plugin; `env` is filtered down to ``displayedEnvironmentNames`` here.
        public init(command: String, args: [String] = [], env: [String: String] = [:]) {
            self.command = command
            self.args = args
            self.env = env.filter { Self.displayedEnvironmentNames.contains($0.key) }
        }
    }

    /// Which credential kubeconfig selected.
    public var kind: Kind
    /// kubeconfig context, cluster and user names (cluster ARNs on EKS).
    public var contextName: String
    /// The kubeconfig cluster name (the cluster ARN on EKS).
    public var clusterName: String
    /// The kubeconfig user name.
    public var userName: String
    /// The API server URL.
    public var server: String
    /// The exec plugin, when ``kind`` is `.exec`.
    public var exec: ExecPlugin?
    /// `ExecCredential.status.expirationTimestamp` of the credential the plugin returned, when it set one.
    public var execExpiration: UTCInstant?
    /// The client certificate (PEM) from `client-certificate[-data]` or an ExecCredential.
    public var clientCertificatePEM: [UInt8]?
    /// Non-secret facts about the bearer token sent (static token or exec token).
    public var bearerToken: BearerTokenFacts?
    /// Legacy `auth-provider` name (`oidc`, `gcp`, `azure`).
    public var authProviderName: String?
    /// Whether `--as`/`--as-group` impersonation is active (the SelfSubjectReview then describes the
    /// impersonated identity, and EKS IAM extras are gone).
    public var impersonating: Bool

    /// Hints from plain values; everything defaults to "unknown".
    public init(
        kind: Kind = .none, contextName: String = "", clusterName: String = "", userName: String = "",
        server: String = "", exec: ExecPlugin? = nil, execExpiration: UTCInstant? = nil,
        clientCertificatePEM: [UInt8]? = nil, bearerToken: BearerTokenFacts? = nil,
        authProviderName: String? = nil, impersonating: Bool = false
    ) {
        self.kind = kind
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.server = server
        self.exec = exec
        self.execExpiration = execExpiration
        self.clientCertificatePEM = clientCertificatePEM
        self.bearerToken = bearerToken
        self.authProviderName = authProviderName
        self.impersonating = impersonating
    }
}
