/// A namespaced `RoleBinding` (its `roleRef` may name a ClusterRole, granting it in this namespace).
public struct RoleBinding: Sendable, Hashable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`: where the binding grants its role.
    public var namespace: String
    /// `subjects`.
    public var subjects: [Subject]
    /// `roleRef`: a Role in ``namespace`` or a ClusterRole.
    public var roleRef: RoleRef

    /// A RoleBinding.
    public init(name: String, namespace: String, subjects: [Subject], roleRef: RoleRef) {
        self.name = name
        self.namespace = namespace
        self.subjects = subjects
        self.roleRef = roleRef
    }
}
