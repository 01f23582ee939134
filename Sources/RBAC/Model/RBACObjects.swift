import GuardrailCore

/// The RBAC objects of a cluster (or of YAML files standing in for one): Roles, ClusterRoles,
/// RoleBindings and ClusterRoleBindings, read from Kubernetes JSON with problems reported as
/// ``Diagnostic``s rather than thrown.
public struct RBACObjects: Sendable {
    /// Roles read so far.
    public var roles: [Role] = []
    /// ClusterRoles read so far (rules as written; aggregation is resolved by ``RBACAuthorizer``).
    public var clusterRoles: [ClusterRole] = []
    /// RoleBindings read so far.
    public var roleBindings: [RoleBinding] = []
    /// ClusterRoleBindings read so far.
    public var clusterRoleBindings: [ClusterRoleBinding] = []
    /// Problems found while reading objects: invalid fields, unknown subject kinds, rules the API
    /// server would reject. Objects with errors are kept as far as they are usable.
    public private(set) var diagnostics: [Diagnostic] = []

    /// An empty set.
    public init() {}

    /// Reads every RBAC object in `objects` (other kinds are ignored; `…List` objects are unpacked).
    public init(objects: [JSONValue]) {
        for object in objects { add(object) }
    }

    /// Adds one object (or the items of a list). `location` is attached to diagnostics, e.g. the
    /// file and line of the YAML document the object came from.
    public mutating func add(_ object: JSONValue, location: SourceLocation? = nil) {
        guard case .object = object else { return }
        let kind = object["kind"]?.stringValue ?? ""
        if kind.hasSuffix("List"), let items = object["items"]?.arrayValue {
            for item in items { add(item, location: location) }
            return
        }
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        switch kind {
        case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
            guard apiVersion.hasPrefix("rbac.authorization.k8s.io/") || apiVersion.isEmpty else { return }
        default:
            return
        }
        var reader = ObjectReader(kind: kind, object: object, location: location)
        switch kind {
        case "Role":
            if let role = reader.role() { roles.append(role) }
        case "ClusterRole":
            if let role = reader.clusterRole() { clusterRoles.append(role) }
        case "RoleBinding":
            if let binding = reader.roleBinding() { roleBindings.append(binding) }
        default:
            if let binding = reader.clusterRoleBinding() { clusterRoleBindings.append(binding) }
        }
        diagnostics += reader.diagnostics
    }
}

/// Reads one RBAC object, collecting diagnostics that name the object and the field.
private struct ObjectReader {
    let kind: String
    let object: JSONValue
    let location: SourceLocation?
    var diagnostics: [Diagnostic] = []
    let name: String

    init(kind: String, object: JSONValue, location: SourceLocation?) {
        self.kind = kind
        self.object = object
        self.location = location
        self.name = object["metadata"]?["name"]?.stringValue ?? ""
    }

    mutating func report(_ severity: Diagnostic.Severity, _ field: String, _ message: String) {
        let subject = name.isEmpty ? kind : "\(kind) \"\(name)\""
        diagnostics.append(
            Diagnostic(
                severity, "\(subject): \(field): \(message)", location: location,
                context: ["kind": kind, "name": name, "field": field]))
    }

    mutating func requireName() -> Bool {
        if name.isEmpty {
            report(.error, "metadata.name", "a name is required; the object is ignored")
            return false
        }
        return true
    }

    mutating func namespace() -> String? {
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        if namespace.isEmpty {
            report(
                .error, "metadata.namespace",
                "a \(kind) is namespaced; set metadata.namespace (the object is ignored)")
            return nil
        }
        return namespace
    }

    mutating func strings(_ value: JSONValue?, field: String) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else {
            report(.error, field, "expected a list of strings, got \(value.typeName)")
            return []
        }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            if let s = item.stringValue {
                result.append(s)
            } else {
                report(.error, "\(field)[\(i)]", "expected a string, got \(item.typeName)")
            }
        }
        return result
    }

    mutating func rules(namespaced: Bool) -> [PolicyRule] {
        guard let value = object["rules"], !value.isNull else { return [] }
        guard case .array(let items) = value else {
            report(.error, "rules", "expected a list, got \(value.typeName)")
            return []
        }
        var rules: [PolicyRule] = []
        for (i, item) in items.enumerated() {
            let at = "rules[\(i)]"
            guard case .object = item else {
                report(.error, at, "expected an object, got \(item.typeName)")
                continue
            }
            let rule = PolicyRule(
                verbs: strings(item["verbs"], field: "\(at).verbs"),
                apiGroups: strings(item["apiGroups"], field: "\(at).apiGroups"),
                resources: strings(item["resources"], field: "\(at).resources"),
                resourceNames: strings(item["resourceNames"], field: "\(at).resourceNames"),
                nonResourceURLs: strings(item["nonResourceURLs"], field: "\(at).nonResourceURLs"))
            // pkg/apis/rbac/validation ValidatePolicyRule: the API server would refuse these.
            if rule.verbs.isEmpty { report(.warning, "\(at).verbs", "verbs must contain at least one value") }
            if !rule.nonResourceURLs.isEmpty {
                if namespaced {
                    report(.warning, "\(at).nonResourceURLs", "namespaced rules cannot apply to non-resource URLs")
                }
                if !rule.apiGroups.isEmpty || !rule.resources.isEmpty || !rule.resourceNames.isEmpty {
                    report(
                        .warning, "\(at).nonResourceURLs",
                        "rules cannot apply to both regular resources and non-resource URLs")
                }
            } else {
                if rule.apiGroups.isEmpty {
                    report(.warning, "\(at).apiGroups", "resource rules must supply at least one api group")
                }
                if rule.resources.isEmpty {
                    report(.warning, "\(at).resources", "resource rules must supply at least one resource")
                }
            }
            rules.append(rule)
        }
        return rules
    }

    mutating func subjects(clusterScoped: Bool) -> [Subject] {
        guard let value = object["subjects"], !value.isNull else { return [] }
        guard case .array(let items) = value else {
            report(.error, "subjects", "expected a list, got \(value.typeName)")
            return []
        }
        var subjects: [Subject] = []
        for (i, item) in items.enumerated() {
            let at = "subjects[\(i)]"
            let kindText = item["kind"]?.stringValue ?? ""
            let name = item["name"]?.stringValue ?? ""
            guard let kind = Subject.Kind(rawValue: kindText) else {
                report(
                    .error, "\(at).kind",
                    "unsupported subject kind \"\(kindText)\" (must be User, Group or ServiceAccount);"
                        + " the subject is ignored")
                continue
            }
            guard !name.isEmpty else {
                report(.error, "\(at).name", "a name is required; the subject is ignored")
                continue
            }
            let namespace = item["namespace"]?.stringValue ?? ""
            let apiGroup = item["apiGroup"]?.stringValue ?? ""
            switch kind {
            case .serviceAccount:
                if !apiGroup.isEmpty {
                    report(.warning, "\(at).apiGroup", "must be empty for a ServiceAccount, not \"\(apiGroup)\"")
                }
                if clusterScoped && namespace.isEmpty {
                    report(
                        .warning, "\(at).namespace",
                        "a ServiceAccount subject of a ClusterRoleBinding needs a namespace; it matches nobody")
                }
            case .user, .group:
                if apiGroup != "rbac.authorization.k8s.io" && !apiGroup.isEmpty {
                    report(.warning, "\(at).apiGroup", "must be rbac.authorization.k8s.io, not \"\(apiGroup)\"")
                }
            }
            subjects.append(Subject(kind: kind, name: name, namespace: namespace))
        }
        return subjects
    }

    mutating func roleRef(clusterScoped: Bool) -> RoleRef? {
        guard let value = object["roleRef"], case .object = value else {
            report(.error, "roleRef", "a roleRef is required; the binding is ignored")
            return nil
        }
        let kind = value["kind"]?.stringValue ?? ""
        let name = value["name"]?.stringValue ?? ""
        guard !name.isEmpty else {
            report(.error, "roleRef.name", "a name is required; the binding is ignored")
            return nil
        }
        if clusterScoped && kind != "ClusterRole" {
            report(.error, "roleRef.kind", "a ClusterRoleBinding must refer to a ClusterRole, not \"\(kind)\"")
        } else if kind != "Role" && kind != "ClusterRole" {
            report(.error, "roleRef.kind", "must be Role or ClusterRole, not \"\(kind)\"")
        }
        return RoleRef(kind: kind, name: name)
    }

    mutating func role() -> Role? {
        guard requireName(), let namespace = namespace() else { return nil }
        return Role(name: name, namespace: namespace, rules: rules(namespaced: true))
    }

    mutating func clusterRole() -> ClusterRole? {
        guard requireName() else { return nil }
        let rules = rules(namespaced: false)
        var selectors: [LabelSelector]?
        if let aggregation = object["aggregationRule"], !aggregation.isNull {
            selectors = []
            let items = aggregation["clusterRoleSelectors"]?.arrayValue ?? []
            for (i, item) in items.enumerated() {
                let (selector, problems) = LabelSelector.parse(
                    item, field: "aggregationRule.clusterRoleSelectors[\(i)]")
                for problem in problems {
                    diagnostics.append(
                        Diagnostic(
                            .error, "ClusterRole \"\(name)\": \(problem.message); the selector matches nothing",
                            location: location,
                            context: [
                                "kind": kind, "name": name, "field": "aggregationRule.clusterRoleSelectors[\(i)]",
                            ]))
                }
                if let selector { selectors?.append(selector) }
            }
        }
        return ClusterRole(
            name: name, labels: LabelSelector.labels(of: object), rules: rules,
            aggregationSelectors: selectors)
    }

    mutating func roleBinding() -> RoleBinding? {
        guard requireName(), let namespace = namespace() else { return nil }
        let subjects = subjects(clusterScoped: false)
        guard let ref = roleRef(clusterScoped: false) else { return nil }
        return RoleBinding(name: name, namespace: namespace, subjects: subjects, roleRef: ref)
    }

    mutating func clusterRoleBinding() -> ClusterRoleBinding? {
        guard requireName() else { return nil }
        let subjects = subjects(clusterScoped: true)
        guard let ref = roleRef(clusterScoped: true) else { return nil }
        return ClusterRoleBinding(name: name, subjects: subjects, roleRef: ref)
    }
}
