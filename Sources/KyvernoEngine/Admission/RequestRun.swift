import GuardrailCore

/// The outcome of one policy for one request (its rule results are appended to the request's list).
struct PolicyResults {
    /// Whether the policy denies the request (an Enforce failure, or an error under failurePolicy Fail).
    var blocks: Bool
    /// Fail/error results of the enforce path: the entries of Kyverno's block message.
    var enforcePathFailures: [RuleResult]
    var failurePolicy: FailurePolicy
}

/// What evaluating one rule produced, before Enforce/Audit is applied.
struct RuleEvaluation {
    var status: KyvernoRuleStatus?
    var message: String
    /// Why the rule produced no response (not matched / excluded), when `status` is nil.
    var notApplicableReason: String?
    var unknownFields: Set<String> = []
    var unsupported: String?
    var trace = RuleTrace()
}

/// Per-request evaluation state shared by all policies.
///
/// A class: it is handed to every rule evaluation (``PatternRule``, ``ForEachRule``); as a struct each hand-off
/// copied and retained all of its fields, a good part of evaluating a request against a thousand policies.
final class RequestRun {
    let evaluator: Evaluator
    let request: AdmissionRequest
    let user: UserInfo
    let roles: KyvernoRoles
    let now: Double
    let context: JSONValue
    let target: MatchTarget
    let unknownRoots: [String]
    let namespaceLabels: [String: String]?
    /// The expression evaluator bound to this request's instant.
    let expressions: any ExpressionEvaluator

    init(evaluator: Evaluator, request: AdmissionRequest, user: UserInfo, roles: KyvernoRoles, now: Double) {
        self.evaluator = evaluator
        self.request = request
        self.user = user
        self.roles = roles
        self.now = now
        expressions = evaluator.expressions.at(now: now)
        context = AdmissionContext.build(request: request, user: user, roles: roles)
        var unknown: [String] = []
        if request.knownObject == nil { unknown.append("request.object") }
        if request.knownOldObject == nil { unknown.append("request.oldObject") }
        unknownRoots = unknown
        namespaceLabels = request.namespace.isEmpty ? nil : evaluator.state.labels(ofNamespace: request.namespace)
        target = RequestRun.matchTarget(
            request: request, user: user, roles: roles,
            namespaceLabels: namespaceLabels, state: evaluator.state)
    }

    /// What matching can know about the resource: from the object (the old one on DELETE) when supplied,
    /// else from the request (name and namespace known, labels and annotations unknown).
    static func matchTarget(
        request: AdmissionRequest, user: UserInfo, roles: KyvernoRoles,
        namespaceLabels: [String: String]?, state: ClusterState
    ) -> MatchTarget {
        var target = MatchTarget(
            gvk: request.kind, subresource: request.subResource, operation: request.operation,
            name: request.name.isEmpty ? nil : request.name, namespace: request.namespace,
            labels: nil, annotations: nil, namespaceLabels: request.namespace.isEmpty ? [:] : namespaceLabels, user: user,
            roles: roles)
        if request.operation == "CONNECT" && request.object == nil {
            // The options object Kyverno builds for CONNECT has no name, labels or annotations.
            target.name = ""
            target.labels = [:]
            target.annotations = [:]
        }
        if let object = request.resourceObject, object.objectValue != nil {
            let metadata = object["metadata"]
            var name = metadata?["name"]?.stringValue ?? ""
            if name.isEmpty { name = metadata?["generateName"]?.stringValue ?? "" }
            target.name = name
            if let ns = metadata?["namespace"]?.stringValue, !ns.isEmpty { target.namespace = ns }
            target.labels = stringMap(metadata?["labels"])
            target.annotations = stringMap(metadata?["annotations"])
        }
        if request.kind.kind == "Namespace" { target.namespaceLabels = [:] }
        return target
    }

    static func stringMap(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for entry in value?.objectValue ?? JSONObject() {
            result[entry.key] = entry.value.stringValue ?? entry.value.description
        }
        return result
    }

    // MARK: Policies

    /// Evaluates `policy`, appending one result per validate rule to `results` — the request's list, rather
    /// than a list per policy that the caller would copy over.
    func evaluate(_ policy: KyvernoPolicy, appendingTo results: inout [RuleResult]) -> PolicyResults {
        let failurePolicy: FailurePolicy =
            evaluator.state.settings.forceFailurePolicyIgnore ? .ignore : policy.failurePolicy
        let fineGrained = !policy.webhookMatchConditions.isEmpty
        // `expression: "true"` conditions need no CEL engine.
        let trivialMatchConditions = policy.webhookMatchConditions.allSatisfy {
            $0["expression"]?.stringValue?.trimmingCharacters(in: " ") == "true"
        }
        let resourceNamespace = target.namespace
        var enforceRules: [(PolicyRule, ActionResolution)] = []
        var auditRules: [(PolicyRule, ActionResolution)] = []
        for rule in policy.rules where rule.type == .validate && rule.validate != nil {
            if !rule.mayMatchKind(request.kind, subresource: request.subResource) {
                // Kyverno's policy cache never hands this rule to the engine for this kind: no response.
                results.append(
                    RuleResult(
                        policy: policy.reference, rule: rule.name, autogenFrom: rule.autogenSource,
                        outcome: .notApplicable(reason: kindMismatchReason(rule)),
                        status: nil, message: "", action: Self.unresolvedAction, failurePolicy: failurePolicy,
                        trace: RuleTrace()))
                continue
            }
            let (keep, cacheWhy) = FailureActionResolution.cacheKeepsRule(
                policy: policy, rule: rule, requestNamespace: request.namespace, namespaceLabels: namespaceLabels)
            let (enforce, blockWhy) = FailureActionResolution.blockDecisionEnforces(
                policy: policy, rule: rule, resourceNamespace: resourceNamespace,
                namespaceLabels: namespaceLabels ?? [:])
            let onEnforcePath = fineGrained || keep
            var explanation = blockWhy
            if !fineGrained && keep != enforce {
                explanation =
                    keep
                    ? "\(blockWhy) (the policy cache keeps the rule on the enforce path via \(cacheWhy()))"
                    : "\(cacheWhy()) (the policy cache moves the rule to the audit path)"
            }
            let resolution = ActionResolution(
                enforce: enforce && onEnforcePath, onEnforcePath: onEnforcePath,
                explanation: explanation)
            if onEnforcePath { enforceRules.append((rule, resolution)) } else { auditRules.append((rule, resolution)) }
        }
        var blocks = false
        var failures: [RuleResult] = []
        for (rules, enforcePath) in [(enforceRules, true), (auditRules, false)] {
            var stop = false
            for (rule, resolution) in rules {
                if stop {
                    results.append(
                        RuleResult(
                            policy: policy.reference, rule: rule.name, autogenFrom: rule.autogenSource,
                            outcome: .notApplicable(reason: "applyRules: One — an earlier rule already applied"),
                            status: nil, message: "", action: resolution, failurePolicy: failurePolicy,
                            trace: RuleTrace()))
                    continue
                }
                var evaluation = evaluateRule(rule, policy: policy)
                var outcome = outcome(
                    of: evaluation, resolution: resolution, enforcePath: enforcePath,
                    failurePolicy: failurePolicy)
                if fineGrained && !trivialMatchConditions {
                    // The policy's own webhook only sees requests its CEL matchConditions accept; guardrail
                    // does not evaluate CEL, so a blocking outcome is reported as such, not asserted.
                    evaluation.trace.notes.append(
                        "policy has webhookConfiguration.matchConditions (CEL, not evaluated): the outcome holds "
                            + "only if they match")
                    switch outcome {
                    case .blocks, .error(blocks: true), .dependsOnObject(_, wouldBlock: true):
                        outcome = .unsupported(
                            construct: "webhookConfiguration.matchConditions (CEL)", wouldBlock: true)
                    default:
                        break
                    }
                }
                // Built in place in the list (a local copy cost a copy and a destroy per rule); failures,
                // which are few, are copied from there.
                results.append(
                    RuleResult(
                        policy: policy.reference, rule: rule.name, autogenFrom: rule.autogenSource,
                        outcome: outcome, status: evaluation.status, message: evaluation.message,
                        action: resolution, failurePolicy: failurePolicy, trace: evaluation.trace))
                if enforcePath && (evaluation.status == .fail || evaluation.status == .error)
                    && evaluation.unknownFields.isEmpty && !(fineGrained && !trivialMatchConditions)
                {
                    failures.append(results[results.count - 1])
                }
                if case .blocks = outcome { blocks = true }
                if case .error(true) = outcome { blocks = true }
                if policy.applyRules == .one && (evaluation.status == .pass || evaluation.status == .fail)
                    && evaluation.unknownFields.isEmpty
                {
                    stop = true
                }
            }
        }
        return PolicyResults(blocks: blocks, enforcePathFailures: failures, failurePolicy: failurePolicy)
    }

    /// `not matched: kind Deployment not in kinds [Pod]`, written into one buffer of the exact size: most rules
    /// on a cluster are about other kinds, and building this text piece by piece was a large part of their cost.
    func kindMismatchReason(_ rule: PolicyRule) -> String {
        let filters = rule.match.effectiveFilters
        var kindsLength = 0
        for filter in filters {
            for kind in filter.resources.kinds { kindsLength += kind.utf8.count + 2 }
        }
        var reason = "not matched: kind "
        reason.reserveCapacity(
            34 + request.kind.kind.utf8.count + request.subResource.utf8.count + 1 + kindsLength)
        reason += request.kind.kind
        if !request.subResource.isEmpty {
            reason += "/"
            reason += request.subResource
        }
        reason += " not in kinds ["
        var first = true
        for filter in filters {
            for kind in filter.resources.kinds {
                if !first { reason += ", " }
                reason += kind
                first = false
            }
        }
        reason += "]"
        return reason
    }

    /// The action of a rule Kyverno never evaluates for this request (its kinds do not match).
    static let unresolvedAction = ActionResolution(
        enforce: false, onEnforcePath: false,
        explanation: "not resolved: the rule does not match this kind")

    func outcome(
        of evaluation: RuleEvaluation, resolution: ActionResolution, enforcePath: Bool,
        failurePolicy: FailurePolicy
    ) -> RuleOutcome {
        let errorBlocks = enforcePath && failurePolicy == .fail
        if let construct = evaluation.unsupported {
            return .unsupported(construct: construct, wouldBlock: resolution.enforce || errorBlocks)
        }
        switch evaluation.status {
        case nil:
            return .notApplicable(reason: evaluation.notApplicableReason ?? "not matched")
        case .skip:
            return .notApplicable(reason: evaluation.message)
        case .pass, .warn:
            return .passes
        case .fail:
            if !evaluation.unknownFields.isEmpty {
                return .dependsOnObject(fields: evaluation.unknownFields.sorted(), wouldBlock: resolution.enforce)
            }
            return resolution.enforce ? .blocks : .audits
        case .error:
            if !evaluation.unknownFields.isEmpty {
                return .dependsOnObject(fields: evaluation.unknownFields.sorted(), wouldBlock: errorBlocks)
            }
            return .error(blocks: errorBlocks)
        }
    }

    // MARK: Rules

    func substitution(context: JSONValue) -> VariableSubstitution {
        VariableSubstitution(
            context: context, evaluator: expressions, now: now,
            isDelete: request.operation == "DELETE", unknownRoots: unknownRoots)
    }

    /// Kyverno pkg/engine/engine.go + validate_resource.go for one rule: match → exclude → context →
    /// preconditions → PolicyExceptions → body.
    func evaluateRule(_ rule: PolicyRule, policy: KyvernoPolicy) -> RuleEvaluation {
        var e = RuleEvaluation(status: nil, message: "")
        if let source = rule.autogenSource { e.trace.notes.append("autogen rule generated from rule '\(source)'") }
        switch ResourceMatcher.evaluate(rule.match, target: target, label: "match", isExclude: false) {
        case .notMatched(let reason):
            e.notApplicableReason = "not matched: \(reason)"
            return e
        case .matched(let clause, let evidence):
            e.trace.matchClause = clause
            e.trace.matchEvidence = evidence
        case .unknown(let fields, let clause):
            e.trace.matchClause = clause
            e.unknownFields.formUnion(fields)
            e.trace.notes.append("match depends on " + fields.sorted().joined(separator: ", "))
        }
        if let exclude = rule.exclude {
            switch ResourceMatcher.evaluate(exclude, target: target, label: "exclude", isExclude: true) {
            case .matched(let clause, let evidence):
                e.trace.excludeClause = clause
                e.trace.excludeEvidence = evidence
                e.unknownFields = []
                e.notApplicableReason = "excluded by \(clause): " + evidence.map(\.description).joined(separator: "; ")
                return e
            case .unknown(let fields, let clause):
                e.unknownFields.formUnion(fields)
                e.trace.notes.append("\(clause) depends on " + fields.sorted().joined(separator: ", "))
            case .notMatched:
                break
            }
        }
        guard let ruleContext = loadContext(rule.context, into: context, evaluation: &e) else { return e }
        let conditions = ConditionEvaluator(substitution: substitution(context: ruleContext))
        if rule.hasCELPreconditions {
            e.unsupported = "celPreconditions (CEL)"
            return e
        }
        let pre = conditions.evaluate(rule.preconditions, location: "preconditions")
        e.trace.conditions += pre.traces
        switch pre.value {
        case .error(let message):
            e.status = .error
            e.message = "failed to evaluate preconditions: \(message)"
            return e
        case .value(false):
            e.status = .skip
            e.unknownFields = []
            e.message = (["preconditions not met"] + pre.messages).joined(separator: "; ")
            return e
        case .unknown(let fields):
            e.unknownFields.formUnion(fields)
        case .value(true):
            break
        }
        switch exceptionCheck(policy: policy, rule: rule, conditions: conditions) {
        case .matched(let keys):
            e.status = .skip
            e.unknownFields = []
            e.trace.exceptions = keys
            e.message = "rule is skipped due to policy exceptions" + keys.joined(separator: ", ")
            return e
        case .unknown(let fields, let keys):
            e.unknownFields.formUnion(fields)
            e.trace.notes.append(
                "PolicyException(s) \(keys.joined(separator: ", ")) may apply; depends on "
                    + fields.sorted().joined(separator: ", "))
        case .none:
            break
        }
        guard let validate = rule.validate else { return e }
        if let deny = validate.deny {
            evaluateDeny(deny, validate: validate, rule: rule, conditions: conditions, into: &e)
            return e
        }
        if validate.pattern != nil || validate.anyPattern != nil {
            PatternRule(run: self, rule: rule, validate: validate, context: ruleContext).evaluate(into: &e)
            return e
        }
        if !validate.foreach.isEmpty && validate.unsupportedBodies.isEmpty {
            ForEachRule(run: self, rule: rule, validate: validate, context: ruleContext).evaluate(into: &e)
            return e
        }
        if let body = validate.unsupportedBodies.first {
            e.unsupported = "validate.\(body) (not supported yet)"
            return e
        }
        return e
    }

    /// Loads rule (or foreach) `context` entries into `base`; only `variable` entries can be computed
    /// offline. Returns `nil` after recording an error or an unsupported entry in `e`.
    func loadContext(_ entries: [ContextEntry], into base: JSONValue, evaluation e: inout RuleEvaluation)
        -> JSONValue?
    {
        var ruleContext = base
        for entry in entries {
            switch entry.source {
            case .unsupported(let kind):
                e.unsupported = "context entry '\(entry.name)' (\(kind)) needs the live cluster"
                return nil
            case .variable(let value, let jmesPath, let defaultValue):
                let sub = substitution(context: ruleContext)
                do {
                    var resolved: JSONValue? = nil
                    if let value { resolved = try sub.substituteAll(value) }
                    if let jmesPath {
                        let path = try sub.substitute(jmesPath, path: "")
                        let expression = path.stringValue ?? jmesPath
                        do {
                            resolved = try expressions.evaluate(expression, on: resolved ?? ruleContext, now: now)
                        } catch {
                            if defaultValue == nil {
                                e.status = .error
                                e.message = "failed to load context: \(error)"
                                return nil
                            }
                            resolved = nil
                        }
                    }
                    if resolved == nil || resolved == .null, let defaultValue {
                        resolved = try sub.substituteAll(defaultValue)
                    }
                    ruleContext = AdmissionContext.setting(resolved ?? .null, at: entry.name, in: ruleContext)
                } catch {
                    switch error {
                    case .error(let message):
                        e.status = .error
                        e.message = "failed to load context: \(message)"
                    case .unknown(let fields):
                        e.unknownFields.formUnion(fields)
                        e.status = .error
                        e.message = "failed to load context: depends on " + fields.sorted().joined(separator: ", ")
                    }
                    return nil
                }
            }
        }
        return ruleContext
    }

    func evaluateDeny(
        _ deny: ConditionBlock?, validate: ValidateSpec, rule: PolicyRule,
        conditions: ConditionEvaluator, into e: inout RuleEvaluation
    ) {
        // `deny: {}` (no conditions) always denies (Kyverno TransformConditions(nil) → true).
        let outcome = conditions.evaluate(deny, location: "deny.conditions")
        e.trace.conditions += outcome.traces
        switch outcome.value {
        case .error(let message):
            e.status = .error
            e.message = "failed to check deny conditions: \(message)"
        case .value(false):
            e.status = .pass
            e.message = "validation rule '\(rule.name)' passed."
        case .value(true), .unknown:
            if case .unknown(let fields) = outcome.value { e.unknownFields.formUnion(fields) }
            e.status = .fail
            let conditionMessages = outcome.messages.joined(separator: "; ")
            if validate.message.isEmpty && conditionMessages.isEmpty {
                e.message = "validation error: rule \(rule.name) failed"
                return
            }
            let template = [validate.message, conditionMessages].filter { !$0.isEmpty }.joined(separator: "; ")
            do {
                let rendered = try conditions.substitution.substitute(template, path: "")
                if let text = rendered.stringValue {
                    e.message = text
                } else {
                    e.message = "the produced message didn't resolve to a string, check your policy definition."
                }
            } catch {
                switch error {
                case .error: e.message = conditionMessages
                case .unknown: e.message = template
                }
            }
        }
    }

    enum ExceptionMatch {
        case none
        case matched([String])
        case unknown(Set<String>, [String])
    }

    /// Kyverno pkg/engine/utils/exceptions.go `MatchesException` for the exceptions naming this rule.
    func exceptionCheck(policy: KyvernoPolicy, rule: PolicyRule, conditions: ConditionEvaluator) -> ExceptionMatch {
        let settings = evaluator.state.settings
        guard settings.policyExceptionsEnabled, !settings.exceptionNamespace.isEmpty else { return .none }
        var matched: [String] = []
        var unknownKeys: [String] = []
        var unknown = Set<String>()
        for exception in evaluator.state.exceptions {
            guard settings.exceptionNamespace == "*" || exception.namespace == settings.exceptionNamespace,
                exception.applies(toPolicy: policy.reference.exceptionKey, rule: rule.name)
            else { continue }
            // Only `any`/`all` count for exceptions; operations are ignored.
            guard !exception.match.any.isEmpty || !exception.match.all.isEmpty else { continue }
            var block = exception.match
            block.legacy = ResourceFilter()
            var fields = Set<String>()
            switch ResourceMatcher.evaluate(
                block, target: target, label: "exception.match", isExclude: true,
                ignoreOperations: true)
            {
            case .notMatched: continue
            case .unknown(let f, _): fields.formUnion(f)
            case .matched: break
            }
            if let block = exception.conditions {
                let result = conditions.evaluate(block, location: "exception.conditions", exceptionSemantics: true)
                switch result.value {
                case .value(false), .error: continue  // substitution errors make Kyverno ignore the exception
                case .unknown(let f): fields.formUnion(f)
                case .value(true): break
                }
            }
            if fields.isEmpty {
                matched.append(exception.key)
            } else {
                unknown.formUnion(fields)
                unknownKeys.append(exception.key)
            }
        }
        if !matched.isEmpty { return .matched(matched) }
        if !unknown.isEmpty { return .unknown(unknown, unknownKeys) }
        return .none
    }
}
