/// What a resource request asks for: `SubjectAccessReview.spec.resourceAttributes`.
public struct ResourceAttributes: Sendable, Hashable {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, or a custom
    /// verb such as `impersonate`, `bind`, `escalate`, `use`.
    public var verb: String
    /// API group; `""` for the core group.
    public var group: String
    /// API version (not used by RBAC, kept for the review object).
    public var version: String
    /// Plural resource, e.g. `pods`.
    public var resource: String
    /// Subresource, e.g. `log` for `pods/log`.
    public var subresource: String
    /// Namespace; `""` for cluster-scoped requests and for "all namespaces".
    public var namespace: String
    /// Object name; `""` for list/create/… across names.
    public var name: String

    /// Resource attributes; all but verb and resource default to empty.
    public init(
        verb: String, group: String = "", version: String = "", resource: String, subresource: String = "",
        namespace: String = "", name: String = ""
    ) {
        self.verb = verb
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
    }
}

/// What a non-resource request asks for: `SubjectAccessReview.spec.nonResourceAttributes`.
public struct NonResourceAttributes: Sendable, Hashable {
    /// URL path, e.g. `/healthz`, `/api/v1`.
    public var path: String
    /// Lower-case HTTP verb: `get`, `post`, `put`, `delete`, …
    public var verb: String

    /// Non-resource attributes.
    public init(path: String, verb: String) {
        self.path = path
        self.verb = verb
    }
}

/// Either kind of request.
public enum AuthorizationRequest: Sendable, Hashable {
    case resource(ResourceAttributes)
    case nonResource(NonResourceAttributes)

    var verb: String {
        switch self {
        case .resource(let r): r.verb
        case .nonResource(let n): n.verb
        }
    }

    var namespace: String {
        switch self {
        case .resource(let r): r.namespace
        case .nonResource: ""
        }
    }
}
