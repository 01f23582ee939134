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
