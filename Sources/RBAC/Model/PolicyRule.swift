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

/// A `subjects[]` entry of a binding.
public struct Subject: Sendable, Hashable {
    /// `User`, `Group` or `ServiceAccount`.
    public enum Kind: String, Sendable, Hashable {
        case user = "User"
        case group = "Group"
        case serviceAccount = "ServiceAccount"
    }

    public var kind: Kind
    public var name: String
    /// For service accounts; empty means "the binding's namespace" (RoleBindings only).
    public var namespace: String

    public init(kind: Kind, name: String, namespace: String = "") {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// kube-apiserver's `describeSubject`: `User "alice"`, `Group "devs"`,
    /// `ServiceAccount "builder/ci"` (name/namespace, the binding's namespace when unset).
    public func describe(bindingNamespace: String) -> String {
        switch kind {
        case .serviceAccount:
            let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
            return "\(kind.rawValue) \(goQuote(name + "/" + namespace))"
        case .user, .group:
            return "\(kind.rawValue) \(goQuote(name))"
        }
    }
}

/// A binding's `roleRef`.
public struct RoleRef: Sendable, Hashable {
    /// `Role` or `ClusterRole` (anything else is kept so it can be reported).
    public var kind: String
    public var name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// A namespaced `Role`.
public struct Role: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var rules: [PolicyRule]

    public init(name: String, namespace: String, rules: [PolicyRule]) {
        self.name = name
        self.namespace = namespace
        self.rules = rules
    }
}

/// A `ClusterRole`, possibly aggregated from other ClusterRoles by label.
public struct ClusterRole: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    public var rules: [PolicyRule]
    /// `aggregationRule.clusterRoleSelectors`; when set, ``rules`` are replaced by the union of the
    /// selected ClusterRoles' rules, as the clusterrole-aggregation controller does.
    public var aggregationSelectors: [LabelSelector]?

    public init(
        name: String, labels: [String: String] = [:], rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil
    ) {
        self.name = name
        self.labels = labels
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
    }
}

/// A namespaced `RoleBinding` (its `roleRef` may name a ClusterRole, granting it in this namespace).
public struct RoleBinding: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var subjects: [Subject]
    public var roleRef: RoleRef

    public init(name: String, namespace: String, subjects: [Subject], roleRef: RoleRef) {
        self.name = name
        self.namespace = namespace
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// A `ClusterRoleBinding`.
public struct ClusterRoleBinding: Sendable, Hashable {
    public var name: String
    public var subjects: [Subject]
    public var roleRef: RoleRef

    public init(name: String, subjects: [Subject], roleRef: RoleRef) {
        self.name = name
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// Go's `%q` (`strconv.Quote`) for the names kube-apiserver quotes in its reasons.
func goQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
