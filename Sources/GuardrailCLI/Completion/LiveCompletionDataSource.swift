import KubeClient
import KubeConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cluster-dependent candidates from the user's kubeconfig (loaded exactly as the commands load it),
/// kubectl's discovery disk cache, and the completion name cache.
///
/// Nothing here may be slow: kubeconfig files and caches are local reads; the only network use is
/// ``objectNames(of:namespace:selection:budget:)``, bounded by the budget.
struct LiveCompletionDataSource: CompletionDataSource {
    /// Files and environment, as the commands see them.
    var environment: any KubeConfigEnvironment = SystemEnvironment()

    func kubeconfigNames(_ selection: ClusterSelection) -> KubeconfigNames {
        let loader = KubeConfigLoader(environment: environment)
        guard let config = try? loader.load(explicitPath: selection.kubeconfig.flatMap { $0.isEmpty ? nil : $0 }) else {
            return KubeconfigNames()
        }
        return Self.names(of: config)
    }

    /// The names `config` defines, described the way `kubectl config get-contexts` shows them.
    static func names(of config: KubeConfig) -> KubeconfigNames {
        KubeconfigNames(
            contexts: config.contexts.map { context in
                var parts = ["cluster \(context.entry.cluster)", "user \(context.entry.user)"]
                if !context.entry.namespace.isEmpty { parts.append("namespace \(context.entry.namespace)") }
                if context.name == config.currentContext { parts.insert("current", at: 0) }
                return CompletionCandidate(context.name, parts.joined(separator: ", "))
            },
            clusters: config.clusters.map { CompletionCandidate($0.name, $0.entry.server) },
            // Only the name: a user entry holds credentials and nothing of it belongs on a terminal.
            users: config.users.map { CompletionCandidate($0.name) })
    }

    /// How old kubectl's discovery cache may be for completion. kubectl refetches after 6 hours; a day-old
    /// list of resource types is still the right list to complete from nearly always, and instant.
    static let discoveryUsableFor: Double = 7 * 24 * 60 * 60

    /// kubectl's discovery cache (even past kubectl's 6-hour TTL); when nothing is cached at all,
    /// discovery is fetched within `budget` and written to the cache the way `can-i` does, so only the
    /// first completion for a new cluster ever waits.
    func resourceTypes(_ selection: ClusterSelection, budget: Duration) async -> [ResourceTypeSummary] {
        guard let connection = connection(selection), let root = cacheRoot() else { return [] }
        let usable = DiscoveryDiskCache(cacheDirectory: root, server: connection.server, ttl: Self.discoveryUsableFor)
        if let catalog = usable.load() { return Self.summaries(of: catalog) }
        let catalog = await withinBudget(budget) { () -> DiscoveryCatalog? in
            let options = Self.clientOptions(budget: budget)
            guard let client = try? KubeAPIClient(config: connection, options: options) else { return nil }
            let cache = DiscoveryDiskCache(cacheDirectory: root, server: connection.server)
            return try? await LiveDiscovery(client: client, cache: cache).refreshed()
        }
        return (catalog ?? nil).map(Self.summaries(of:)) ?? []
    }

    /// Every resource of `catalog` at its group's preferred version, in discovery order (core first).
    static func summaries(of catalog: DiscoveryCatalog) -> [ResourceTypeSummary] {
        var summaries: [ResourceTypeSummary] = []
        for group in catalog.groups {
            var seen: Set<String> = []
            for version in group.versionsByPreference {
                for resource in version.resources where seen.insert(resource.name).inserted {
                    summaries.append(
                        ResourceTypeSummary(
                            name: resource.name, group: group.name, version: version.version, kind: resource.kind,
                            namespaced: resource.namespaced, shortNames: resource.shortNames,
                            subresources: resource.subresources.map(\.name), verbs: resource.verbs))
                }
            }
        }
        return summaries
    }

    /// How long fetched names are used without asking the server again.
    static let namesFreshFor: Double = 30

    /// Names from the name cache when fetched in the last 30 s; otherwise one list request (a single
    /// page of at most 1000, metadata only) within `budget`, falling back to older cached names.
    func objectNames(
        of resource: ResourceTypeSummary, namespace: String?, selection: ClusterSelection, budget: Duration
    ) async -> NameListing {
        guard let connection = connection(selection) else { return NameListing() }
        let scope = resource.namespaced ? (namespace.flatMap { $0.isEmpty ? nil : $0 } ?? connection.namespace) : nil
        if let scope, scope.contains("/") { return NameListing() }
        let cache = cacheRoot().map {
            NameCache(
                cacheRoot: $0, safeHost: DiscoveryDiskCache.safeHostDirectoryName(server: connection.server),
                user: connection.userName)
        }
        let now = Double(time(nil))
        let cached = cache?.load(resource: resource.qualifiedName, namespace: scope, now: now)
        if let cached, cached.age < Self.namesFreshFor {
            return NameListing(names: cached.names)
        }
        let fetched = await withinBudget(budget) {
            await Self.fetchNames(of: resource, namespace: scope, connection: connection, budget: budget)
        }
        let fallback = cached.map { " (showing names cached \(Self.describeAge($0.age)) ago)" } ?? ""
        switch fetched {
        case .success(let names)?:
            cache?.store(names, resource: resource.qualifiedName, namespace: scope)
            return NameListing(names: names)
        case .failure(let problem)?:
            return NameListing(names: cached?.names ?? [], note: problem.message + fallback)
        case nil:
            let seconds = Double(budget.components.seconds) + Double(budget.components.attoseconds) / 1e18
            return NameListing(
                names: cached?.names ?? [],
                note: "\(resource.name): the API server did not answer within \(seconds)s" + fallback)
        }
    }

    /// One metadata-only list request for the names of `resource`.
    static func fetchNames(
        of resource: ResourceTypeSummary, namespace: String?, connection: ConnectionConfig, budget: Duration
    ) async -> Result<[String], NameFetchProblem> {
        let options = clientOptions(budget: budget)
        var path = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        if let namespace { path += "/namespaces/\(namespace)" }
        path += "/\(resource.name)"
        do {
            let client = try KubeAPIClient(config: connection, options: options)
            // Metadata only, as kubectl's `get -o name` asks for it; servers without it send the full list.
            let response = try await client.send(
                KubeRequest(
                    path: path, query: [("limit", "1000")],
                    headers: [
                        ("Accept", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json")
                    ]))
            let list = try response.json(requestLine: "GET \(path)")
            let names = (list["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
            return .success(names.sorted())
        } catch {
            return .failure(NameFetchProblem("\(resource.name): " + Self.shortReason(error)))
        }
    }

    /// Client options for a request that must finish within `budget`.
    static func clientOptions(budget: Duration) -> ClientOptions {
        let seconds = max(0.1, Double(budget.components.seconds) + Double(budget.components.attoseconds) / 1e18)
        var options = ClientOptions()
        options.connectTimeout = seconds
        options.execTimeout = seconds
        // Completion runs inside the user's shell: an exec plugin must never prompt there.
        options.stdinIsTerminal = false
        options.retryUnauthorizedAfterExecRefresh = false
        return options
    }

    /// The first line of a client error, without kubectl's `error: ` prefix.
    static func shortReason(_ error: KubeClientError) -> String {
        var text = String(String(describing: error).split(separator: "\n").first ?? "")
        if text.hasPrefix("error: ") { text.removeFirst(7) }
        return text
    }

    /// `45s`, `3m`, `2h`.
    static func describeAge(_ seconds: Double) -> String {
        switch seconds {
        case ..<90: "\(Int(seconds))s"
        case ..<(90 * 60): "\(Int(seconds / 60))m"
        default: "\(Int(seconds / 3600))h"
        }
    }

    // MARK: - Helpers

    /// The connection the command line selects, or `nil` when the kubeconfig does not resolve.
    func connection(_ selection: ClusterSelection) -> ConnectionConfig? {
        var overrides = ConfigOverrides()
        overrides.kubeconfig = selection.kubeconfig
        overrides.context = selection.context
        overrides.cluster = selection.cluster
        overrides.user = selection.user
        overrides.namespace = selection.namespace
        overrides.server = selection.server
        return try? ConnectionResolver(environment: environment).resolve(overrides)
    }

    /// kubectl's discovery cache for `server`.
    func discoveryCache(server: String) -> DiscoveryDiskCache? {
        cacheRoot().map { DiscoveryDiskCache(cacheDirectory: $0, server: server) }
    }

    /// kubectl's cache directory: `$KUBECACHEDIR`, else `~/.kube/cache`.
    func cacheRoot() -> String? {
        var variables: [String: String] = [:]
        variables["KUBECACHEDIR"] = environment.variable("KUBECACHEDIR")
        variables["HOME"] = environment.homeDirectory
        return DiscoveryDiskCache.defaultCacheDirectory(flag: nil, environment: variables)
    }
}

/// Why names could not be listed, worded for an ActiveHelp line.
struct NameFetchProblem: Error, Sendable, Equatable {
    /// `namespaces: forbidden: …`.
    var message: String
    init(_ message: String) { self.message = message }
}
