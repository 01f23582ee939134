/// A namespaced `Role`.
public struct Role: Sendable, Hashable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`.
    public var namespace: String
    /// `rules`.
    public var rules: [PolicyRule]

    /// A Role.
    public init(name: String, namespace: String, rules: [PolicyRule]) {
        self.name = name
        self.namespace = namespace
        self.rules = rules
    }
}
