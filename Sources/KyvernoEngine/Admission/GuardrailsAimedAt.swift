import GuardrailCore

/// A validate rule whose `match` or `exclude` picks out a caller by who they are (`subjects`, `roles`,
/// `clusterRoles`) rather than by what they touch — what `whoami` lists as "guardrails aimed at you".
public struct AimedRule: Sendable, Hashable {
    /// Whether the rule's `match` selects the caller, or its `exclude` exempts the caller.
    public enum Relation: String, Sendable, Hashable {
        case matches, excludes
    }

    /// The policy the rule belongs to.
    public var policy: PolicyReference
    /// The rule name.
    public var rule: String
    /// `Enforce` or `Audit`: the action a failure of the rule takes (Kyverno `failureActionForRule`,
    /// without namespace-specific overrides).
    public var action: String
    /// Whether some `failureActionOverrides` change the action in particular namespaces.
    public var actionOverridden: Bool
    /// One line: the rule's `validate.message`, or what it denies summarised from its body.
    public var summary: String
    /// Whether the rule targets or exempts the caller.
    public var relation: Relation
    /// How it selects the caller, e.g. `subjects: Group system:masters` or
    /// `clusterRoles: cluster-admin via ClusterRoleBinding 'admins' (subject Group ops)`.
    public var selectedBy: [MatchEvidence]
    /// For `excludes`: the resources the exemption is limited to (`kinds Pod`), empty when it is total.
    public var scope: String
}

/// The answer of ``GuardrailsAimedAt/find(in:user:)``.
public struct AimedRules: Sendable, Hashable {
    /// Rules that select (or exempt) the caller by identity, in policy evaluation order.
    public var rules: [AimedRule]
    /// The caller's roles and clusterRoles as Kyverno computes them (RoleBindings to ClusterRoles in any
    /// namespace included, since some request namespace makes them count).
    public var roles: KyvernoRoles
    /// When the Kyverno ConfigMap excludes the caller (`excludeUsernames`, `excludeGroups`, …): Kyverno's
    /// reason; then no policy applies to the caller at all.
    public var callerExclusion: String?
}

/// "Which Kyverno rules are aimed at me?" — the rules whose `match`/`exclude` select an identity through
/// its user information. Rules that match everyone (no `subjects`/`roles`/`clusterRoles`) are not aimed at
/// anyone and are left out: `can-i` answers for those, per request.
///
/// Matching reuses the engine's own filter matching (Kyverno pkg/utils/match `CheckSubjects`, and the
/// `roles`/`clusterRoles` check of pkg/engine/utils/match.go `doesResourceMatchConditionBlock`) on the
/// user-information part of each filter, with the roles computed as Kyverno's pkg/userinfo/roleRef.go
/// `GetRoleRef` does.
///
/// ```swift
/// let state = ClusterState.load(documents: policies + bindings)
/// for rule in GuardrailsAimedAt.find(in: state, user: user).rules { print(rule.policy, rule.rule, rule.action) }
/// ```
public enum GuardrailsAimedAt {
    /// The rules aimed at `user`. RoleBindings to a ClusterRole count in every namespace (the rule then
    /// selects the caller only for requests in that namespace; the evidence names the binding).
    public static func find(in state: ClusterState, user: UserInfo) -> AimedRules {
        let roles = roles(for: user, bindings: state.bindings)
        let exclusion = state.configuration.exclusion(
            username: user.username, groups: user.groups, roles: roles.roles, clusterRoles: roles.clusterRoles)
        var found: [AimedRule] = []
        for policy in state.policies {
            for rule in policy.rules where rule.type == .validate {
                if let aimed = aimedRule(rule, policy: policy, user: user, roles: roles) { found.append(aimed) }
            }
        }
        return AimedRules(rules: found, roles: roles, callerExclusion: exclusion)
    }

    /// Kyverno's roles for the cluster-wide view, plus ClusterRoles granted by RoleBindings in any namespace.
    static func roles(for user: UserInfo, bindings index: RoleBindingIndex) -> KyvernoRoles {
        var merged = index.roles(for: user, requestNamespace: "")
        var clusterRoles = Set(merged.clusterRoles)
        let namespaces = Set(index.bindings.filter { $0.kind == "RoleBinding" && $0.roleKind == "ClusterRole" }
            .map(\.namespace))
        for namespace in namespaces.sorted() {
            let inNamespace = index.roles(for: user, requestNamespace: namespace)
            for grant in inNamespace.grants where grant.isClusterRole && grant.binding.hasPrefix("RoleBinding ") {
                merged.grants.append(grant)
                clusterRoles.insert(grant.role)
            }
        }
        merged.clusterRoles = clusterRoles.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return merged
    }

    static func aimedRule(_ rule: PolicyRule, policy: KyvernoPolicy, user: UserInfo, roles: KyvernoRoles)
        -> AimedRule?
    {
        let (enforce, _) = FailureActionResolution.blockDecisionEnforces(
            policy: policy, rule: rule, resourceNamespace: "", namespaceLabels: [:])
        let overridden = !(rule.validate?.failureActionOverrides.isEmpty ?? true)
            || !policy.validationFailureActionOverrides.isEmpty
        var aimed = AimedRule(
            policy: policy.reference, rule: rule.name, action: enforce ? "Enforce" : "Audit",
            actionOverridden: overridden, summary: summary(of: rule), relation: .matches, selectedBy: [], scope: "")
        // An exemption says more than a match: a rule that targets you but exempts you does not apply.
        if let exclude = rule.exclude, let (evidence, filter) = selection(exclude, user: user, roles: roles,
                                                                          isExclude: true) {
            aimed.relation = .excludes
            aimed.selectedBy = evidence
            aimed.scope = filter.map { resourceScope($0.resources) } ?? ""
            return aimed
        }
        guard let (evidence, _) = selection(rule.match, user: user, roles: roles, isExclude: false) else { return nil }
        aimed.selectedBy = evidence
        return aimed
    }

    /// Whether the user-information part of `block` selects the caller: for `any`, some filter with
    /// user criteria matches; for `all` (and the legacy form), every filter's user criteria match and at
    /// least one filter has some. Returns the evidence and, for `any`, the filter that selected.
    static func selection(_ block: MatchResources, user: UserInfo, roles: KyvernoRoles, isExclude: Bool)
        -> ([MatchEvidence], ResourceFilter?)?
    {
        let target = MatchTarget(
            gvk: GroupVersionKind(group: "", version: "", kind: ""), subresource: "", operation: "", name: nil,
            namespace: "", labels: nil, annotations: nil, namespaceLabels: nil, user: user, roles: roles)
        func userPart(_ filter: ResourceFilter) -> [MatchEvidence]? {
            let identityOnly = ResourceFilter(subjects: filter.subjects, roles: filter.roles,
                                              clusterRoles: filter.clusterRoles)
            if case .matched(let evidence) = ResourceMatcher.matchFilter(identityOnly, target: target,
                                                                         isExclude: isExclude) {
                return evidence
            }
            return nil
        }
        if !block.any.isEmpty {
            for filter in block.any where !filter.userInfoIsEmpty {
                if let evidence = userPart(filter) { return (evidence, filter) }
            }
            return nil
        }
        let filters = block.all.isEmpty ? [block.legacy] : block.all
        let withCriteria = filters.filter { !$0.userInfoIsEmpty }
        guard !withCriteria.isEmpty else { return nil }
        var evidence: [MatchEvidence] = []
        for filter in withCriteria {
            guard let found = userPart(filter) else { return nil }
            evidence += found
        }
        let merged = filters.reduce(into: ResourceDescription()) { all, filter in
            all.kinds += filter.resources.kinds
            all.namespaces += filter.resources.namespaces
            all.operations += filter.resources.operations
            all.names += filter.resources.names
        }
        return (evidence, ResourceFilter(resources: merged))
    }

    // MARK: - Summaries

    /// One line saying what the rule stops: its message (first line), else a summary of its body.
    static func summary(of rule: PolicyRule) -> String {
        let scope = resourceScope(of: rule.match)
        guard let validate = rule.validate else { return "validates " + scope }
        let message = firstLine(validate.message)
        if !message.isEmpty { return message }
        if let deny = validate.deny {
            guard let conditions = deny, !conditionsAreEmpty(conditions) else { return "denies \(scope) outright" }
            return "denies \(scope) when " + describe(conditions)
        }
        if validate.pattern != nil || validate.anyPattern != nil { return "requires \(scope) to match a pattern" }
        if let body = validate.unsupportedBodies.first { return "validates \(scope) (\(body))" }
        return "validates " + scope
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        return line.trimmingSpaces()
    }

    /// `DELETE Namespace` or `Pod, Deployment in prod` — what the match block covers.
    static func resourceScope(of block: MatchResources) -> String {
        let filters = block.effectiveFilters
        var merged = ResourceDescription()
        for filter in filters {
            merged.kinds += filter.resources.kinds.filter { !merged.kinds.contains($0) }
            merged.operations += filter.resources.operations.filter { !merged.operations.contains($0) }
            merged.namespaces += filter.resources.namespaces.filter { !merged.namespaces.contains($0) }
        }
        let text = resourceScope(merged)
        return text.isEmpty ? "any request" : text
    }

    /// `CREATE, UPDATE Pod in prod` for a resource description; empty when it names nothing.
    static func resourceScope(_ resources: ResourceDescription) -> String {
        var parts: [String] = []
        if !resources.operations.isEmpty { parts.append(resources.operations.joined(separator: ", ")) }
        let kinds = resources.kinds.map { kind in
            // `apps/v1/Deployment` → `Deployment`; keep subresources (`Pod/exec`).
            kind.split(separator: "/").count >= 2 && kind.first?.isLowercase == true
                ? String(kind.split(separator: "/").last ?? "") : kind
        }
        parts.append(kinds.isEmpty ? (parts.isEmpty ? "" : "requests") : kinds.joined(separator: ", "))
        var text = parts.filter { !$0.isEmpty }.joined(separator: " ")
        if !resources.namespaces.isEmpty {
            text += (text.isEmpty ? "" : " ") + "in " + resources.namespaces.joined(separator: ", ")
        }
        return text
    }

    static func conditionsAreEmpty(_ block: ConditionBlock) -> Bool {
        (block.any ?? []).isEmpty && (block.all ?? []).isEmpty
    }

    /// `request.operation Equals DELETE and …` (all) / `… or …` (any), values shortened.
    static func describe(_ block: ConditionBlock) -> String {
        func one(_ condition: Condition) -> String {
            if !condition.message.isEmpty { return firstLine(condition.message) }
            return "\(short(condition.key)) \(condition.operator) \(short(condition.value))"
        }
        var parts: [String] = []
        if let all = block.all, !all.isEmpty { parts.append(all.map(one).joined(separator: " and ")) }
        if let any = block.any, !any.isEmpty {
            let text = any.map(one).joined(separator: " or ")
            parts.append(parts.isEmpty || any.count == 1 ? text : "(\(text))")
        }
        let text = parts.joined(separator: " and ")
        return text.count > 160 ? String(text.prefix(159)) + "…" : text
    }

    /// A condition operand in one short line: strings without quotes or `{{ }}`, others as compact JSON.
    static func short(_ value: JSONValue) -> String {
        var text: String
        if let string = value.stringValue {
            text = string.trimmingSpaces()
            if text.hasPrefix("{{"), text.hasSuffix("}}"), text.count >= 4 {
                text = String(text.dropFirst(2).dropLast(2)).trimmingSpaces()
            }
        } else {
            text = value.description
        }
        text = firstLine(text)
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
