import GuardrailCore

/// The reads `whoami --explain` makes on the caller's behalf, each with the API path and what to call
/// it when it fails. Shares paths with ``ClusterRead`` (can-i reads the same bindings and policies).
enum IdentityRead: Hashable, Sendable, CaseIterable {
    case clusterRoleBindings, roleBindings, clusterRoles, roles
    case serviceAccount, pods
    case awsAuth
    /// A SelfSubjectAccessReview (`list pods` in the kubeconfig namespace) whose reason may begin with
    /// `EKS Access Policy:` — proof that an access entry with access policies exists for the principal.
    case accessPolicyProbe
    case clusterPolicies, policies, kyvernoConfigMap

    /// Whether the read is a list (its answer is the items) rather than one object.
    var isList: Bool {
        self != .serviceAccount && self != .awsAuth && self != .kyvernoConfigMap && self != .accessPolicyProbe
    }

    /// The API path; `serviceAccount` is `(namespace, name)` of a service-account caller.
    func path(serviceAccount: (namespace: String, name: String)?) -> String? {
        switch self {
        case .clusterRoleBindings: return ClusterRead.clusterRoleBindings.path(namespace: "")
        case .roleBindings: return ClusterRead.roleBindings.path(namespace: "")
        case .clusterRoles: return "/apis/rbac.authorization.k8s.io/v1/clusterroles"
        case .roles: return "/apis/rbac.authorization.k8s.io/v1/roles"
        case .serviceAccount:
            return serviceAccount.map { "/api/v1/namespaces/\($0.namespace)/serviceaccounts/\($0.name)" }
        case .pods: return serviceAccount.map { "/api/v1/namespaces/\($0.namespace)/pods" }
        case .awsAuth: return "/api/v1/namespaces/kube-system/configmaps/aws-auth"
        case .accessPolicyProbe: return "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        case .clusterPolicies: return ClusterRead.clusterPolicies.path(namespace: "")
        // Every namespace: a Policy in any namespace may name the caller.
        case .policies: return "/apis/kyverno.io/v1/policies"
        case .kyvernoConfigMap: return ClusterRead.kyvernoConfigMap.path(namespace: "")
        }
    }

    /// `(verb, resource, namespace)` in the words of `kubectl auth can-i`, for "you may not …" messages.
    func permission(serviceAccount: (namespace: String, name: String)?) -> (String, String, String?) {
        switch self {
        case .clusterRoleBindings: return ("list", "clusterrolebindings", nil)
        case .roleBindings: return ("list", "rolebindings", nil)
        case .clusterRoles: return ("list", "clusterroles", nil)
        case .roles: return ("list", "roles", nil)
        case .serviceAccount: return ("get", "serviceaccounts", serviceAccount?.namespace)
        case .pods: return ("list", "pods", serviceAccount?.namespace)
        case .awsAuth: return ("get", "configmaps", "kube-system")
        case .accessPolicyProbe: return ("create", "selfsubjectaccessreviews", nil)
        case .clusterPolicies: return ("list", "clusterpolicies.kyverno.io", nil)
        case .policies: return ("list", "policies.kyverno.io", nil)
        case .kyvernoConfigMap: return ("get", "configmaps", "kyverno")
        }
    }

    /// Lists answer items without `kind`/`apiVersion` for built-in types (kube-apiserver omits them in
    /// typed lists); the engines key on them, so they are put back.
    var itemKind: (apiVersion: String, kind: String)? {
        switch self {
        case .clusterRoleBindings: return ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")
        case .roleBindings: return ("rbac.authorization.k8s.io/v1", "RoleBinding")
        case .clusterRoles: return ("rbac.authorization.k8s.io/v1", "ClusterRole")
        case .roles: return ("rbac.authorization.k8s.io/v1", "Role")
        case .clusterPolicies: return ("kyverno.io/v1", "ClusterPolicy")
        case .policies: return ("kyverno.io/v1", "Policy")
        case .kyvernoConfigMap, .awsAuth: return ("v1", "ConfigMap")
        case .serviceAccount: return ("v1", "ServiceAccount")
        case .accessPolicyProbe: return nil
        case .pods: return ("v1", "Pod")
        }
    }

    /// `item` with `apiVersion` and `kind` set when missing; non-objects are dropped by the callers.
    func stamped(_ item: JSONValue) -> JSONValue {
        guard var object = item.objectValue, let (apiVersion, kind) = itemKind else { return item }
        if object["kind"]?.stringValue?.isEmpty ?? true {
            object["kind"] = .string(kind)
            if object["apiVersion"]?.stringValue?.isEmpty ?? true { object["apiVersion"] = .string(apiVersion) }
        }
        return .object(object)
    }
}
