/// What the clusterrole-aggregation controller (pkg/controller/clusterroleaggregation) writes into
/// ClusterRoles that have an `aggregationRule`: for each selector in order, the rules of every other
/// ClusterRole it selects, in name order, without duplicates — replacing the role's own rules.
///
/// The controller converges over time when aggregated roles select other aggregated roles; here the
/// same fixed point is computed at once (bounded, so a cycle cannot loop forever).
enum ClusterRoleAggregation {
    static func effectiveRules(_ roles: [ClusterRole]) -> [String: [PolicyRule]] {
        let sorted = roles.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var rules: [String: [PolicyRule]] = [:]
        for role in sorted { rules[role.name] = role.rules }
        let aggregated = sorted.filter { $0.aggregationSelectors != nil }
        guard !aggregated.isEmpty else { return rules }
        for _ in 0..<max(2, aggregated.count + 1) {
            var changed = false
            for role in aggregated {
                var combined: [PolicyRule] = []
                for selector in role.aggregationSelectors ?? [] {
                    for source in sorted where source.name != role.name && selector.matches(source.labels) {
                        for rule in rules[source.name] ?? [] where !combined.contains(rule) {
                            combined.append(rule)
                        }
                    }
                }
                if combined != rules[role.name] {
                    rules[role.name] = combined
                    changed = true
                }
            }
            if !changed { break }
        }
        return rules
    }
}
