import GuardrailCore

/// One resource the API server serves, as discovery describes it: the union of what legacy discovery
/// (`APIResourceList`) and aggregated discovery (`apidiscovery.k8s.io/v2` `APIGroupDiscoveryList`) tell.
public struct APIResourceInfo: Sendable, Hashable {
    /// The API group, `""` for the core group.
    public var group: String
    /// The version this entry was listed under, e.g. `v1`.
    public var version: String
    /// The plural resource name used in URLs and RBAC rules, e.g. `deployments`.
    public var name: String
    /// The singular name, e.g. `deployment` (discovery may leave it empty; then the lower-cased kind is used).
    public var singularName: String
    /// The kind of the objects, e.g. `Deployment`.
    public var kind: String
    /// Whether objects live in a namespace.
    public var namespaced: Bool
    /// The verbs the resource supports (`get`, `list`, `create`, …).
    public var verbs: [String]
    /// Short names such as `deploy` or `cpol`.
    public var shortNames: [String]
    /// Categories such as `all` or `kyverno`.
    public var categories: [String]
    /// The subresources (`status`, `scale`, `log`, `exec`, …) with their own kind and verbs.
    public var subresources: [APISubresourceInfo]

    /// Creates a resource description.
    public init(
        group: String, version: String, name: String, singularName: String = "", kind: String,
        namespaced: Bool, verbs: [String] = [], shortNames: [String] = [], categories: [String] = [],
        subresources: [APISubresourceInfo] = []
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.singularName = singularName
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
    }

    /// `deployments.apps`, or `pods` for the core group: the name kubectl prints and accepts.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// `apps/v1`, or `v1` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The singular name, falling back to the lower-cased kind as client-go's RESTMapper does.
    public var effectiveSingularName: String { singularName.isEmpty ? kind.lowercased() : singularName }

    /// The subresource called `name`, if the resource has one.
    public func subresource(named name: String) -> APISubresourceInfo? {
        subresources.first { $0.name == name }
    }
}

/// A subresource of an ``APIResourceInfo`` (`pods/exec`, `deployments/scale`).
public struct APISubresourceInfo: Sendable, Hashable {
    /// The subresource name without its parent, e.g. `exec`.
    public var name: String
    /// The kind the subresource accepts/returns (`PodExecOptions`, `Scale`), may be empty.
    public var kind: String
    /// The group of that kind when it differs from the parent's (`autoscaling` for `deployments/scale`).
    public var kindGroup: String?
    /// The verbs (`get`, `create`, `update`, `patch`).
    public var verbs: [String]

    /// Creates a subresource description.
    public init(name: String, kind: String = "", kindGroup: String? = nil, verbs: [String] = []) {
        self.name = name
        self.kind = kind
        self.kindGroup = kindGroup
        self.verbs = verbs
    }
}
