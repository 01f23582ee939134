/// A binding's `roleRef`.
public struct RoleRef: Sendable, Hashable {
    /// `Role` or `ClusterRole` (anything else is kept so it can be reported).
    public var kind: String
    /// The role's name.
    public var name: String

    /// A reference to a role.
    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }
}
