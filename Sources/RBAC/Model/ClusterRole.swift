import GuardrailCore

/// A `ClusterRole`, possibly aggregated from other ClusterRoles by label.
public struct ClusterRole: Sendable, Hashable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.labels`, which aggregation selectors match.
    public var labels: [String: String]
    /// `rules` as written (see ``aggregationSelectors``).
    public var rules: [PolicyRule]
    /// `aggregationRule.clusterRoleSelectors`; when set, ``rules`` are replaced by the union of the
    /// selected ClusterRoles' rules, as the clusterrole-aggregation controller does.
    public var aggregationSelectors: [LabelSelector]?

    /// A ClusterRole.
    public init(
        name: String, labels: [String: String] = [:], rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil
    ) {
        self.name = name
        self.labels = labels
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
    }
}
