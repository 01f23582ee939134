import GuardrailCore

/// The outcome of looking something up in the cluster on the caller's behalf.
public enum Lookup<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Not attempted (offline, not applicable, or not wired yet); the explanation stays silent about it.
    case notLookedUp
    /// Looked up; the value found (possibly empty).
    case found(Value)
    /// Attempted but not possible: `reason` in plain words (e.g. `forbidden: cannot list
    /// clusterrolebindings`), `hint` who or what could answer (e.g. `ask a cluster admin to run …`).
    case unavailable(reason: String, hint: String? = nil)

    /// The usual "not allowed" outcome in the explanation's wording: `forbidden: you may not list
    /// clusterrolebindings`, with a hint naming who can answer instead.
    public static func forbidden(verb: String, resource: String, namespace: String? = nil) -> Lookup {
        let scope = namespace.map { " in namespace \($0)" } ?? ""
        let command = "kubectl get \(resource)" + (namespace.map { " -n \($0)" } ?? " -A")
        return .unavailable(
            reason: "forbidden: you may not \(verb) \(resource)\(scope)",
            hint: "ask someone who may (`kubectl auth can-i \(verb) \(resource)`), e.g. a cluster admin, to run "
                + "`\(command)`")
    }

    /// The value, when found.
    public var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }
}

/// What the caller's own permissions let us read from the cluster: all optional, all plain data.
public struct ClusterFacts: Sendable, Hashable {
    /// The ServiceAccount object (`GET /api/v1/namespaces/NS/serviceaccounts/NAME`) of a service-account
    /// caller.
    public var serviceAccount: Lookup<JSONValue>
    /// Pods that run as that service account (items of `GET …/pods`, filtered or not: pods of other
    /// service accounts are ignored).
    public var pods: Lookup<[JSONValue]>
    /// Bindings whose subjects match the caller (computed by RBAC from the cluster's bindings).
    public var bindings: Lookup<[MatchedBinding]>
    /// Kyverno rules whose match/exclude selects the caller (computed by the Kyverno evaluator).
    public var guardrails: Lookup<[AimedGuardrail]>
    /// `kube-system/aws-auth` (EKS), to confirm or rule out an aws-auth mapping (eks-identity.md §2.4 rule 8).
    public var awsAuth: Lookup<AWSAuthConfigMap>
    /// Whether a SelfSubjectAccessReview `status.reason` began with `EKS Access Policy:` — proof that an
    /// EKS access entry with access policies exists for this principal (eks-identity.md §2.4 rule 7).
    public var sawEKSAccessPolicyReason: Bool?

    /// Facts as looked up; everything defaults to `.notLookedUp`.
    public init(
        serviceAccount: Lookup<JSONValue> = .notLookedUp, pods: Lookup<[JSONValue]> = .notLookedUp,
        bindings: Lookup<[MatchedBinding]> = .notLookedUp, guardrails: Lookup<[AimedGuardrail]> = .notLookedUp,
        awsAuth: Lookup<AWSAuthConfigMap> = .notLookedUp, sawEKSAccessPolicyReason: Bool? = nil
    ) {
        self.serviceAccount = serviceAccount
        self.pods = pods
        self.bindings = bindings
        self.guardrails = guardrails
        self.awsAuth = awsAuth
        self.sawEKSAccessPolicyReason = sawEKSAccessPolicyReason
    }
}

/// A RoleBinding or ClusterRoleBinding with a subject that matches the caller.
public struct MatchedBinding: Sendable, Hashable {
    /// `ClusterRoleBinding` or `RoleBinding`.
    public var kind: String
    /// The binding name.
    public var name: String
    /// The RoleBinding's namespace; `nil` for ClusterRoleBindings.
    public var namespace: String?
    /// `ClusterRole` or `Role`.
    public var roleKind: String
    /// The referenced role name.
    public var roleName: String
    /// The subject that matched: kind `User`, `Group` or `ServiceAccount`, its name and (service
    /// accounts) namespace.
    public var subjectKind: String
    /// The matching subject's name.
    public var subjectName: String
    /// The matching service-account subject's namespace (its binding's when unset in the object).
    public var subjectNamespace: String?
    /// Why the role could not be resolved (e.g. `clusterrole.rbac.authorization.k8s.io "x" not found`):
    /// such a binding grants nothing.
    public var roleProblem: String?

    /// A binding from plain values.
    public init(kind: String, name: String, namespace: String? = nil, roleKind: String, roleName: String,
                subjectKind: String, subjectName: String, subjectNamespace: String? = nil, roleProblem: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.roleKind = roleKind
        self.roleName = roleName
        self.subjectKind = subjectKind
        self.subjectName = subjectName
        self.subjectNamespace = subjectNamespace
        self.roleProblem = roleProblem
    }
}

/// A Kyverno rule aimed at the caller.
public struct AimedGuardrail: Sendable, Hashable {
    /// Whether the rule's `match` selects the caller, or its `exclude` exempts the caller.
    public enum Relation: String, Sendable, Hashable {
        case matches, excludes
    }

    /// `ClusterPolicy` name, or `namespace/name` of a namespaced `Policy`.
    public var policy: String
    /// The rule name within the policy.
    public var rule: String
    /// `Enforce` or `Audit` (the rule's effective validation failure action), or `mutate`/`generate`.
    public var action: String
    /// One line: what the rule denies, e.g. `deleting namespaces labelled protected=true`.
    public var summary: String
    /// Whether the rule targets or exempts the caller.
    public var relation: Relation
    /// How it selects the caller, e.g. `subjects: Group system:masters` or `clusterRoles: cluster-admin`.
    public var selectedBy: String

    /// A guardrail from plain values.
    public init(policy: String, rule: String, action: String, summary: String,
                relation: Relation = .matches, selectedBy: String) {
        self.policy = policy
        self.rule = rule
        self.action = action
        self.summary = summary
        self.relation = relation
        self.selectedBy = selectedBy
    }
}
