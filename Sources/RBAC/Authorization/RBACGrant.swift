/// Which binding, role and rule granted a request.
public struct RBACGrant: Sendable, Hashable {
    /// The binding that applies to the user.
    public var binding: BindingReference
    /// The subject of the binding that matched the user (the first one that applies).
    public var subject: Subject
    /// Index of the granting rule in the role's (effective) rules.
    public var ruleIndex: Int
    /// The granting rule.
    public var rule: PolicyRule
}
