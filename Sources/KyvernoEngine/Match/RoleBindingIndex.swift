import GuardrailCore

/// A RoleBinding or ClusterRoleBinding, reduced to what Kyverno's role computation reads.
public struct KyvernoBinding: Sendable, Hashable {
    /// `RoleBinding` or `ClusterRoleBinding`.
    public var kind: String
    /// Empty for a ClusterRoleBinding.
    public var namespace: String
    /// The binding name.
    public var name: String
    /// `roleRef.kind`: `Role` or `ClusterRole`.
    public var roleKind: String
    /// `roleRef.name`.
    public var roleName: String
    /// The binding subjects.
    public var subjects: [Subject]

    public init(
        kind: String, namespace: String = "", name: String, roleKind: String, roleName: String,
        subjects: [Subject]
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.roleKind = roleKind
        self.roleName = roleName
        self.subjects = subjects
    }

    /// Reads a `rbac.authorization.k8s.io/v1` RoleBinding / ClusterRoleBinding document.
    public init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue, kind == "RoleBinding" || kind == "ClusterRoleBinding" else {
            return nil
        }
        self.kind = kind
        namespace = kind == "RoleBinding" ? (json[path: "metadata", "namespace"]?.stringValue ?? "") : ""
        name = json[path: "metadata", "name"]?.stringValue ?? ""
        roleKind = json[path: "roleRef", "kind"]?.stringValue ?? ""
        roleName = json[path: "roleRef", "name"]?.stringValue ?? ""
        subjects = (json["subjects"]?.arrayValue ?? []).map {
            Subject(
                kind: $0["kind"]?.stringValue ?? "", name: $0["name"]?.stringValue ?? "",
                namespace: $0["namespace"]?.stringValue ?? "")
        }
    }

    /// `RoleBinding 'ns/name'` or `ClusterRoleBinding 'name'`.
    public var label: String {
        kind == "RoleBinding" ? "RoleBinding '\(namespace)/\(name)'" : "ClusterRoleBinding '\(name)'"
    }
}

/// Why the caller has a role: the binding that granted it and the subject in it that matched.
public struct RoleGrant: Sendable, Hashable {
    /// `ns:role` for roles, the ClusterRole name for clusterRoles.
    public var role: String
    /// Whether `role` is a ClusterRole name.
    public var isClusterRole: Bool
    /// `RoleBinding 'ns/name'` / `ClusterRoleBinding 'name'`.
    public var binding: String
    /// The binding subject that matched the caller.
    public var subject: Subject
}

/// The caller's `roles` and `clusterRoles` as Kyverno computes them, with where each came from.
public struct KyvernoRoles: Sendable, Hashable {
    /// Sorted, unique `namespace:role` entries.
    public var roles: [String]
    /// Sorted, unique ClusterRole names.
    public var clusterRoles: [String]
    /// Every binding that contributed, in binding order.
    public var grants: [RoleGrant]

    /// The bindings that granted `role` (a `ns:role` when `cluster` is false).
    public func sources(of role: String, cluster: Bool) -> [RoleGrant] {
        grants.filter { $0.role == role && $0.isClusterRole == cluster }
    }
}

/// All bindings, indexed by the subjects they name so that computing a caller's roles does not scan
/// every binding (the lookup is the same as Kyverno's scan, only faster).
public struct RoleBindingIndex: Sendable {
    /// All bindings, in input order.
    public private(set) var bindings: [KyvernoBinding]
    private var byUser: [String: [Int]] = [:]
    private var byGroup: [String: [Int]] = [:]
    /// Service-account subjects, keyed by `ns:name` (namespace defaulted to the binding's for RoleBindings).
    private var byServiceAccount: [String: [Int]] = [:]

    public init(_ bindings: [KyvernoBinding]) {
        self.bindings = bindings
        for (i, binding) in bindings.enumerated() {
            for subject in binding.subjects {
                switch subject.kind {
                case "User": byUser[subject.name, default: []].append(i)
                case "Group": byGroup[subject.name, default: []].append(i)
                case "ServiceAccount":
                    // Kyverno pkg/userinfo/roleRef.go `matchBindingSubjects`: an SA subject without namespace
                    // inherits the RoleBinding's namespace; in a ClusterRoleBinding it never matches.
                    let ns = subject.namespace.isEmpty ? binding.namespace : subject.namespace
                    if !ns.isEmpty { byServiceAccount["\(ns):\(subject.name)", default: []].append(i) }
                default: break
                }
            }
        }
    }

    /// Kyverno pkg/userinfo/roleRef.go `GetRoleRef`: exact subject matching (no wildcards);
    /// RoleBinding→Role counts in every namespace (`ns:role`); RoleBinding→ClusterRole counts only when the
    /// binding is in the request namespace; ClusterRoleBinding→ClusterRole always. Aggregation is not
    /// expanded and the role objects need not exist.
    public func roles(for user: UserInfo, requestNamespace: String) -> KyvernoRoles {
        var hits: [(Int, Subject)] = []
        func add(_ indices: [Int]?, _ subject: Subject) {
            for i in indices ?? [] { hits.append((i, subject)) }
        }
        add(byUser[user.username], Subject(kind: "User", name: user.username))
        for group in user.groups { add(byGroup[group], Subject(kind: "Group", name: group)) }
        if user.username.hasPrefix("system:serviceaccount:") {
            let rest = String(user.username.dropFirst("system:serviceaccount:".count))
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2 {
                add(
                    byServiceAccount[rest],
                    Subject(
                        kind: "ServiceAccount", name: String(parts[1]),
                        namespace: String(parts[0])))
            }
        }
        hits.sort { $0.0 < $1.0 }
        var roles = Set<String>(), clusterRoles = Set<String>()
        var grants: [RoleGrant] = []
        // Sorted, so a binding found through several subjects is adjacent: keep its first hit. (A Set<Int>
        // did the same, and its first use cost a quarter million instructions of runtime type lookup.)
        var previous = -1
        for (i, subject) in hits where i != previous {
            previous = i
            let b = bindings[i]
            if b.kind == "RoleBinding" {
                if b.roleKind == "Role" {
                    let role = "\(b.namespace):\(b.roleName)"
                    roles.insert(role)
                    grants.append(RoleGrant(role: role, isClusterRole: false, binding: b.label, subject: subject))
                } else if b.roleKind == "ClusterRole" && b.namespace == requestNamespace {
                    clusterRoles.insert(b.roleName)
                    grants.append(
                        RoleGrant(
                            role: b.roleName, isClusterRole: true, binding: b.label,
                            subject: subject))
                }
            } else if b.roleKind == "ClusterRole" {
                clusterRoles.insert(b.roleName)
                grants.append(RoleGrant(role: b.roleName, isClusterRole: true, binding: b.label, subject: subject))
            }
        }
        let byteOrder: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return KyvernoRoles(
            roles: roles.sorted(by: byteOrder), clusterRoles: clusterRoles.sorted(by: byteOrder),
            grants: grants)
    }
}
