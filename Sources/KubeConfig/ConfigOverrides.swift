/// kubectl's global connection flags (cli-runtime `ConfigFlags`), as plain values. Empty strings never
/// override anything (client-go: "empty values never override"), so `--token ""` does nothing.
public struct ConfigOverrides: Sendable, Equatable {
    /// `--kubeconfig`: the one file to read, disabling `KUBECONFIG` merging.
    public var kubeconfig: String?
    /// `--context`, `--cluster`, `--user`: names in the kubeconfig.
    public var context: String?
    public var cluster: String?
    public var user: String?
    /// `-n/--namespace`.
    public var namespace: String?
    /// `-s/--server`; also clears the kubeconfig's `tls-server-name` unless `--tls-server-name` is given.
    public var server: String?
    /// `--token`; clears `tokenFile` and beats exec plugins.
    public var token: String?
    /// `--certificate-authority`; clears `certificate-authority-data` and `insecure-skip-tls-verify`.
    public var certificateAuthority: String?
    /// `--client-certificate`, `--client-key`; clear the matching `*-data`.
    public var clientCertificate: String?
    public var clientKey: String?
    /// `--insecure-skip-tls-verify` (only `true` has an effect, as in kubectl).
    public var insecureSkipTLSVerify: Bool?
    /// `--tls-server-name`.
    public var tlsServerName: String?
    /// `--request-timeout`, as written (`0`, `30`, `1m30s`).
    public var requestTimeout: String?
    /// `--as`, `--as-group` (replaces kubeconfig `as-groups`), `--as-uid`.
    public var impersonateUser: String?
    public var impersonateGroups: [String]
    public var impersonateUID: String?

    public init(
        kubeconfig: String? = nil, context: String? = nil, cluster: String? = nil, user: String? = nil,
        namespace: String? = nil, server: String? = nil, token: String? = nil, certificateAuthority: String? = nil,
        clientCertificate: String? = nil, clientKey: String? = nil, insecureSkipTLSVerify: Bool? = nil,
        tlsServerName: String? = nil, requestTimeout: String? = nil, impersonateUser: String? = nil,
        impersonateGroups: [String] = [], impersonateUID: String? = nil
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.requestTimeout = requestTimeout
        self.impersonateUser = impersonateUser
        self.impersonateGroups = impersonateGroups
        self.impersonateUID = impersonateUID
    }
}

extension Optional where Wrapped == String {
    /// The value when set and non-empty.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
