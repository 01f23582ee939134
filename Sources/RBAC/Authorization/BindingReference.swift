import GuardrailCore

/// A binding, named the way kube-apiserver names it in reasons.
public struct BindingReference: Sendable, Hashable {
    /// `ClusterRoleBinding` or `RoleBinding`.
    public enum Kind: String, Sendable, Hashable {
        case clusterRoleBinding = "ClusterRoleBinding"
        case roleBinding = "RoleBinding"
    }

    /// Which kind of binding.
    public var kind: Kind
    /// `metadata.name`.
    public var name: String
    /// The RoleBinding's namespace; `""` for ClusterRoleBindings.
    public var namespace: String
    /// The binding's `roleRef`.
    public var roleRef: RoleRef

    /// kube-apiserver's describer for `subject`: `ClusterRoleBinding "x" of ClusterRole "y" to User "z"`
    /// or `RoleBinding "b/ns" of Role "r" to ServiceAccount "sa/ns"`.
    public func describe(subject: Subject) -> String {
        switch kind {
        case .clusterRoleBinding:
            return "ClusterRoleBinding \(goQuote(name)) of \(roleRef.kind) \(goQuote(roleRef.name)) to "
                + subject.describe(bindingNamespace: "")
        case .roleBinding:
            return "RoleBinding \(goQuote(name + "/" + namespace)) of \(roleRef.kind) \(goQuote(roleRef.name)) to "
                + subject.describe(bindingNamespace: namespace)
        }
    }
}
