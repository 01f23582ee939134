/// The reads `can-i` makes against a cluster besides the SelfSubjectAccessReview, and for each one
/// what a failure weakens. Kyverno's inputs (`kyverno-semantics.md` §8.1): policies, exceptions, its
/// ConfigMap, every RoleBinding and ClusterRoleBinding (Kyverno derives the requester's `roles` and
/// `clusterRoles` from them, `pkg/userinfo/roleRef.go`), and the request namespace's labels.
enum ClusterRead: String, CaseIterable, Sendable, Hashable {
    case clusterPolicies = "clusterpolicies.kyverno.io"
    case policies = "policies.kyverno.io"
    case policyExceptions = "policyexceptions.kyverno.io"
    case kyvernoConfigMap = "configmap kyverno/kyverno"
    case clusterRoleBindings = "clusterrolebindings"
    case roleBindings = "rolebindings"
    case namespace = "namespace"

    /// The API path; `namespace` is the request namespace (`""` for cluster-scoped requests).
    /// `nil` when the read is not needed (Policies and the Namespace of a cluster-scoped request).
    func path(namespace: String) -> String? {
        switch self {
        case .clusterPolicies: return "/apis/kyverno.io/v1/clusterpolicies"
        case .policies: return namespace.isEmpty ? nil : "/apis/kyverno.io/v1/namespaces/\(namespace)/policies"
        case .policyExceptions: return "/apis/kyverno.io/v2/policyexceptions"
        case .kyvernoConfigMap: return "/api/v1/namespaces/kyverno/configmaps/kyverno"
        case .clusterRoleBindings: return "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"
        // All namespaces: a RoleBinding to a Role counts for Kyverno whatever the request namespace.
        case .roleBindings: return "/apis/rbac.authorization.k8s.io/v1/rolebindings"
        case .namespace: return namespace.isEmpty ? nil : "/api/v1/namespaces/\(namespace)"
        }
    }

    /// Whether the read is a paginated list (`limit`/`continue`) rather than one object.
    var isList: Bool { self != .kyvernoConfigMap && self != .namespace }

    /// Whether a 404 simply means "there is none" (no Kyverno ConfigMap: no exclusions; an older Kyverno
    /// without v2 exceptions) rather than a problem.
    var notFoundMeansNone: Bool { self == .kyvernoConfigMap || self == .policyExceptions }

    /// What failing to read it weakens, for the "not checked" list.
    var impact: String {
        switch self {
        case .clusterPolicies: return "no ClusterPolicy was checked, so the guardrails are unknown"
        case .policies: return "no Policy in the namespace was checked, so the guardrails are unknown"
        case .policyExceptions: return "exceptions that exempt you may be missed, so a blocked verdict may be wrong"
        case .kyvernoConfigMap:
            return "Kyverno's global exclusions (users, groups, roles, resourceFilters) may be missed"
        case .clusterRoleBindings: return "rules that match on clusterRoles may be misjudged"
        case .roleBindings: return "rules that match on roles or clusterRoles may be misjudged"
        case .namespace: return "rules with a namespaceSelector may be misjudged"
        }
    }

    /// Whether failing to read it leaves the guardrails unknown (verdict `unknown` unless RBAC says no).
    var guardrailsUnknownWithout: Bool { self == .clusterPolicies || self == .policies }
}
