import GuardrailCore

/// What the guardrails are evaluated against, gathered from the cluster or from offline files: the
/// same shape either way, so live and offline give the same verdicts for the same objects.
struct GuardrailState: Sendable {
    /// `kyverno.io` ClusterPolicies.
    var clusterPolicies: [JSONValue] = []
    /// `kyverno.io` Policies (live: the request namespace's; offline: all of them).
    var policies: [JSONValue] = []
    /// PolicyExceptions.
    var policyExceptions: [JSONValue] = []
    /// The Kyverno ConfigMap, when there is one.
    var kyvernoConfigMap: JSONValue?
    /// ClusterRoleBindings (Kyverno's `clusterRoles`).
    var clusterRoleBindings: [JSONValue] = []
    /// RoleBindings of every namespace (Kyverno's `roles`, and `clusterRoles` from the request namespace).
    var roleBindings: [JSONValue] = []
    /// Namespace objects by name (labels for namespaceSelectors).
    var namespaces: [String: JSONValue] = [:]
    /// Whether Kyverno is installed at all (live: the cluster serves `kyverno.io`).
    var kyvernoInstalled = true
    /// Reads that failed, and what that weakens.
    var limitations: [Limitation] = []
}

extension GuardrailState {
    /// The state described by offline files.
    init(offline inputs: OfflineInputs) {
        clusterPolicies = inputs.clusterPolicies.map(\.value)
        policies = inputs.policies.map(\.value)
        policyExceptions = inputs.policyExceptions.map(\.value)
        kyvernoConfigMap = inputs.kyvernoConfigMap?.value
        clusterRoleBindings = inputs.clusterRoleBindings.map(\.value)
        roleBindings = inputs.roleBindings.map(\.value)
        for namespace in inputs.namespaces {
            if let name = namespace.value[path: "metadata", "name"]?.stringValue { namespaces[name] = namespace.value }
        }
    }
}
