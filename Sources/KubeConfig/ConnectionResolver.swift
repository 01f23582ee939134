import GuardrailCore

/// Resolves kubeconfig files, flags and environment into a ``ConnectionConfig`` the way client-go's
/// `DeferredLoadingClientConfig` + `DirectClientConfig` do (`kubectl-conventions.md` §1–2), except that
/// when nothing is configured it says what is missing instead of talking to `http://localhost:8080`.
///
/// ```swift
/// let resolver = ConnectionResolver()                      // real files and environment
/// let connection = try resolver.resolve(ConfigOverrides(context: "prod"))
/// print(connection.server, connection.namespace)
/// ```
public struct ConnectionResolver: Sendable {
    public var environment: any KubeConfigEnvironment

    public init(environment: any KubeConfigEnvironment = SystemEnvironment()) {
        self.environment = environment
    }

    /// Loads the kubeconfig files named by the loading rules and resolves them with `overrides`.
    public func resolve(_ overrides: ConfigOverrides) throws(KubeConfigError) -> ConnectionConfig {
        let loader = KubeConfigLoader(environment: environment)
        let config = try loader.load(explicitPath: overrides.kubeconfig.nonEmpty)
        return try resolve(config, overrides: overrides, plan: loader.plan(explicitPath: overrides.kubeconfig.nonEmpty))
    }

    /// Resolves an already loaded kubeconfig with `overrides`.
    public func resolve(
        _ config: KubeConfig, overrides: ConfigOverrides, plan: KubeConfigLoader.Plan? = nil
    ) throws(KubeConfigError) -> ConnectionConfig {
        // Selection (client_config.go getContextName / getClusterName / getAuthInfoName).
        let contextName = overrides.context.nonEmpty ?? config.currentContext
        var context = ContextEntry()
        if !contextName.isEmpty {
            guard let found = config.context(named: contextName) else {
                if overrides.context.nonEmpty != nil {
                    throw KubeConfigError(.notFound, "context \"\(contextName)\" does not exist")
                }
                throw KubeConfigError(
                    .notFound,
                    "context \"\(contextName)\" does not exist (it is the current-context of \(describe(config.files))); "
                        + "pick an existing one with --context or kubectl config use-context")
            }
            context = found
        }
        let clusterName = overrides.cluster.nonEmpty ?? context.cluster
        let userName = overrides.user.nonEmpty ?? context.user
        if let name = overrides.cluster.nonEmpty, config.cluster(named: name) == nil {
            throw KubeConfigError(.notFound, "cluster \"\(name)\" does not exist")
        }
        if let name = overrides.user.nonEmpty, config.user(named: name) == nil {
            throw KubeConfigError(.notFound, "auth info \"\(name)\" does not exist")
        }
        if !clusterName.isEmpty, config.cluster(named: clusterName) == nil {
            throw KubeConfigError(
                .notFound, "cluster \"\(clusterName)\" was not found for context \"\(contextName)\" in \(describe(config.files))")
        }
        if !userName.isEmpty, config.user(named: userName) == nil {
            throw KubeConfigError(
                .notFound, "user \"\(userName)\" was not found for context \"\(contextName)\" in \(describe(config.files))")
        }
        var cluster = config.cluster(named: clusterName) ?? ClusterEntry()
        let user = config.user(named: userName) ?? AuthInfoEntry()

        // Nothing selected and no --server: in-cluster, or a clear message (never localhost:8080).
        if cluster.server.isEmpty && overrides.server.nonEmpty == nil {
            if !clusterName.isEmpty {
                throw KubeConfigError(
                    .invalidFile,
                    "cluster \"\(clusterName)\" has no server; set clusters[name=\(clusterName)].cluster.server in "
                        + "\(describe([cluster.origin])) or pass --server")
            }
            if contextName.isEmpty, InClusterConfig.server(in: environment) != nil {
                return try inCluster(overrides: overrides)
            }
            throw nothingConfigured(config, contextName: contextName, plan: plan)
        }

        // Cluster overrides (client_config.go getCluster).
        if let server = overrides.server.nonEmpty {
            cluster.server = server
            if overrides.tlsServerName.nonEmpty == nil { cluster.tlsServerName = "" }
        }
        if let name = overrides.tlsServerName.nonEmpty { cluster.tlsServerName = name }
        if let ca = overrides.certificateAuthority.nonEmpty {
            cluster.certificateAuthority = ca
            cluster.certificateAuthorityData = nil
            cluster.insecureSkipTLSVerify = false
        }
        if overrides.insecureSkipTLSVerify == true {
            cluster.insecureSkipTLSVerify = true
            if overrides.certificateAuthority.nonEmpty == nil {
                cluster.certificateAuthority = ""
                cluster.certificateAuthorityData = nil
            }
        }
        let tls = try resolveTLS(cluster, name: clusterName)

        var credential = try resolveCredential(user, name: userName, overrides: overrides)
        if case .exec(var exec) = credential, let extensionValue = cluster.execExtension {
            // clientcmd: ExecProvider.Config = the cluster's exec extension.
            exec.clusterConfig = ExecClusterExtension.canonical(extensionValue)
            credential = .exec(exec)
        }
        let impersonation = try resolveImpersonation(user, name: userName, overrides: overrides)

        // Namespace (client_config.go Namespace + merged_client_builder.go).
        var namespace = "default"
        var namespaceExplicit = false
        if let flag = overrides.namespace.nonEmpty {
            namespace = flag
            namespaceExplicit = true
        } else if !context.namespace.isEmpty {
            namespace = context.namespace
            namespaceExplicit = true
        } else if InClusterConfig.server(in: environment) != nil, let podNamespace = InClusterConfig.namespace(in: environment) {
            namespace = podNamespace
            namespaceExplicit = true
        }

        var connection = ConnectionConfig(
            contextName: contextName, clusterName: clusterName, userName: userName, sourceFiles: config.files,
            server: cluster.server, certificateAuthorityPEM: tls.pem, certificateAuthoritySource: tls.source,
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName.isEmpty ? nil : cluster.tlsServerName,
            proxyURL: cluster.proxyURL.isEmpty ? nil : cluster.proxyURL,
            requestTimeout: try overrides.requestTimeout.map { (text) throws(KubeConfigError) in try RequestTimeout.parse(text) } ?? nil,
            namespace: namespace, namespaceExplicit: namespaceExplicit,
            credential: credential, impersonation: impersonation)
        connection.disableCompression = cluster.disableCompression
        connection.requestTimeoutGiven = overrides.requestTimeout != nil
        return connection
    }

    // MARK: In-cluster

    private func inCluster(overrides: ConfigOverrides) throws(KubeConfigError) -> ConnectionConfig {
        guard let inClusterServer = InClusterConfig.server(in: environment) else {
            throw KubeConfigError(.noConfiguration, "in-cluster configuration is not available")
        }
        // inClusterClientConfig honours --server, --token and --certificate-authority only; impersonation
        // is applied too (guardrail's choice: --as must never be silently dropped).
        var cluster = ClusterEntry()
        cluster.server = overrides.server.nonEmpty ?? inClusterServer
        cluster.certificateAuthority = overrides.certificateAuthority.nonEmpty ?? InClusterConfig.certificateAuthorityFile
        var pem: [UInt8]?
        var source: String?
        if let bytes = try? environment.readFile(cluster.certificateAuthority) {
            pem = bytes
            source = cluster.certificateAuthority
        } else if overrides.certificateAuthority.nonEmpty != nil {
            _ = try resolveTLS(cluster, name: "in-cluster")  // reports the unreadable flag file
        }
        let credential: Credential
        if let token = overrides.token.nonEmpty {
            credential = .bearerToken(token: token, tokenFile: nil)
        } else {
            let token: [UInt8]
            do {
                token = try environment.readFile(InClusterConfig.tokenFile)
            } catch {
                throw KubeConfigError(
                    .unreadableFile, "unable to read the service account token \(InClusterConfig.tokenFile): \(error.reason)")
            }
            credential = .bearerToken(
                token: String(decoding: token, as: UTF8.self).trimmingWhitespace, tokenFile: InClusterConfig.tokenFile)
        }
        let impersonation = try resolveImpersonation(AuthInfoEntry(), name: "in-cluster", overrides: overrides)
        var namespace = "default"
        var explicit = false
        if let flag = overrides.namespace.nonEmpty {
            namespace = flag
            explicit = true
        } else if let podNamespace = InClusterConfig.namespace(in: environment) {
            namespace = podNamespace
            explicit = true
        }
        var connection = ConnectionConfig(
            sourceFiles: [], server: cluster.server, certificateAuthorityPEM: pem, certificateAuthoritySource: source,
            insecureSkipTLSVerify: overrides.insecureSkipTLSVerify == true && pem == nil,
            tlsServerName: overrides.tlsServerName.nonEmpty,
            requestTimeout: try overrides.requestTimeout.map { (text) throws(KubeConfigError) in try RequestTimeout.parse(text) } ?? nil,
            namespace: namespace, namespaceExplicit: explicit, credential: credential, impersonation: impersonation)
        connection.requestTimeoutGiven = overrides.requestTimeout != nil
        return connection
    }

    // MARK: TLS

    private func resolveTLS(_ cluster: ClusterEntry, name: String) throws(KubeConfigError) -> (pem: [UInt8]?, source: String?) {
        if cluster.certificateAuthorityData != nil && !cluster.certificateAuthority.isEmpty {
            throw KubeConfigError(
                .conflict,
                "certificate-authority-data and certificate-authority are both specified for \(name). "
                    + "certificate-authority-data will override.")
        }
        let hasCA = cluster.certificateAuthorityData != nil || !cluster.certificateAuthority.isEmpty
        if cluster.insecureSkipTLSVerify && hasCA {
            throw KubeConfigError(.conflict, "specifying a root certificates file with the insecure flag is not allowed")
        }
        if !cluster.proxyURL.isEmpty {
            let scheme = cluster.proxyURL.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            guard cluster.proxyURL.contains("://"), ["http", "https", "socks5"].contains(scheme.lowercased()) else {
                throw KubeConfigError(
                    .invalidFile,
                    "invalid 'proxy-url' \"\(URLRedaction.withoutCredentials(cluster.proxyURL))\" for cluster \"\(name)\": unsupported scheme "
                        + "\"\(scheme)\", must be http, https, or socks5")
            }
        }
        if let data = cluster.certificateAuthorityData {
            return (data, "certificate-authority-data of cluster \"\(name)\"")
        }
        if !cluster.certificateAuthority.isEmpty {
            do {
                return (try environment.readFile(cluster.certificateAuthority), cluster.certificateAuthority)
            } catch {
                throw KubeConfigError(
                    .unreadableFile,
                    "unable to read certificate-authority \(cluster.certificateAuthority) for \(name) due to open "
                        + "\(cluster.certificateAuthority): \(error.reason)")
            }
        }
        return (nil, nil)
    }

    // MARK: Credentials

    private func resolveCredential(
        _ entry: AuthInfoEntry, name: String, overrides: ConfigOverrides
    ) throws(KubeConfigError) -> Credential {
        var user = entry
        if let file = overrides.clientCertificate.nonEmpty {
            user.clientCertificate = file
            user.clientCertificateData = nil
        }
        if let file = overrides.clientKey.nonEmpty {
            user.clientKey = file
            user.clientKeyData = nil
        }
        if let token = overrides.token.nonEmpty {
            user.token = token
            user.tokenFile = ""
        }

        // client-go validateAuthInfo.
        if user.clientCertificateData != nil && !user.clientCertificate.isEmpty {
            throw KubeConfigError(
                .conflict, "client-cert-data and client-cert are both specified for \(name). client-cert-data will override.")
        }
        if user.clientKeyData != nil && !user.clientKey.isEmpty {
            throw KubeConfigError(
                .conflict, "client-key-data and client-key are both specified for \(name); client-key-data will override")
        }
        let hasCert = user.clientCertificateData != nil || !user.clientCertificate.isEmpty
        let hasKey = user.clientKeyData != nil || !user.clientKey.isEmpty
        if hasCert && !hasKey {
            throw KubeConfigError(
                .invalidFile, "client-key-data or client-key must be specified for \(name) to use the clientCert authentication method.")
        }
        if hasKey && !hasCert {
            throw KubeConfigError(
                .invalidFile, "client-cert-data or client-cert must be specified for \(name) to use the clientCert authentication method.")
        }
        let hasToken = !user.token.isEmpty || !user.tokenFile.isEmpty
        let hasBasic = !user.username.isEmpty || !user.password.isEmpty
        if hasToken && hasBasic {
            throw KubeConfigError(
                .conflict, "more than one authentication method found for \(name); found [token basicAuth], only one is allowed")
        }
        if let provider = user.authProviderName {
            if user.exec != nil {
                throw KubeConfigError(.conflict, "authProvider cannot be provided in combination with an exec plugin for \(name)")
            }
            throw unsupportedAuthProvider(provider, user: name, origin: user.origin)
        }
        var exec: ExecConfig?
        if let entry = user.exec { exec = try validateExec(entry, user: name, origin: user.origin) }

        // Precedence (exec.go UpdateTransportConfig: a token, basic auth or a certificate means the exec
        // plugin never runs). With both a certificate and a token kubectl sends both and the API server's
        // x509 authenticator answers first, so the certificate is the identity.
        if hasCert {
            let certificate = try material(user.clientCertificateData, file: user.clientCertificate, what: "client-cert", user: name)
            let key = try material(user.clientKeyData, file: user.clientKey, what: "client-key", user: name)
            let source = user.clientCertificateData != nil ? "client-certificate-data of user \"\(name)\"" : user.clientCertificate
            return .clientCertificate(certificatePEM: certificate, keyPEM: key, source: source)
        }
        if hasToken {
            guard !user.tokenFile.isEmpty else { return .bearerToken(token: user.token, tokenFile: nil) }
            // transport.NewBearerAuthWithRefreshRoundTripper: a readable tokenFile wins over `token`.
            do {
                let bytes = try environment.readFile(user.tokenFile)
                return .bearerToken(token: String(decoding: bytes, as: UTF8.self).trimmingWhitespace, tokenFile: user.tokenFile)
            } catch {
                if !user.token.isEmpty { return .bearerToken(token: user.token, tokenFile: user.tokenFile) }
                throw KubeConfigError(
                    .unreadableFile, "unable to read tokenFile \(user.tokenFile) for \(name) due to open \(user.tokenFile): \(error.reason)")
            }
        }
        if hasBasic { return .basicAuth(username: user.username, password: user.password) }
        if let exec { return .exec(exec) }
        return .none
    }

    private func material(_ data: [UInt8]?, file: String, what: String, user: String) throws(KubeConfigError) -> [UInt8] {
        if let data { return data }
        do {
            return try environment.readFile(file)
        } catch {
            throw KubeConfigError(.unreadableFile, "unable to read \(what) \(file) for \(user) due to open \(file): \(error.reason)")
        }
    }

    /// client-go `validateAuthInfo` for `exec`, and exec.go's apiVersion check.
    private func validateExec(_ entry: ExecEntry, user: String, origin: String) throws(KubeConfigError) -> ExecConfig {
        if entry.command.isEmpty {
            throw KubeConfigError(.invalidFile, "command must be specified for \(user) to use exec authentication plugin")
        }
        if entry.apiVersion.isEmpty {
            throw KubeConfigError(.invalidFile, "apiVersion must be specified for \(user) to use exec authentication plugin")
        }
        for variable in entry.env where variable.name.isEmpty {
            throw KubeConfigError(.invalidFile, "env variable name must be specified for \(user) to use exec authentication plugin")
        }
        let supported = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]
        guard supported.contains(entry.apiVersion) else {
            throw KubeConfigError(
                .invalidFile, "exec plugin: invalid apiVersion \"\(entry.apiVersion)\" for \(user); use client.authentication.k8s.io/v1")
        }
        var mode = entry.interactiveMode
        if mode.isEmpty {
            // v1 requires interactiveMode; v1beta1 defaults to IfAvailable.
            if entry.apiVersion == "client.authentication.k8s.io/v1" {
                throw KubeConfigError(.invalidFile, "interactiveMode must be specified for \(user) to use exec authentication plugin")
            }
            mode = "IfAvailable"
        }
        guard ["Never", "IfAvailable", "Always"].contains(mode) else {
            throw KubeConfigError(.invalidFile, "invalid interactiveMode for \(user): \"\(mode)\"")
        }
        return ExecConfig(
            command: entry.command, args: entry.args, env: entry.env.map { ($0.name, $0.value) },
            apiVersion: entry.apiVersion, installHint: entry.installHint.isEmpty ? nil : entry.installHint,
            provideClusterInfo: entry.provideClusterInfo, interactiveMode: mode,
            sourceFile: origin.isEmpty ? nil : origin)
    }

    /// The removed in-tree auth providers get client-go's stub messages; the rest a pointer to exec plugins.
    private func unsupportedAuthProvider(_ provider: String, user: String, origin: String) -> KubeConfigError {
        switch provider {
        case "gcp":
            return KubeConfigError(
                .unsupported,
                "The gcp auth plugin has been removed. Please use the \"gke-gcloud-auth-plugin\" kubectl/client-go "
                    + "credential plugin instead. See https://cloud.google.com/blog/products/containers-kubernetes/"
                    + "kubectl-auth-changes-in-gke for further details")
        case "azure":
            return KubeConfigError(
                .unsupported,
                "The azure auth plugin has been removed. Please use the https://github.com/Azure/kubelogin "
                    + "kubectl/client-go credential plugin instead. See https://kubernetes.io/docs/reference/"
                    + "access-authn-authz/authentication/#client-go-credential-plugins for further details")
        default:
            return KubeConfigError(
                .unsupported,
                "auth-provider \"\(provider)\" of user \"\(user)\" in \(describe([origin])) is not supported; "
                    + "use an exec credential plugin instead (for oidc: kubectl oidc-login)")
        }
    }

    // MARK: Impersonation

    private func resolveImpersonation(
        _ user: AuthInfoEntry, name: String, overrides: ConfigOverrides
    ) throws(KubeConfigError) -> Impersonation? {
        var impersonate = user.impersonate
        var groups = user.impersonateGroups
        var uid = user.impersonateUID
        if let flag = overrides.impersonateUser.nonEmpty { impersonate = flag }
        // --as-group replaces the kubeconfig's as-groups; as-uid and as-user-extra survive (observed).
        if !overrides.impersonateGroups.isEmpty { groups = overrides.impersonateGroups }
        if let flag = overrides.impersonateUID.nonEmpty { uid = flag }
        let extra = user.impersonateUserExtra
        if impersonate.isEmpty {
            if !groups.isEmpty || !uid.isEmpty || !extra.isEmpty {
                throw KubeConfigError(
                    .conflict, "requesting uid, groups or user-extra for \(name) without impersonating a user; add --as USER")
            }
            return nil
        }
        return Impersonation(user: impersonate, uid: uid.isEmpty ? nil : uid, groups: groups, extra: extra)
    }

    // MARK: Messages

    private func nothingConfigured(_ config: KubeConfig, contextName: String, plan: KubeConfigLoader.Plan?) -> KubeConfigError {
        let home = environment.homeDirectory
        if !config.files.isEmpty {
            let names = config.contexts.map(\.name)
            let choice = names.isEmpty
                ? "add a context, or pass --server"
                : "pass --context (one of: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : "")) "
                    + "or run kubectl config use-context NAME"
            return KubeConfigError(
                .noConfiguration, "no context selected: \(describe(config.files)) sets no current-context; \(choice)")
        }
        var looked: String
        if let plan, !plan.files.isEmpty {
            let files = plan.files.map { FilePath.abbreviated($0, home: home) }.joined(separator: ", ")
            looked = plan.origin == "KUBECONFIG" ? "none of the KUBECONFIG files exist (\(files))" : "\(files) does not exist"
        } else if let plan, plan.origin == "KUBECONFIG" {
            looked = "KUBECONFIG names no files"
        } else {
            looked = "no kubeconfig found"
        }
        return KubeConfigError(
            .noConfiguration,
            "no configuration: \(looked), and this is not a pod with a service account; "
                + "pass --kubeconfig, set KUBECONFIG, or pass --server")
    }

    private func describe(_ files: [String]) -> String {
        let home = environment.homeDirectory
        let shown = files.map { FilePath.abbreviated($0, home: home) }
        switch shown.count {
        case 0: return "the kubeconfig"
        case 1: return shown[0]
        default: return shown.joined(separator: ", ")
        }
    }
}
