import GuardrailCore

/// One resource the test server serves, as discovery describes it.
public struct APIResource: Sendable, Hashable {
    /// Whether Kubernetes itself serves this resource (core, `apps`, `*.k8s.io`, …) rather than a
    /// CustomResourceDefinition; decides list item shapes, as in kube-apiserver.
    public var isBuiltIn: Bool { group.isEmpty || !group.contains(".") || group.hasSuffix(".k8s.io") }

    /// API group (`""` for core).
    public var group: String
    /// Version, e.g. `v1`.
    public var version: String
    /// Plural resource name, e.g. `clusterpolicies`.
    public var resource: String
    /// Kind, e.g. `ClusterPolicy`.
    public var kind: String
    /// Singular name (lower-case kind by default).
    public var singular: String
    /// Whether the resource lives in namespaces.
    public var namespaced: Bool
    /// Verbs discovery lists.
    public var verbs: [String]
    /// Short names, e.g. `cpol`.
    public var shortNames: [String]
    /// Categories, e.g. `kyverno`.
    public var categories: [String]

    /// Creates a resource description.
    public init(
        group: String, version: String, resource: String, kind: String, singular: String? = nil,
        namespaced: Bool, verbs: [String] = APIResource.standardVerbs, shortNames: [String] = [],
        categories: [String] = []
    ) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
    }

    /// The verbs of ordinary resources.
    public static let standardVerbs = [
        "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
    ]

    /// `group/version`, or `v1` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `resource.group` (or `resource` for core), as apiserver messages name it.
    public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The resources a guardrail test usually needs: core, RBAC, apps, admission, Kyverno, and the
    /// authentication/authorization review APIs (SelfSubjectReview versions are added by the server).
    public static let defaultTable: [APIResource] = [
        APIResource(
            group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false,
            verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], shortNames: ["ns"]),
        APIResource(
            group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true, shortNames: ["po"],
            categories: ["all"]),
        APIResource(
            group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true, shortNames: ["cm"]),
        APIResource(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true),
        APIResource(
            group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true,
            shortNames: ["sa"]),
        APIResource(
            group: "", version: "v1", resource: "services", kind: "Service", namespaced: true, shortNames: ["svc"],
            categories: ["all"]),
        APIResource(group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false, shortNames: ["no"]),
        APIResource(
            group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true,
            shortNames: ["deploy"], categories: ["all"]),
        APIResource(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", kind: "Role", namespaced: true),
        APIResource(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", kind: "RoleBinding",
            namespaced: true),
        APIResource(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", kind: "ClusterRole",
            namespaced: false),
        APIResource(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings",
            kind: "ClusterRoleBinding", namespaced: false),
        APIResource(
            group: "authorization.k8s.io", version: "v1", resource: "selfsubjectaccessreviews",
            kind: "SelfSubjectAccessReview", namespaced: false, verbs: ["create"]),
        APIResource(
            group: "authorization.k8s.io", version: "v1", resource: "selfsubjectrulesreviews",
            kind: "SelfSubjectRulesReview", namespaced: false, verbs: ["create"]),
        APIResource(
            group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicies",
            kind: "ValidatingAdmissionPolicy", namespaced: false),
        APIResource(
            group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicybindings",
            kind: "ValidatingAdmissionPolicyBinding", namespaced: false),
        APIResource(
            group: "kyverno.io", version: "v1", resource: "clusterpolicies", kind: "ClusterPolicy",
            namespaced: false, shortNames: ["cpol"], categories: ["kyverno"]),
        APIResource(
            group: "kyverno.io", version: "v1", resource: "policies", kind: "Policy", namespaced: true,
            shortNames: ["pol"], categories: ["kyverno"]),
        APIResource(
            group: "kyverno.io", version: "v2", resource: "policyexceptions", kind: "PolicyException",
            namespaced: true, shortNames: ["polex"], categories: ["kyverno"]),
    ]
}

/// The resource a request path addresses.
struct ResourcePath: Equatable {
    var group: String
    var version: String
    var namespace: String?
    var resource: String
    var name: String?
    var subresource: String?

    /// Parses `/api/v1/...` and `/apis/G/V/...`; `nil` for anything else (discovery, non-resource URLs).
    init?(_ path: String) {
        var parts = path.split(separator: "/").map(String.init)
        if parts.first == "api", parts.count >= 3 {
            group = ""
            version = parts[1]
            parts.removeFirst(2)
        } else if parts.first == "apis", parts.count >= 4 {
            group = parts[1]
            version = parts[2]
            parts.removeFirst(3)
        } else {
            return nil
        }
        if parts.count >= 3, parts[0] == "namespaces" {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        resource = parts[0]
        name = parts.count >= 2 ? parts[1] : nil
        subresource = parts.count >= 3 ? parts[2...].joined(separator: "/") : nil
    }
}
