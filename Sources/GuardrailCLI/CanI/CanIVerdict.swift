import GuardrailCore

/// RBAC's answer, from a SelfSubjectAccessReview or from the built-in authorizer offline.
struct RBACAnswer: Sendable, Hashable {
    /// Where the answer came from.
    enum Source: String, Sendable, Hashable {
        /// The cluster's SelfSubjectAccessReview (every authorizer the cluster runs: RBAC, webhooks, Node…).
        case selfSubjectAccessReview = "SelfSubjectAccessReview"
        /// The built-in RBAC authorizer over offline files.
        case offline = "offline RBAC"
    }

    /// `status.allowed`.
    var allowed: Bool
    /// `status.denied`: an authorizer said an explicit no (RBAC never does).
    var denied: Bool = false
    /// `status.reason`, e.g. `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`.
    var reason: String = ""
    /// `status.evaluationError`.
    var evaluationError: String = ""
    /// Where the answer came from.
    var source: Source
}

/// What one Kyverno rule does to the request.
struct GuardrailFinding: Sendable, Hashable {
    /// The rule's effect on this request, worst first.
    enum Effect: String, Sendable, Hashable, CaseIterable {
        /// An Enforce rule fails: the request is rejected.
        case blocks
        /// A rule errors in a policy whose failure policy is Fail: the request is rejected.
        case errorBlocks = "error-blocks"
        /// An Enforce rule matches and its outcome depends on the object (pass `-f` to know).
        case mightBlock = "might-block"
        /// An Audit rule fails (or might): reported, not blocked.
        case audits
        /// An Enforce rule uses a construct guardrail cannot evaluate (CEL, apiCall, foreach, …).
        case unsupported
        /// A rule errors in a policy whose failure policy is Ignore: allowed with a warning.
        case errorIgnored = "error-ignored"
        /// A PolicyException exempts the request from the rule.
        case exempted
        /// The Kyverno ConfigMap excludes the request (user, group, role or resourceFilters).
        case excluded
        /// The rule matches and passes.
        case passes

        /// Whether the effect alone rejects the request.
        var rejects: Bool { self == .blocks || self == .errorBlocks }
    }

    /// `ClusterPolicy` or `Policy`.
    var policyKind: String
    /// The policy's name.
    var policy: String
    /// The namespace of a `Policy`, `""` for a ClusterPolicy.
    var policyNamespace: String = ""
    /// The rule name (autogen names included); `""` for request-wide effects (ConfigMap exclusion).
    var rule: String
    /// `Enforce` or `Audit`, as resolved for this namespace.
    var action: String
    /// The effect.
    var effect: Effect
    /// The message as Kyverno would render it (variables substituted); may be empty.
    var message: String = ""
    /// Why the rule applies to this request: match clauses, subjects/roles/bindings, conditions with values.
    var reasons: [String] = []
    /// PolicyExceptions that exempt the request (`ns/name`).
    var exceptions: [String] = []
    /// What in the object the outcome depends on, for `mightBlock` (e.g. `request.object.spec.containers`).
    var dependsOn: [String] = []

    /// `ns/name` for a Policy, `name` for a ClusterPolicy: Kyverno's policy key.
    var policyKey: String { policyNamespace.isEmpty ? policy : "\(policyNamespace)/\(policy)" }
}

/// Something the command could not read or know, and what it weakens: printed, never hidden.
struct Limitation: Sendable, Hashable {
    /// What could not be done, e.g. `could not list clusterrolebindings: forbidden`.
    var problem: String
    /// Which conclusions it weakens.
    var impact: String
    /// Whether guardrails could not be evaluated at all (then the verdict cannot be yes).
    var guardrailsUnknown: Bool = false
}

/// Whether and how guardrails were evaluated.
enum GuardrailEvaluation: Sendable, Hashable {
    /// The request never reaches admission control; the text says why.
    case notApplicable(String)
    /// Evaluated: the findings for every relevant rule (an empty list means no policy applies).
    case evaluated([GuardrailFinding], policiesConsidered: Int)
    /// Could not be evaluated; the text says why (details in the limitations).
    case unavailable(String)
}

/// The final answer: RBAC and guardrails folded into one verdict and one exit code.
struct CanIVerdict: Sendable, Hashable {
    /// The answer word.
    enum Answer: String, Sendable, Hashable {
        case yes
        case no
        /// Allowed by RBAC, but an Enforce rule may block depending on the object.
        case yesUnless = "yes-unless"
        /// Allowed by RBAC, but the guardrails could not be evaluated.
        case unknown
    }

    /// The resolved request.
    var request: AccessRequest
    /// The caller, when known (offline always; live after a SelfSubjectReview).
    var user: UserInfo?
    /// RBAC's answer.
    var rbac: RBACAnswer
    /// The guardrails' evaluation.
    var guardrails: GuardrailEvaluation
    /// What could not be read and what it weakens.
    var limitations: [Limitation] = []
    /// Warnings about the question itself (unknown resource, cluster scope, …).
    var notes: [Diagnostic] = []
    /// Whether an object was given with `-f`.
    var objectGiven: Bool = false

    /// The findings, empty unless evaluated.
    var findings: [GuardrailFinding] {
        if case .evaluated(let findings, _) = guardrails { return findings }
        return []
    }

    /// The verdict: no when RBAC or an enforcing rule says no; unknown when guardrails could not be
    /// read; yes-unless when an Enforce rule depends on an object not given; yes otherwise.
    var answer: Answer {
        if !rbac.allowed { return .no }
        // One pass, reading each finding's effect in place (there may be hundreds of findings).
        let findings = self.findings
        var unsupported = false
        var mightBlock = false
        for i in findings.indices {
            let effect = findings[i].effect
            if effect.rejects { return .no }
            if effect == .unsupported { unsupported = true }
            if effect == .mightBlock { mightBlock = true }
        }
        if case .unavailable = guardrails { return .unknown }
        if limitations.contains(where: \.guardrailsUnknown) { return .unknown }
        if unsupported { return .unknown }
        if mightBlock { return .yesUnless }
        return .yes
    }

    /// The exit code: 0 yes, 1 no, 2 could not evaluate, 3 yes unless the object….
    var exitCode: GuardrailExitCode {
        switch answer {
        case .yes: return .success
        case .no: return .denied
        case .unknown: return .failure
        case .yesUnless: return .dependsOnObject
        }
    }
}
