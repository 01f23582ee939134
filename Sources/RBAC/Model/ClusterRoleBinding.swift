/// A `ClusterRoleBinding`.
public struct ClusterRoleBinding: Sendable, Hashable {
    /// `metadata.name`.
    public var name: String
    /// `subjects`.
    public var subjects: [Subject]
    /// `roleRef`: a ClusterRole.
    public var roleRef: RoleRef

    /// A ClusterRoleBinding.
    public init(name: String, subjects: [Subject], roleRef: RoleRef) {
        self.name = name
        self.subjects = subjects
        self.roleRef = roleRef
    }
}
