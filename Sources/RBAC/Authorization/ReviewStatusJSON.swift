import GuardrailCore

extension RBACDecision {
    /// `SubjectAccessReviewStatus` as kube-apiserver serialises it: `allowed` always, `reason` only when
    /// non-empty (`omitempty`), `denied` never (RBAC only abstains; nothing here returns a deny).
    public var statusJSON: JSONValue {
        var status = JSONObject()
        status["allowed"] = .bool(allowed)
        if !reason.isEmpty { status["reason"] = .string(reason) }
        return .object(status)
    }
}

extension RulesReview {
    /// `SubjectRulesReviewStatus` as kube-apiserver serialises it: both rule lists always present,
    /// `incomplete` always (false: RBAC's resolver never marks its answer incomplete, it reports
    /// broken references in `evaluationError` instead), `evaluationError` only when non-empty.
    public var statusJSON: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var status = JSONObject()
        status["resourceRules"] = .array(
            resourceRules.map { rule in
                var object = JSONObject()
                object["verbs"] = strings(rule.verbs)
                if !rule.apiGroups.isEmpty { object["apiGroups"] = strings(rule.apiGroups) }
                if !rule.resources.isEmpty { object["resources"] = strings(rule.resources) }
                if !rule.resourceNames.isEmpty { object["resourceNames"] = strings(rule.resourceNames) }
                return .object(object)
            })
        status["nonResourceRules"] = .array(
            nonResourceRules.map { rule in
                var object = JSONObject()
                object["verbs"] = strings(rule.verbs)
                if !rule.nonResourceURLs.isEmpty { object["nonResourceURLs"] = strings(rule.nonResourceURLs) }
                return .object(object)
            })
        status["incomplete"] = .bool(false)
        if !evaluationError.isEmpty { status["evaluationError"] = .string(evaluationError) }
        return .object(status)
    }
}

extension AuthorizationRequest {
    /// Reads `SubjectAccessReview.spec` (or `SelfSubjectAccessReview.spec`): `resourceAttributes` or
    /// `nonResourceAttributes`; `nil` when neither is an object.
    public init?(spec: JSONValue) {
        if let attributes = spec["resourceAttributes"], case .object = attributes {
            func field(_ key: String) -> String { attributes[key]?.stringValue ?? "" }
            self = .resource(
                ResourceAttributes(
                    verb: field("verb"), group: field("group"), version: field("version"), resource: field("resource"),
                    subresource: field("subresource"), namespace: field("namespace"), name: field("name")))
        } else if let attributes = spec["nonResourceAttributes"], case .object = attributes {
            self = .nonResource(
                NonResourceAttributes(
                    path: attributes["path"]?.stringValue ?? "", verb: attributes["verb"]?.stringValue ?? ""))
        } else {
            return nil
        }
    }
}
