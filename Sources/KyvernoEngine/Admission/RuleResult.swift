import GuardrailCore

/// What one rule means for the request.
///
/// * `blocks` — the rule fails and its resolved action is Enforce: the request is denied.
/// * `audits` — the rule fails but its action is Audit: the request is admitted and the failure reported.
/// * `error` — the rule could not be evaluated by Kyverno (e.g. a variable is missing). It blocks iff
///   the policy's failure policy is `Fail` and the rule is evaluated on the enforce path (`blocks` tells).
/// * `dependsOnObject` — the outcome needs fields of an object that was not supplied (`fields` names
///   them); `wouldBlock` says whether the rule blocks if those fields make it fail.
/// * `passes` — the rule applies and is satisfied.
/// * `notApplicable` — the rule does not apply: its match failed, an exclude or PolicyException matched,
///   or its preconditions are not met (`reason` says which).
/// * `unsupported` — the rule uses a construct guardrail cannot evaluate offline (CEL, apiCall context,
///   podSecurity, foreach, …); `wouldBlock` says whether it is an Enforce rule that could block.
public enum RuleOutcome: Sendable, Hashable {
    case blocks
    case audits
    case error(blocks: Bool)
    case dependsOnObject(fields: [String], wouldBlock: Bool)
    case passes
    case notApplicable(reason: String)
    case unsupported(construct: String, wouldBlock: Bool)

    /// A short lowercase name: `blocks`, `audits`, `error`, `depends-on-object`, `passes`,
    /// `not-applicable`, `unsupported`.
    public var name: String {
        switch self {
        case .blocks: "blocks"
        case .audits: "audits"
        case .error: "error"
        case .dependsOnObject: "depends-on-object"
        case .passes: "passes"
        case .notApplicable: "not-applicable"
        case .unsupported: "unsupported"
        }
    }
}

/// Kyverno's own rule status (`pkg/engine/api` RuleStatus); `nil` in ``RuleResult`` when Kyverno would
/// produce no response for the rule (not matched).
public enum KyvernoRuleStatus: String, Sendable, Hashable {
    case pass, fail, error, skip, warn
}

/// The Enforce/Audit resolution of a rule and how it was reached.
public struct ActionResolution: Sendable, Hashable {
    /// Whether a failure of this rule blocks (Kyverno `HasEnforcedFailure`).
    public var enforce: Bool
    /// Whether the policy cache keeps the rule on the enforce path (`checkValidationFailureActionOverrides`).
    public var onEnforcePath: Bool
    /// e.g. `validate.failureAction: Enforce`, `spec.validationFailureActionOverrides[0] (namespaces [prod]): Audit`.
    public var explanation: String
}

/// Everything that explains one rule's result.
public struct RuleTrace: Sendable, Hashable {
    /// The match clause that selected the request and why (kinds, namespaces, subjects, roles via bindings).
    public var matchClause: String?
    /// Why the match clause matched.
    public var matchEvidence: [MatchEvidence] = []
    /// The exclude clause that matched, if any.
    public var excludeClause: String?
    /// Why the exclude clause matched.
    public var excludeEvidence: [MatchEvidence] = []
    /// Evaluated preconditions and deny conditions with their substituted values.
    public var conditions: [ConditionTrace] = []
    /// Keys (`ns/name`) of PolicyExceptions that exempted the rule.
    public var exceptions: [String] = []
    /// Free-form notes (autogen origin, old-object re-evaluation, pattern paths, …).
    public var notes: [String] = []

    public init() {}
}

/// The result of one (possibly autogen) rule of one policy.
public struct RuleResult: Sendable, Hashable {
    /// The policy of the rule.
    public var policy: PolicyReference
    /// The rule name (`autogen-…` for autogen rules).
    public var rule: String
    /// For autogen rules, the rule they were generated from.
    public var autogenFrom: String?
    /// What the rule means for the request.
    public var outcome: RuleOutcome
    /// Kyverno's rule status, `nil` when the rule was not matched.
    public var status: KyvernoRuleStatus?
    /// Kyverno's rule message (what appears in the block message for fail/error).
    public var message: String
    /// Enforce or Audit, and why.
    public var action: ActionResolution
    /// The policy's effective failure policy.
    public var failurePolicy: FailurePolicy
    /// The explanation.
    public var trace: RuleTrace
}

/// Why the request never reached policy evaluation.
public enum AdmissionGate: Sendable, Hashable {
    /// The request reached Kyverno's policy evaluation.
    case evaluated
    /// Reads (`GET`, `LIST`, `WATCH`) never go through admission webhooks.
    case notAdmitted(operation: String)
    /// The webhook namespaceSelector/objectSelector keeps the request away from Kyverno.
    case webhookSelector(String)
    /// ConfigMap `excludeUsernames/excludeGroups/excludeRoles/excludeClusterRoles` matched.
    case excludedCaller(String)
    /// ConfigMap `resourceFilters` matched.
    case resourceFiltered(String)
    /// Kyverno's own report/update-request kinds are always allowed.
    case kyvernoInternalKind(String)
    /// No policy rule applies to this kind and operation (no webhook rule is registered for it).
    case noPolicies
}

/// One Kyverno webhook's denial.
public struct WebhookDenial: Sendable, Hashable {
    /// e.g. `validate.kyverno.svc-fail`.
    public var webhook: String
    /// Kyverno's message for this webhook call.
    public var message: String
}

/// The overall answer.
public enum AdmissionVerdict: String, Sendable, Hashable {
    /// Kyverno admits the request.
    case allowed
    /// Kyverno denies the request.
    case denied
    /// Kyverno would deny the request unless the missing object fields make every blocking rule pass.
    case dependsOnObject = "depends-on-object"
    /// A rule that could block uses a construct guardrail cannot evaluate.
    case unknown
}

/// Kyverno's admission decision for one request, with every rule's result and the rendered message.
public struct AdmissionDecision: Sendable, Hashable {
    /// The overall answer.
    public var verdict: AdmissionVerdict
    /// Whether the request reached policy evaluation, and if not why.
    public var gate: AdmissionGate
    /// The caller's roles as Kyverno computes them, with the bindings that granted them.
    public var roles: KyvernoRoles
    /// One entry per evaluated rule (policies in name order, rules in policy order).
    public var results: [RuleResult]
    /// Kyverno's denial message (`\n\nresource Kind/ns/name was blocked due to the following policies …`),
    /// `nil` when allowed.
    public var message: String?
    /// The webhook that would deny (`validate.kyverno.svc-fail`, `-ignore`, or a fine-grained one).
    public var webhook: String?
    /// Every webhook call that denies, each with its own message (``message``/``webhook`` are the first;
    /// the API server reports one of them).
    public var denials: [WebhookDenial]
    /// Warnings Kyverno returns on admitted requests (`policy <p>.<r>: <message>`).
    public var warnings: [String]

    /// The text kubectl shows: `admission webhook "<webhook>" denied the request: <message>`.
    public var apiServerMessage: String? {
        guard let message, let webhook else { return nil }
        return "admission webhook \"\(webhook)\" denied the request: \(message)"
    }

    /// The results that deny the request.
    public var blocking: [RuleResult] {
        results.filter {
            switch $0.outcome {
            case .blocks: return true
            case .error(let blocks): return blocks
            default: return false
            }
        }
    }
}
