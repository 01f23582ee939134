/// The rules a user has in a namespace, like `SelfSubjectRulesReview.status`.
public struct RulesReview: Sendable, Hashable {
    /// Rules with `resources` (in evaluation order, duplicates kept as kube-apiserver keeps them).
    public var resourceRules: [PolicyRule]
    /// Rules with `nonResourceURLs`.
    public var nonResourceRules: [PolicyRule]
    /// Aggregated resolution errors (`status.evaluationError`), `""` when none.
    public var evaluationError: String
}
