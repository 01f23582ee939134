import ArgumentParser
import KubeConfig

/// kubectl's global flags that a plugin must implement itself (kubectl passes a plugin only the words
/// after its name). Names and help follow `kubectl options`. Every command that talks to a cluster
/// includes them with `@OptionGroup var global: GlobalOptions`; they may be written before or after the
/// subcommand (see ``KubectlArguments/normalize(_:)``).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("kubeconfig"), help: "Path to the kubeconfig file to use for CLI requests.")
    var kubeconfig: String?
    @Option(help: "The name of the kubeconfig context to use.") var context: String?
    @Option(help: "The name of the kubeconfig cluster to use.") var cluster: String?
    @Option(help: "The name of the kubeconfig user to use.") var user: String?
    @Option(name: [.short, .long], help: "If present, the namespace scope for this CLI request.") var namespace: String?
    @Option(name: [.short, .long], help: "The address and port of the Kubernetes API server.") var server: String?
    @Option(help: "Bearer token for authentication to the API server.") var token: String?
    @Option(name: .customLong("certificate-authority"), help: "Path to a cert file for the certificate authority.")
    var certificateAuthority: String?
    @Option(name: .customLong("client-certificate"), help: "Path to a client certificate file for TLS.")
    var clientCertificate: String?
    @Option(name: .customLong("client-key"), help: "Path to a client key file for TLS.") var clientKey: String?
    @Flag(
        name: .customLong("insecure-skip-tls-verify"),
        help: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure.")
    var insecureSkipTLSVerify = false
    @Option(
        name: .customLong("tls-server-name"),
        help: "Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used.")
    var tlsServerName: String?
    @Option(
        name: .customLong("request-timeout"),
        help: "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.")
    var requestTimeout: String?
    @Option(help: "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.")
    var `as`: String?
    @Option(
        name: .customLong("as-group"),
        help: "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
    var asGroup: [String] = []
    @Option(name: .customLong("as-uid"), help: "UID to impersonate for the operation.") var asUID: String?
    @Option(name: [.customShort("v"), .customLong("v")], help: "Number for the log level verbosity.") var verbosity: Int?

    /// The flags as client-go overrides.
    var overrides: ConfigOverrides {
        ConfigOverrides(
            kubeconfig: kubeconfig, context: context, cluster: cluster, user: user, namespace: namespace,
            server: server, token: token, certificateAuthority: certificateAuthority,
            clientCertificate: clientCertificate, clientKey: clientKey,
            insecureSkipTLSVerify: insecureSkipTLSVerify ? true : nil, tlsServerName: tlsServerName,
            requestTimeout: requestTimeout, impersonateUser: `as`, impersonateGroups: asGroup, impersonateUID: asUID)
    }

    /// Resolves the connection for these flags in the current ``CommandContext``.
    func connection() throws(KubeConfigError) -> ConnectionConfig {
        try ConnectionResolver(environment: CommandContext.current.environment).resolve(overrides)
    }
}
