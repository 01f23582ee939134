import GuardrailCore
import GuardrailYAML
import JMESPath
import KyvernoEngine
import KyvernoJMESPath

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Folds RBAC's answer and the Kyverno engine's decision into a ``CanIVerdict``. Shared by live and
/// offline runs, so the same state and request give the same verdict either way.
enum GuardrailAssessment {
    /// The verdict for `request` by `user` (`nil` when unknown), given RBAC's answer and the state.
    static func verdict(
        request: AccessRequest, user: UserInfo?, rbac: RBACAnswer, state: GuardrailState,
        object: JSONValue?, existingObject: JSONValue? = nil, now: Double = Date().timeIntervalSince1970
    ) -> CanIVerdict {
        var verdict = CanIVerdict(
            request: request, user: user, rbac: rbac, guardrails: .notApplicable(""), limitations: state.limitations,
            objectGiven: object != nil)
        if case .notAdmitted(let why) = request.admission {
            verdict.guardrails = .notApplicable(why)
            return verdict
        }
        guard state.kyvernoInstalled else {
            verdict.guardrails = .notApplicable("Kyverno is not installed: the cluster serves no kyverno.io API")
            return verdict
        }
        guard !request.kind.isEmpty else {
            verdict.guardrails = .notApplicable(
                "the cluster does not serve \"\(request.resource)\", so no Kyverno rule can match it")
            return verdict
        }
        if state.limitations.contains(where: \.guardrailsUnknown) {
            verdict.guardrails = .unavailable("the policies could not be read (see below)")
            return verdict
        }
        let clusterState = makeClusterState(state, kind: request.kind)
        verdict.notes += clusterState.diagnostics.filter { $0.severity >= .warning }
        let evaluator = Evaluator(state: clusterState, expressions: expressionEvaluator(now: now))
        let decision = evaluator.evaluate(
            request: admissionRequest(request, object: object, existingObject: existingObject), userInfo: user ?? UserInfo(username: ""), now: now)
        verdict.guardrails = guardrails(
            decision, considered: state.clusterPolicies.count + state.policies.count,
            kyvernoNamespace: clusterState.settings.namespace)
        // The engine's state (parsed policies, caches; it holds `clusterState`) and results are freed by the
        // process exit, not node by node.
        ProcessLifetime.keepUntilExit(evaluator)
        ProcessLifetime.keepUntilExit(decision)
        return verdict
    }

    // MARK: - Engine inputs

    /// The engine's cluster state. PolicyExceptions are honoured as if Kyverno ran with
    /// `--enablePolicyException --exceptionNamespace=*` whenever there are any (Documentation/CanI.md);
    /// unknown namespaces make namespaceSelector rules depend on the object rather than silently not match.
    static func makeClusterState(_ state: GuardrailState, kind: String) -> ClusterState {
        let filter = PolicyPrefilter.KindFilter(kind: kind)
        // Autogen only adds rules for Pod controllers, which cannot match this request; generating them
        // is most of the parsing cost. Kyverno's own switch for it is this annotation.
        let keepAutogen = PolicyPrefilter.podControllers.contains(kind.lowercased())
        // One array, sized once: there may be thousands of policies and bindings.
        var documents: [JSONValue] = []
        documents.reserveCapacity(
            state.clusterPolicies.count + state.policies.count + state.policyExceptions.count
                + state.clusterRoleBindings.count + state.roleBindings.count + state.namespaces.count + 1)
        for policies in [state.clusterPolicies, state.policies] {
            for policy in policies where filter.mayApply(policy) {
                documents.append(keepAutogen ? policy : withoutAutogen(policy))
            }
        }
        documents += state.policyExceptions
        documents += state.clusterRoleBindings
        documents += state.roleBindings
        documents += state.namespaces.sorted { $0.key < $1.key }.map(\.value)
        var settings = KyvernoSettings()
        if let configMap = state.kyvernoConfigMap {
            documents.append(configMap)
            if let namespace = configMap[path: "metadata", "namespace"]?.stringValue, !namespace.isEmpty {
                settings.namespace = namespace
            }
        }
        if !state.policyExceptions.isEmpty {
            settings.policyExceptionsEnabled = true
            settings.exceptionNamespace = "*"
        }
        let clusterState = ClusterState.load(
            documents: documents, settings: settings, unknownNamespacesHaveNoLabels: false)
        // Dropping the list (thousands of entries, each released in turn) is left to the process exit.
        ProcessLifetime.keepUntilExit(documents)
        return clusterState
    }

    /// `policy` with `pod-policies.kyverno.io/autogen-controllers: none`.
    static func withoutAutogen(_ policy: JSONValue) -> JSONValue {
        guard case .object(var object) = policy else { return policy }
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        var annotations = metadata["annotations"]?.objectValue ?? JSONObject()
        annotations["pod-policies.kyverno.io/autogen-controllers"] = "none"
        metadata["annotations"] = .object(annotations)
        object["metadata"] = .object(metadata)
        return .object(object)
    }

    static func expressionEvaluator(now: Double) -> any ExpressionEvaluator {
        KyvernoExpressionEvaluator().at(now: now)
    }

    /// The AdmissionRequest the API server would send for `request` (kyverno-semantics.md §8.2): the
    /// object is the new object (the one deleted, for DELETE); a Namespace's own name is the request
    /// namespace on UPDATE/DELETE.
    /// `existingObject` is the object as stored (live mode reads it for UPDATE and DELETE of a named
    /// object): Kyverno's `oldObject`, and for DELETE also the object the request is about.
    static func admissionRequest(_ request: AccessRequest, object: JSONValue?, existingObject: JSONValue? = nil)
        -> AdmissionRequest
    {
        var operation = ""
        if case .admitted(let op) = request.admission { operation = op.rawValue }
        let kind = GroupVersionKind(group: request.group, version: request.version, kind: request.kind)
        var namespace = request.namespace
        if request.group.isEmpty && request.kind == "Namespace" && operation != "CREATE" { namespace = request.name }
        let requestKind = request.subresourceKind.map {
            GroupVersionKind(group: $0.group, version: request.version, kind: $0.kind)
        }
        return AdmissionRequest(
            operation: operation, kind: kind,
            resource: GroupVersionResource(group: request.group, version: request.version, resource: request.resource),
            subResource: request.subresource, requestKind: requestKind, namespace: namespace, name: request.name,
            object: operation == "DELETE" ? nil : object,
            oldObject: operation == "DELETE" ? (object ?? existingObject) : (operation == "UPDATE" ? existingObject : nil))
    }

    // MARK: - Engine output

    static func guardrails(_ decision: AdmissionDecision, considered: Int, kyvernoNamespace: String)
        -> GuardrailEvaluation
    {
        func configMapFinding(_ reason: String) -> GuardrailFinding {
            GuardrailFinding(
                policyKind: "ConfigMap", policy: "kyverno", policyNamespace: kyvernoNamespace, rule: "",
                action: "", effect: .excluded, reasons: [reason])
        }
        switch decision.gate {
        case .notAdmitted(let operation):
            return .notApplicable("\(operation) requests never reach admission control")
        case .webhookSelector(let reason), .excludedCaller(let reason), .resourceFiltered(let reason):
            return .evaluated([configMapFinding(reason)], policiesConsidered: considered)
        case .kyvernoInternalKind(let kind):
            return .notApplicable("Kyverno always admits its own \(kind) objects")
        case .noPolicies:
            return .evaluated([], policiesConsidered: considered)
        case .evaluated:
            return .evaluated(decision.results.compactMap(finding), policiesConsidered: considered)
        }
    }

    /// One engine result as a finding; rules that simply do not apply are left out.
    static func finding(_ result: RuleResult) -> GuardrailFinding? {
        var finding = GuardrailFinding(
            policyKind: result.policy.kind.rawValue, policy: result.policy.name,
            policyNamespace: result.policy.namespace,
            rule: result.rule, action: result.action.enforce ? "Enforce" : "Audit", effect: .passes,
            message: result.message, reasons: reasons(result.trace), exceptions: result.trace.exceptions)
        switch result.outcome {
        case .blocks: finding.effect = .blocks
        case .audits: finding.effect = .audits
        case .error(let blocks): finding.effect = blocks ? .errorBlocks : .errorIgnored
        case .dependsOnObject(let fields, let wouldBlock):
            finding.effect = wouldBlock ? .mightBlock : .audits
            finding.dependsOn = fields
        case .passes: finding.effect = .passes
        case .notApplicable:
            guard !result.trace.exceptions.isEmpty else { return nil }
            finding.effect = .exempted
        case .unsupported(let construct, let wouldBlock):
            finding.effect = wouldBlock ? .unsupported : .audits
            finding.dependsOn = ["not evaluated: \(construct)"]
        }
        return finding
    }

    /// Why the rule applies: the match clause and its evidence, then conditions with their values.
    static func reasons(_ trace: RuleTrace) -> [String] {
        var reasons: [String] = []
        let clause = trace.matchClause ?? "match"
        for evidence in trace.matchEvidence { reasons.append("\(clause).\(evidence)") }
        if trace.matchEvidence.isEmpty, let matchClause = trace.matchClause { reasons.append("\(matchClause) matched") }
        if let exclude = trace.excludeClause {
            reasons.append("\(exclude) " + trace.excludeEvidence.map(\.description).joined(separator: "; "))
        }
        reasons += trace.conditions.map(\.description)
        reasons += trace.notes
        return reasons
    }
}
