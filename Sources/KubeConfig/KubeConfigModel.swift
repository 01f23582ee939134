import GuardrailCore

/// One `clusters[].cluster` stanza of a kubeconfig (client-go `api.Cluster`), with the file it came from.
public struct ClusterEntry: Sendable, Equatable {
    public var server: String = ""
    public var tlsServerName: String = ""
    public var insecureSkipTLSVerify: Bool = false
    public var certificateAuthority: String = ""
    public var certificateAuthorityData: [UInt8]?
    public var proxyURL: String = ""
    public var disableCompression: Bool = false
    /// `extensions[name=client.authentication.k8s.io/exec].extension`: configuration for exec credential
    /// plugins, which client-go hands to a plugin with `provideClusterInfo` as `spec.cluster.config`.
    public var execExtension: JSONValue?
    /// The file the stanza was read from (client-go `LocationOfOrigin`); relative paths resolve against it.
    public var origin: String = ""

    public init() {}
}

/// One `users[].user` stanza (client-go `api.AuthInfo`).
public struct AuthInfoEntry: Sendable, Equatable {
    public var clientCertificate: String = ""
    public var clientCertificateData: [UInt8]?
    public var clientKey: String = ""
    public var clientKeyData: [UInt8]?
    public var token: String = ""
    public var tokenFile: String = ""
    public var username: String = ""
    public var password: String = ""
    public var impersonate: String = ""
    public var impersonateUID: String = ""
    public var impersonateGroups: [String] = []
    public var impersonateUserExtra: [String: [String]] = [:]
    /// `auth-provider.name`, when the legacy in-tree provider block is present.
    public var authProviderName: String?
    public var exec: ExecEntry?
    public var origin: String = ""

    public init() {}
}

/// `users[].user.exec` as written (before validation).
public struct ExecEntry: Sendable, Equatable {
    public var command: String = ""
    public var args: [String] = []
    public var env: [EnvVar] = []
    public var apiVersion: String = ""
    public var installHint: String = ""
    public var provideClusterInfo: Bool = false
    public var interactiveMode: String = ""

    /// One `exec.env[]` item.
    public struct EnvVar: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init() {}
}

/// One `contexts[].context` stanza (client-go `api.Context`).
public struct ContextEntry: Sendable, Equatable {
    public var cluster: String = ""
    public var user: String = ""
    public var namespace: String = ""
    public var origin: String = ""

    public init() {}
}

/// A kubeconfig: one file, or several merged with client-go's rules. Entries keep file order.
public struct KubeConfig: Sendable, Equatable {
    public var clusters: [(name: String, entry: ClusterEntry)] = []
    public var users: [(name: String, entry: AuthInfoEntry)] = []
    public var contexts: [(name: String, entry: ContextEntry)] = []
    public var currentContext: String = ""
    /// The files this configuration was read from, in load order.
    public var files: [String] = []

    public init() {}

    public func cluster(named name: String) -> ClusterEntry? { clusters.first { $0.name == name }?.entry }
    public func user(named name: String) -> AuthInfoEntry? { users.first { $0.name == name }?.entry }
    public func context(named name: String) -> ContextEntry? { contexts.first { $0.name == name }?.entry }

    /// Whether nothing at all is configured (no entries and no current context).
    public var isEmpty: Bool { clusters.isEmpty && users.isEmpty && contexts.isEmpty && currentContext.isEmpty }

    public static func == (lhs: KubeConfig, rhs: KubeConfig) -> Bool {
        lhs.clusters.map(\.name) == rhs.clusters.map(\.name) && lhs.clusters.map(\.entry) == rhs.clusters.map(\.entry)
            && lhs.users.map(\.name) == rhs.users.map(\.name) && lhs.users.map(\.entry) == rhs.users.map(\.entry)
            && lhs.contexts.map(\.name) == rhs.contexts.map(\.name)
            && lhs.contexts.map(\.entry) == rhs.contexts.map(\.entry)
            && lhs.currentContext == rhs.currentContext && lhs.files == rhs.files
    }

    /// Merges files the way client-go's `ClientConfigLoadingRules.Load` does: the first file that
    /// defines a cluster, user or context name wins and its entry is taken whole (even non-conflicting
    /// fields of later entries with the same name are discarded); `current-context` comes from the
    /// first file that sets it.
    public static func merging(_ configs: [KubeConfig]) -> KubeConfig {
        var merged = KubeConfig()
        var seenClusters = Set<String>(), seenUsers = Set<String>(), seenContexts = Set<String>()
        for config in configs {
            merged.files += config.files
            for item in config.clusters where seenClusters.insert(item.name).inserted { merged.clusters.append(item) }
            for item in config.users where seenUsers.insert(item.name).inserted { merged.users.append(item) }
            for item in config.contexts where seenContexts.insert(item.name).inserted { merged.contexts.append(item) }
            if merged.currentContext.isEmpty { merged.currentContext = config.currentContext }
        }
        return merged
    }
}
