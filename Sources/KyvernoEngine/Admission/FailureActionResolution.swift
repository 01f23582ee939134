import KyvernoJMESPath

/// Enforce vs Audit for a validate rule. Two independent checks must both say Enforce for a failure to
/// block (see the truth table in the Kyverno semantics notes, §1.3):
///
/// (A) the policy cache pre-filter (Kyverno pkg/policycache/cache.go `checkValidationFailureActionOverrides`)
///     decides whether the rule is evaluated on the enforce path at all;
/// (B) the block decision (pkg/engine/api/engineresponse.go `HasEnforcedFailure` → `failureActionForRule`)
///     decides whether a failing rule on that path blocks.
enum FailureActionResolution {
    /// Kyverno `ValidationFailureAction.Enforce()`: only the exact strings `Enforce` and `enforce`.
    static func isEnforce(_ action: String) -> Bool { action == "Enforce" || action == "enforce" }

    /// (A): rule action is `validate.failureAction` else `spec.validationFailureAction`; overrides are the
    /// rule's if non-empty, else the spec's; the first override that matches decides. A namespace entry
    /// matches by wildcard on the request namespace name (a co-present selector is ignored); a selector-only
    /// override matches on the namespace labels. `namespaceLabels` is `nil` for cluster-scoped requests.
    /// The explanation is a closure: it is only shown when (A) and (B) disagree, and building it for every
    /// rule of every request was a measurable part of evaluating a thousand policies.
    static func cacheKeepsRule(
        policy: KyvernoPolicy, rule: PolicyRule, requestNamespace: String,
        namespaceLabels: [String: String]?
    ) -> (Bool, () -> String) {
        let ruleAction = rule.validate?.failureAction
        let action = ruleAction ?? policy.validationFailureAction
        let ruleOverrides = rule.validate?.failureActionOverrides ?? []
        let useRule = !ruleOverrides.isEmpty
        let overrides = useRule ? ruleOverrides : policy.validationFailureActionOverrides
        let field = useRule ? "validate.failureActionOverrides" : "spec.validationFailureActionOverrides"
        let hasNamespace = namespaceLabels != nil
        for (i, o) in overrides.enumerated() {
            if (o.namespaces ?? []).isEmpty && o.namespaceSelector == nil {
                return (isEnforce(o.action), { "\(field)[\(i)] (all namespaces): \(o.action)" })
            }
            if hasNamespace, let hit = (o.namespaces ?? []).first(where: { Wildcard.match($0, requestNamespace) }) {
                return (isEnforce(o.action), { "\(field)[\(i)] (namespaces \(hit)): \(o.action)" })
            }
            if let labels = namespaceLabels, let selector = o.namespaceSelector, selector.matches(labels) {
                return (isEnforce(o.action), { "\(field)[\(i)] (namespaceSelector \(selector.summary)): \(o.action)" })
            }
        }
        let source = ruleAction != nil ? "validate.failureAction" : "spec.validationFailureAction"
        return (isEnforce(action), { "\(source): \(action.isEmpty ? "Audit (default)" : action)" })
    }

    /// (B): the rule's first matching `failureActionOverrides`, else its `failureAction`, else the first
    /// matching spec override, else `spec.validationFailureAction`. Overrides with an action other than
    /// audit/enforce/Audit/Enforce are skipped; namespaces (when set) must match the resource namespace and
    /// a co-present selector must match too.
    static func blockDecisionEnforces(
        policy: KyvernoPolicy, rule: PolicyRule, resourceNamespace: String,
        namespaceLabels: [String: String]
    ) -> (Bool, String) {
        func matching(_ overrides: [FailureActionOverride], field: String) -> (Bool, String)? {
            for (i, o) in overrides.enumerated() {
                guard ["audit", "enforce", "Audit", "Enforce"].contains(o.action) else { continue }
                if o.namespaces == nil {
                    if let selector = o.namespaceSelector {
                        if selector.matches(namespaceLabels) {
                            return (isEnforce(o.action), "\(field)[\(i)] (namespaceSelector): \(o.action)")
                        }
                        continue
                    }
                    return (isEnforce(o.action), "\(field)[\(i)] (all namespaces): \(o.action)")
                }
                guard (o.namespaces ?? []).contains(where: { Wildcard.match($0, resourceNamespace) }) else { continue }
                if let selector = o.namespaceSelector, !selector.matches(namespaceLabels) { continue }
                return (isEnforce(o.action), "\(field)[\(i)] (namespaces): \(o.action)")
            }
            return nil
        }
        if let validate = rule.validate {
            if let hit = matching(validate.failureActionOverrides, field: "validate.failureActionOverrides") {
                return hit
            }
            if let action = validate.failureAction { return (isEnforce(action), "validate.failureAction: " + action) }
        }
        if let hit = matching(policy.validationFailureActionOverrides, field: "spec.validationFailureActionOverrides") {
            return hit
        }
        // Concatenation rather than interpolation: this runs for every rule, and an interpolation's buffer,
        // sized for the literal, had to grow for the action.
        let action = policy.validationFailureAction
        return (isEnforce(action), "spec.validationFailureAction: " + (action.isEmpty ? "Audit (default)" : action))
    }
}
