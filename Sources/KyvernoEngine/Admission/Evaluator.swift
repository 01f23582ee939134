import GuardrailCore

/// Decides what Kyverno's resource validating webhook would answer for a request, and explains why.
///
/// Pure: no I/O, no clock. Build a ``ClusterState`` once, then call ``evaluate(request:userInfo:now:)``
/// for as many requests as needed.
public struct Evaluator: Sendable {
    /// The cluster the requests are evaluated against.
    public var state: ClusterState
    /// The JMESPath engine used for `{{ }}` variables.
    public var expressions: any ExpressionEvaluator

    /// `expressions` defaults to Kyverno's JMESPath dialect (``KyvernoExpressionEvaluator``).
    public init(state: ClusterState, expressions: any ExpressionEvaluator = KyvernoExpressionEvaluator()) {
        self.state = state
        self.expressions = expressions
    }

    /// Kyverno's report/update-request kinds, always allowed (pkg/webhooks/utils/exclude.go).
    static let kyvernoKinds: Set<String> = [
        "AdmissionReport", "ClusterAdmissionReport", "BackgroundScanReport",
        "ClusterBackgroundScanReport", "UpdateRequest",
    ]

    /// The decision procedure of Kyverno's validating webhook (semantics notes §0): webhook gating, roles,
    /// global exclusions, policy selection and Enforce/Audit split, per-rule evaluation, block decision and
    /// message. `now` is seconds since the Unix epoch (for time functions in expressions).
    public func evaluate(request: AdmissionRequest, userInfo: UserInfo, now: Double) -> AdmissionDecision {
        let roles = state.bindings.roles(for: userInfo, requestNamespace: request.namespace)
        func gated(_ gate: AdmissionGate) -> AdmissionDecision {
            AdmissionDecision(
                verdict: .allowed, gate: gate, roles: roles, results: [], message: nil, webhook: nil,
                denials: [], warnings: [])
        }
        guard request.isAdmitted else { return gated(.notAdmitted(operation: request.operation)) }
        if let reason = webhookSelectorExclusion(request) { return gated(.webhookSelector(reason)) }
        if Self.kyvernoKinds.contains(request.kind.kind) { return gated(.kyvernoInternalKind(request.kind.kind)) }
        if let reason = state.configuration.exclusion(
            username: userInfo.username, groups: userInfo.groups,
            roles: roles.roles, clusterRoles: roles.clusterRoles)
        {
            return gated(.excludedCaller(reason))
        }
        if let filter = state.configuration.filter(
            request.kind, subresource: request.subResource,
            namespace: request.namespace, name: request.name)
        {
            return gated(.resourceFiltered("resourceFilters entry \(filter.text)"))
        }

        let run = RequestRun(evaluator: self, request: request, user: userInfo, roles: roles, now: now)
        var results: [RuleResult] = []
        // Each webhook call renders its own message: policies are split between `validate.kyverno.svc-fail`,
        // `validate.kyverno.svc-ignore` and one fine-grained webhook per policy with matchConditions.
        var failuresByWebhook: [String: [String: [String: String]]] = [:]
        var warnings: [String] = []
        for policy in state.policies {
            guard policy.admission, policy.ready != false else { continue }
            if policy.reference.kind == .policy {
                // A namespaced Policy only applies to resources in its own namespace.
                guard !request.namespace.isEmpty, request.namespace == policy.reference.namespace else { continue }
            }
            let first = results.count
            let policyResults = run.evaluate(policy, appendingTo: &results)
            if policyResults.blocks {
                let webhook = Self.webhookName(policy, failurePolicy: policyResults.failurePolicy)
                for result in policyResults.enforcePathFailures {
                    failuresByWebhook[webhook, default: [:]][policy.reference.name, default: [:]][result.rule] =
                        result.message
                }
            }
            if policy.emitWarning {
                for result in results[first...] where [.fail, .error, .warn].contains(result.status) {
                    warnings.append("policy \(policy.reference.name).\(result.rule): \(result.message)")
                }
            }
        }
        if results.isEmpty { return gated(.noPolicies) }

        var verdict = AdmissionVerdict.allowed
        if !failuresByWebhook.isEmpty {
            verdict = .denied
        } else if results.contains(where: {
            if case .dependsOnObject(_, true) = $0.outcome { return true }
            return false
        }) {
            verdict = .dependsOnObject
        } else if results.contains(where: {
            if case .unsupported(_, true) = $0.outcome { return true }
            return false
        }) {
            verdict = .unknown
        }
        var denials: [WebhookDenial] = []
        if verdict == .denied {
            let (kind, namespace, name) = messageResource(request)
            // The API server reports one denial; list the fail webhook first, then ignore, then fine-grained.
            let order: (String) -> (Int, String) = { name in
                (name == "validate.kyverno.svc-fail" ? 0 : name == "validate.kyverno.svc-ignore" ? 1 : 2, name)
            }
            for webhook in failuresByWebhook.keys.sorted(by: { order($0) < order($1) }) {
                denials.append(
                    WebhookDenial(
                        webhook: webhook,
                        message: BlockMessage.render(
                            kind: kind, namespace: namespace, name: name, failures: failuresByWebhook[webhook]!)))
            }
            warnings = []
        }
        return AdmissionDecision(
            verdict: verdict, gate: .evaluated, roles: roles, results: results,
            message: denials.first?.message, webhook: denials.first?.webhook, denials: denials,
            warnings: warnings)
    }

    /// The webhook that evaluates `policy` (Kyverno pkg/controllers/webhook `webhookNameAndPath`).
    static func webhookName(_ policy: KyvernoPolicy, failurePolicy: FailurePolicy) -> String {
        let base = failurePolicy == .fail ? "validate.kyverno.svc-fail" : "validate.kyverno.svc-ignore"
        guard !policy.webhookMatchConditions.isEmpty else { return base }
        let key =
            policy.reference.kind == .policy
            ? "\(policy.reference.namespace)-\(policy.reference.name)" : policy.reference.name
        return "\(base)-finegrained-\(key)"
    }

    /// The `<Kind>/<ns>/<name>` of the message: the object's (old object on DELETE); CONNECT options objects
    /// have the request kind, the request namespace and no name.
    func messageResource(_ request: AdmissionRequest) -> (String, String, String) {
        if request.operation == "CONNECT" {
            return ((request.requestKind ?? request.kind).kind, request.namespace, "")
        }
        if let object = request.resourceObject, object.objectValue != nil {
            return (
                object["kind"]?.stringValue ?? request.kind.kind,
                object[path: "metadata", "namespace"]?.stringValue ?? "",
                object[path: "metadata", "name"]?.stringValue ?? ""
            )
        }
        return (request.kind.kind, request.namespace, request.name)
    }

    /// API-server side: the ConfigMap `webhooks` namespaceSelector/objectSelector (§7.3).
    func webhookSelectorExclusion(_ request: AdmissionRequest) -> String? {
        if let selector = state.configuration.webhookNamespaceSelector {
            var labels: [String: String]? = nil
            if request.kind.group == "" && request.kind.kind == "Namespace" {
                // A Namespace object is selected on its own labels.
                if let object = request.resourceObject, object.objectValue != nil {
                    var own: [String: String] = [:]
                    for entry in object[path: "metadata", "labels"]?.objectValue ?? JSONObject() {
                        own[entry.key] = entry.value.stringValue ?? entry.value.description
                    }
                    let name = object[path: "metadata", "name"]?.stringValue ?? request.name
                    if !name.isEmpty { own["kubernetes.io/metadata.name"] = name }
                    labels = own
                } else if !request.name.isEmpty {
                    labels = state.labels(ofNamespace: request.name)
                }
            } else if !request.namespace.isEmpty {
                labels = state.labels(ofNamespace: request.namespace)
            }
            if let labels, !selector.matches(labels) {
                let ns = request.kind.kind == "Namespace" ? request.name : request.namespace
                return "namespace '\(ns)' is excluded by the webhook namespaceSelector \(selector.summary)"
            }
        }
        if let selector = state.configuration.webhookObjectSelector, let object = request.resourceObject,
            object.objectValue != nil
        {
            var labels: [String: String] = [:]
            for entry in object[path: "metadata", "labels"]?.objectValue ?? JSONObject() {
                labels[entry.key] = entry.value.stringValue ?? entry.value.description
            }
            if !selector.matches(labels) {
                return "object is excluded by the webhook objectSelector \(selector.summary)"
            }
        }
        return nil
    }
}
