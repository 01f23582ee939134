/// The kubeconfig choices that decide which cluster a completion asks about, taken from the flags on
/// the command line being completed (`--kubeconfig`, `--context`, `--cluster`, `--user`, `-n`).
struct ClusterSelection: Sendable, Hashable {
    /// `--kubeconfig`.
    var kubeconfig: String?
    /// `--context`.
    var context: String?
    /// `--cluster`.
    var cluster: String?
    /// `--user`.
    var user: String?
    /// `-n/--namespace`.
    var namespace: String?
    /// `--server`.
    var server: String?
}

/// The names a kubeconfig defines.
struct KubeconfigNames: Sendable, Hashable {
    /// Context names in file order, with `cluster` and `user` as a description.
    var contexts: [CompletionCandidate] = []
    /// Cluster names, with the server URL as a description.
    var clusters: [CompletionCandidate] = []
    /// User names.
    var users: [CompletionCandidate] = []
}

/// One resource type from discovery, reduced to what completion offers.
struct ResourceTypeSummary: Sendable, Hashable {
    /// Plural resource name: `pods`, `deployments`.
    var name: String
    /// API group, `""` for the core group.
    var group: String
    /// API version the name was discovered at.
    var version: String
    /// `Pod`, `Deployment`.
    var kind: String
    /// Whether objects live in namespaces.
    var namespaced: Bool
    /// `po`, `deploy`.
    var shortNames: [String]
    /// `log`, `exec`, `status` …
    var subresources: [String]
    /// Verbs the resource supports.
    var verbs: [String]

    /// `deployments.apps`, the unambiguous spelling kubectl accepts.
    var qualifiedName: String { group.isEmpty ? name : name + "." + group }
}

/// Object names from a cache or a bounded request.
struct NameListing: Sendable, Hashable {
    /// The names, sorted.
    var names: [String]
    /// Set when the list may be incomplete or old (the request ran out of time, the cache is stale),
    /// worded for an ActiveHelp line.
    var note: String?

    init(names: [String] = [], note: String? = nil) {
        self.names = names
        self.note = note
    }
}

/// Where the completer gets cluster-dependent candidates. Every method must answer quickly: from files,
/// from caches, or from a request bounded by `budget` after which it returns what it has.
protocol CompletionDataSource: Sendable {
    /// Contexts, clusters and users of the selected kubeconfig.
    func kubeconfigNames(_ selection: ClusterSelection) -> KubeconfigNames
    /// Resource types of the selected cluster, from cached discovery (fetched within `budget` only when
    /// nothing is cached); empty when unknown.
    func resourceTypes(_ selection: ClusterSelection, budget: Duration) async -> [ResourceTypeSummary]
    /// Names of the objects of `resource` (in `namespace` when namespaced; `nil` means the context's).
    func objectNames(
        of resource: ResourceTypeSummary, namespace: String?, selection: ClusterSelection, budget: Duration
    ) async -> NameListing
}

extension ResourceTypeSummary {
    /// Core `v1` `namespaces`, the resource `-n` completes from.
    static let namespaces = ResourceTypeSummary(
        name: "namespaces", group: "", version: "v1", kind: "Namespace", namespaced: false,
        shortNames: ["ns"], subresources: ["finalize", "status"], verbs: ["create", "delete", "get", "list", "watch"])
}
