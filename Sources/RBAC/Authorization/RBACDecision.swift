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

/// A binding, named the way kube-apiserver names it in reasons.
public struct BindingReference: Sendable, Hashable {
    /// `ClusterRoleBinding` or `RoleBinding`.
    public enum Kind: String, Sendable, Hashable {
        case clusterRoleBinding = "ClusterRoleBinding"
        case roleBinding = "RoleBinding"
    }

    public var kind: Kind
    public var name: String
    /// The RoleBinding's namespace; `""` for ClusterRoleBindings.
    public var namespace: String
    public var roleRef: RoleRef

    /// kube-apiserver's describer for `subject`: `ClusterRoleBinding "x" of ClusterRole "y" to User "z"`
    /// or `RoleBinding "b/ns" of Role "r" to ServiceAccount "sa/ns"`.
    public func describe(subject: Subject) -> String {
        switch kind {
        case .clusterRoleBinding:
            return "ClusterRoleBinding \(goQuote(name)) of \(roleRef.kind) \(goQuote(roleRef.name)) to "
                + subject.describe(bindingNamespace: "")
        case .roleBinding:
            return "RoleBinding \(goQuote(name + "/" + namespace)) of \(roleRef.kind) \(goQuote(roleRef.name)) to "
                + subject.describe(bindingNamespace: namespace)
        }
    }
}

/// The answer to "may this user do this?", shaped like `SubjectAccessReview.status`.
public struct RBACDecision: Sendable, Hashable {
    /// What decided it.
    public enum Source: Sendable, Hashable {
        /// The user is in `system:masters`; kube-apiserver's privileged-group authorizer allows
        /// everything before RBAC runs, with an empty reason.
        case privilegedGroup(String)
        /// An RBAC binding granted it.
        case rbac(RBACGrant)
        /// Nothing allowed it.
        case noOpinion
    }

    /// `status.allowed`.
    public var allowed: Bool
    /// `status.reason`, exactly as kube-apiserver fills it: `RBAC: allowed by …` when RBAC allows,
    /// `""` for `system:masters` and for plain denials, `RBAC: <errors>` when a denial met broken
    /// references (e.g. `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`).
    public var reason: String
    /// What decided it, for explanations beyond the reason string.
    public var source: Source
    /// Bindings that applied to the user but whose role could not be resolved (the errors behind
    /// a `RBAC: …` denial reason), in evaluation order.
    public var resolutionErrors: [String]
}

/// A binding that applies to a user, for `whoami`.
public struct BindingMatch: Sendable, Hashable {
    /// How the binding reaches the user.
    public enum Via: Sendable, Hashable {
        /// A `User` subject with the user's name.
        case user
        /// A `Group` subject naming one of the user's groups.
        case group(String)
        /// A `ServiceAccount` subject that is this service-account user.
        case serviceAccount
    }

    public var binding: BindingReference
    /// The first subject of the binding that applies (as kube-apiserver picks it).
    public var subject: Subject
    public var via: Via
    /// The referenced role's effective rules; empty when the role does not exist.
    public var rules: [PolicyRule]
    /// Why the role could not be resolved, e.g. `clusterrole.rbac.authorization.k8s.io "x" not found`.
    public var resolutionError: String?

    /// `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`.
    public var description: String { binding.describe(subject: subject) }
}

/// The rules a user has in a namespace, like `SelfSubjectRulesReview.status`.
public struct RulesReview: Sendable, Hashable {
    /// Rules with `resources` (in evaluation order, duplicates kept as kube-apiserver keeps them).
    public var resourceRules: [PolicyRule]
    /// Rules with `nonResourceURLs`.
    public var nonResourceRules: [PolicyRule]
    /// Aggregated resolution errors (`status.evaluationError`), `""` when none.
    public var evaluationError: String
}
