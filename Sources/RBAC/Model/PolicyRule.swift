import GuardrailCore

/// One `rules[]` entry of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule).
public struct PolicyRule: Sendable, Hashable {
    /// `verbs`, e.g. `get`, `list`, `*`.
    public var verbs: [String]
    /// `apiGroups`: `""` is the core group, `*` any group.
    public var apiGroups: [String]
    /// `resources`, e.g. `pods`, `pods/log` (a subresource), `*/scale`, `*`.
    public var resources: [String]
    /// `resourceNames`: empty means any name.
    public var resourceNames: [String]
    /// `nonResourceURLs`, e.g. `/healthz`, `/api/*`, `*`.
    public var nonResourceURLs: [String]

    /// A rule; lists default to empty.
    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// The rule as Kubernetes serialises it (empty lists omitted).
    public var json: JSONValue {
        var object = JSONObject()
        if !apiGroups.isEmpty { object["apiGroups"] = .array(apiGroups.map(JSONValue.string)) }
        if !nonResourceURLs.isEmpty { object["nonResourceURLs"] = .array(nonResourceURLs.map(JSONValue.string)) }
        if !resourceNames.isEmpty { object["resourceNames"] = .array(resourceNames.map(JSONValue.string)) }
        if !resources.isEmpty { object["resources"] = .array(resources.map(JSONValue.string)) }
        object["verbs"] = .array(verbs.map(JSONValue.string))
        return .object(object)
    }
}
