import GuardrailCore
import RBAC

/// RBAC and guardrails over offline files: the built-in RBAC authorizer (Kubernetes' rules,
/// aggregation, `system:masters`, reason strings) and the Kyverno engine over the same documents.
struct OfflineEvaluation {
    let authorizer: RBACAuthorizer
    let state: GuardrailState
    /// Problems the RBAC reader found (invalid rules, unknown subject kinds), as warnings.
    let notes: [Diagnostic]

    init(inputs: OfflineInputs) {
        var objects = RBACObjects()
        for document in inputs.roles + inputs.clusterRoles + inputs.roleBindings + inputs.clusterRoleBindings {
            objects.add(document.value, location: document.location)
        }
        authorizer = RBACAuthorizer(objects)
        notes = objects.diagnostics.filter { $0.severity >= .warning }
        state = GuardrailState(offline: inputs)
    }

    /// RBAC's answer for `request` by `user`, as the API server's SelfSubjectAccessReview would give it.
    func rbac(for request: AccessRequest, user: UserInfo) -> RBACAnswer {
        let decision: RBACDecision
        if let url = request.nonResourceURL {
            decision = authorizer.authorize(user, NonResourceAttributes(path: url, verb: request.verb))
        } else {
            decision = authorizer.authorize(
                user,
                ResourceAttributes(
                    verb: request.verb, group: request.group, version: request.version, resource: request.resource,
                    subresource: request.subresource, namespace: request.namespace, name: request.name))
        }
        return RBACAnswer(allowed: decision.allowed, reason: decision.reason, source: .offline)
    }

    /// The verdict for `request` by `user`, with `object` when one was given.
    func verdict(for request: AccessRequest, user: UserInfo, object: JSONValue?) -> CanIVerdict {
        var verdict = GuardrailAssessment.verdict(
            request: request, user: user, rbac: rbac(for: request, user: user), state: state, object: object)
        verdict.notes = notes + verdict.notes
        return verdict
    }
}
