import GuardrailCore

/// The stable, documented structure `can-i -o json|yaml` prints (see Documentation/CanI.md).
///
/// `apiVersion: guardrail.kubectl.io/v1alpha1`, `kind: AccessVerdict`. Fields are only ever added;
/// `verdict` is one of `yes`, `no`, `yes-unless`, `unknown` and `exitCode` is the process's exit code.
enum CanIDocument {
    /// The document for `verdict`.
    static func make(_ verdict: CanIVerdict) -> JSONValue {
        var doc: JSONObject = [
            "apiVersion": "guardrail.kubectl.io/v1alpha1", "kind": "AccessVerdict",
            "verdict": .string(verdict.answer.rawValue),
            "allowed": .bool(verdict.answer == .yes),
            "exitCode": .int(Int64(verdict.exitCode.rawValue)),
            "request": request(verdict.request),
        ]
        if let user = verdict.user { doc["user"] = user.json }
        doc["rbac"] = [
            "allowed": .bool(verdict.rbac.allowed), "denied": .bool(verdict.rbac.denied),
            "reason": .string(verdict.rbac.reason), "evaluationError": .string(verdict.rbac.evaluationError),
            "source": .string(verdict.rbac.source.rawValue),
        ]
        var guardrails = JSONObject()
        switch verdict.guardrails {
        case .notApplicable(let why):
            guardrails["evaluated"] = false
            guardrails["reason"] = .string(why)
        case .unavailable(let why):
            guardrails["evaluated"] = false
            guardrails["reason"] = .string(why)
        case .evaluated(_, let considered):
            guardrails["evaluated"] = true
            guardrails["policiesConsidered"] = .int(Int64(considered))
        }
        guardrails["rules"] = .array(CanITextRenderer().sorted(verdict.findings).map(finding))
        doc["guardrails"] = .object(guardrails)
        doc["limitations"] = .array(
            verdict.limitations.map {
                [
                    "problem": .string($0.problem), "impact": .string($0.impact),
                    "guardrailsUnknown": .bool($0.guardrailsUnknown),
                ]
            })
        doc["warnings"] = .array(verdict.notes.map { .string($0.message) })
        return .object(doc)
    }

    private static func request(_ request: AccessRequest) -> JSONValue {
        var object: JSONObject = ["verb": .string(request.verb)]
        if let url = request.nonResourceURL {
            object["nonResourceURL"] = .string(url)
        } else {
            object["group"] = .string(request.group)
            object["version"] = .string(request.version)
            object["resource"] = .string(request.resource)
            object["subresource"] = .string(request.subresource)
            object["name"] = .string(request.name)
            object["namespace"] = .string(request.namespace)
            object["kind"] = .string(request.kind)
        }
        switch request.admission {
        case .admitted(let operation): object["operation"] = .string(operation.rawValue)
        case .notAdmitted: object["operation"] = .null
        }
        return .object(object)
    }

    private static func finding(_ finding: GuardrailFinding) -> JSONValue {
        // One per rule, hundreds per document: the keys are distinct, so the entries are given as they are
        // rather than inserted one by one (each insertion looks for the key first).
        let entries: [JSONObject.Entry] = [
            .init(key: "policyKind", value: .string(finding.policyKind)),
            .init(key: "policy", value: .string(finding.policy)),
            .init(key: "policyNamespace", value: .string(finding.policyNamespace)),
            .init(key: "rule", value: .string(finding.rule)),
            .init(key: "action", value: .string(finding.action)),
            .init(key: "effect", value: .string(finding.effect.rawValue)),
            .init(key: "message", value: .string(finding.message)),
            .init(key: "reasons", value: .array(finding.reasons.map(JSONValue.string))),
            .init(key: "exceptions", value: .array(finding.exceptions.map(JSONValue.string))),
            .init(key: "dependsOn", value: .array(finding.dependsOn.map(JSONValue.string))),
        ]
        return .object(JSONObject(uniqueEntries: entries))
    }
}
