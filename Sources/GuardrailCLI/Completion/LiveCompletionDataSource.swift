#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KubeClient
import KubeConfig

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

    func resourceTypes(_ selection: ClusterSelection) -> [ResourceTypeSummary] {
        guard let connection = connection(selection), let cache = discoveryCache(server: connection.server),
            let catalog = cache.load()
        else { return [] }
        return Self.summaries(of: catalog)
    }

    /// Every resource of `catalog` at its group's preferred version, in discovery order (core first).
    static func summaries(of catalog: DiscoveryCatalog) -> [ResourceTypeSummary] {
        var summaries: [ResourceTypeSummary] = []
        for group in catalog.groups {
            var seen: Set<String> = []
            for version in group.versionsByPreference {
                for resource in version.resources where seen.insert(resource.name).inserted {
                    summaries.append(ResourceTypeSummary(
                        name: resource.name, group: group.name, version: version.version, kind: resource.kind,
                        namespaced: resource.namespaced, shortNames: resource.shortNames,
                        subresources: resource.subresources.map(\.name), verbs: resource.verbs))
                }
            }
        }
        return summaries
    }

    func objectNames(
        of resource: ResourceTypeSummary, namespace: String?, selection: ClusterSelection, budget: Duration
    ) -> NameListing {
        NameListing()
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

    /// kubectl's discovery cache for `server` (`$KUBECACHEDIR`, else `~/.kube/cache`).
    func discoveryCache(server: String) -> DiscoveryDiskCache? {
        var variables: [String: String] = [:]
        variables["KUBECACHEDIR"] = environment.variable("KUBECACHEDIR")
        variables["HOME"] = environment.homeDirectory
        guard let root = DiscoveryDiskCache.defaultCacheDirectory(flag: nil, environment: variables) else { return nil }
        return DiscoveryDiskCache(cacheDirectory: root, server: server)
    }
}
