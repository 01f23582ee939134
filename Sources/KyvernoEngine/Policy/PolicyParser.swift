import GuardrailCore

/// Turns `kyverno.io` ClusterPolicy / Policy documents into ``KyvernoPolicy`` values.
///
/// Unknown fields are ignored (as Kubernetes' structural pruning would drop them); fields with the wrong
/// type or invalid values are reported as ``Diagnostic``s naming the policy and the field path, and the
/// smallest sensible unit (the rule, or the whole policy) is left out — parsing never traps.
public struct PolicyParser: Sendable {
    public init() {}

    /// Parses one policy document; returns `nil` (with an error diagnostic) when it cannot be used at all.
    public func parse(_ document: JSONValue, diagnostics: inout [Diagnostic]) -> KyvernoPolicy? {
        let kindName = document.member("kind")?.stringValue ?? ""
        guard let kind = PolicyReference.Kind(rawValue: kindName) else {
            diagnostics.append(Diagnostic(.error, "not a kyverno policy: kind '\(kindName)'"))
            return nil
        }
        // Plain member lookups rather than `[path:]`, whose variadic key list is an array allocation per call.
        let metadata = document.member("metadata")
        let name = metadata?.member("name")?.stringValue ?? ""
        // Kyverno: an empty policy namespace is treated as `default` (pkg/engine/internal/match.go).
        var namespace = kind == .policy ? (metadata?.member("namespace")?.stringValue ?? "") : ""
        if kind == .policy && namespace.isEmpty { namespace = "default" }
        let reference = PolicyReference(kind: kind, namespace: namespace, name: name)
        var reader = FieldReader(reference: reference, diagnostics: diagnostics)
        defer { diagnostics = reader.diagnostics }
        if name.isEmpty {
            reader.report(.error, "policy has no metadata.name", field: "metadata.name")
            return nil
        }
        let apiVersion = document.member("apiVersion")?.stringValue ?? ""
        if !["kyverno.io/v1", "kyverno.io/v2beta1", "kyverno.io/v2"].contains(apiVersion) {
            reader.report(
                .warning, "unexpected apiVersion '\(apiVersion)', reading it as kyverno.io/v1",
                field: "apiVersion")
        }
        let annotations = reader.stringMap(metadata?.member("annotations"), field: "metadata.annotations")
        guard let spec = document.member("spec"), spec.objectValue != nil else {
            reader.report(.error, "policy has no spec", field: "spec")
            return nil
        }
        var rules: [PolicyRule] = []
        // Read once: reading it again (for autogen below) reported a malformed `rules` twice.
        let ruleDocuments = reader.array(spec.member("rules"), field: "spec.rules")
        for (index, ruleJSON) in ruleDocuments.enumerated() {
            guard let rule = parseRule(ruleJSON, field: "spec.rules[\(index)]", reader: &reader) else { continue }
            // A linear scan: policies have a handful of rules, and a Set cost more than the scan.
            if rules.contains(where: { $0.name == rule.name }) {
                reader.report(.warning, "duplicate rule name '\(rule.name)'", field: "spec.rules[\(index)].name")
            }
            rules.append(rule)
        }
        if rules.isEmpty { reader.report(.warning, "policy has no usable rules", field: "spec.rules") }
        // Autogen rules are derived from the documents of the rules that parsed (not worth collecting when
        // the annotation turns autogen off, as can-i does for requests that are not for Pod controllers).
        if !Autogen.isDisabled(annotations: annotations) {
            let parsedDocuments = ruleDocuments.filter { doc in
                rules.contains { $0.name == doc.member("name")?.stringValue }
            }
            for (generated, source) in Autogen.generate(rules: parsedDocuments, annotations: annotations) {
                var quiet = FieldReader(reference: reference, diagnostics: [])
                // Marked as generated while parsing, rather than by building the rule a second time.
                if let rule = parseRule(generated, field: "autogen(\(source))", autogenSource: source, reader: &quiet) {
                    rules.append(rule)
                }
            }
        }

        var applyRules = ApplyRules.all
        if let raw = spec.member("applyRules") {
            if let parsed = raw.stringValue.flatMap(ApplyRules.init(rawValue:)) {
                applyRules = parsed
            } else {
                reader.report(.warning, "invalid applyRules \(raw), using All", field: "spec.applyRules")
            }
        }
        let action = reader.string(spec.member("validationFailureAction"), field: "spec.validationFailureAction") ?? ""
        if !["", "audit", "enforce", "Audit", "Enforce"].contains(action) {
            reader.report(
                .warning, "invalid validationFailureAction '\(action)' (treated as Audit)",
                field: "spec.validationFailureAction")
        }
        let overrides = parseOverrides(
            spec.member("validationFailureActionOverrides"),
            field: "spec.validationFailureActionOverrides", reader: &reader)
        if kind == .policy && !overrides.isEmpty {
            reader.report(
                .warning, "validationFailureActionOverrides is only allowed on ClusterPolicy",
                field: "spec.validationFailureActionOverrides")
        }
        var failurePolicy = FailurePolicy.fail
        let webhook = spec.member("webhookConfiguration")
        if let raw = webhook?.member("failurePolicy")?.stringValue ?? spec.member("failurePolicy")?.stringValue {
            if let parsed = FailurePolicy(rawValue: raw) {
                failurePolicy = parsed
            } else {
                reader.report(.warning, "invalid failurePolicy '\(raw)', using Fail", field: "spec.failurePolicy")
            }
        }
        let matchConditions = webhook?.member("matchConditions")?.arrayValue ?? []
        var ready: Bool? = nil
        let status = document.member("status")
        if let conditions = status?.member("conditions")?.arrayValue {
            for condition in conditions where condition.member("type")?.stringValue == "Ready" {
                ready = condition.member("status")?.stringValue == "True"
            }
        } else if let statusReady = status?.member("ready")?.boolValue {
            ready = statusReady
        }
        return KyvernoPolicy(
            reference: reference, apiVersion: apiVersion, annotations: annotations, rules: rules,
            applyRules: applyRules, validationFailureAction: action, validationFailureActionOverrides: overrides,
            admission: reader.bool(spec.member("admission"), field: "spec.admission") ?? true,
            background: reader.bool(spec.member("background"), field: "spec.background") ?? true,
            failurePolicy: failurePolicy,
            emitWarning: reader.bool(spec.member("emitWarning"), field: "spec.emitWarning") ?? false,
            webhookMatchConditions: matchConditions, ready: ready)
    }

    /// `autogenSource` names the rule an autogen rule was generated from (`nil` for rules as written).
    private func parseRule(
        _ json: JSONValue, field: @autoclosure () -> String, autogenSource: String? = nil,
        reader: inout FieldReader
    ) -> PolicyRule? {
        guard json.objectValue != nil else {
            reader.report(.error, "rule is not an object", field: field())
            return nil
        }
        guard let name = json.member("name")?.stringValue, !name.isEmpty else {
            reader.report(.error, "rule has no name", field: field() + ".name")
            return nil
        }
        func ruleField() -> String { "\(field())(\(name))" }
        if name.utf8.count > 63 && name.count > 63 {
            reader.report(.warning, "rule name longer than 63 characters", field: ruleField())
        }
        var type = RuleType.validate
        let bodies = ["validate", "mutate", "generate", "verifyImages"].filter { json.member($0) != nil }
        if bodies.count > 1 {
            reader.report(.error, "rule has more than one of \(bodies.joined(separator: ", "))", field: ruleField())
            return nil
        }
        if let body = bodies.first {
            type = RuleType(rawValue: body)!
            switch type {
            case .verifyImages:
                reader.report(
                    .warning,
                    "not supported yet: verifyImages rules (image signature checks need registry "
                        + "access; Kyverno evaluates them in its mutating webhook) — this rule is not evaluated",
                    field: ruleField())
            case .mutate, .generate:
                reader.report(.note, "\(body) rule does not take part in validation; ignored", field: ruleField())
            case .validate:
                break
            }
        } else {
            reader.report(.error, "rule has none of validate, mutate, generate, verifyImages", field: ruleField())
            return nil
        }
        guard let matchJSON = json.member("match") else {
            reader.report(.error, "rule has no match", field: ruleField() + ".match")
            return nil
        }
        guard let match = MatchParser.parse(matchJSON, field: ruleField() + ".match", reader: &reader) else {
            return nil
        }
        var exclude: MatchResources? = nil
        if let excludeJSON = json.member("exclude") {
            guard let parsed = MatchParser.parse(excludeJSON, field: ruleField() + ".exclude", reader: &reader) else {
                return nil
            }
            exclude = parsed
        }
        let context = parseContext(json.member("context"), field: ruleField() + ".context", reader: &reader)
        var preconditions: ConditionBlock? = nil
        if let raw = json.member("preconditions"), !raw.isNull {
            guard let parsed = ConditionParser.parse(raw, field: ruleField() + ".preconditions", reader: &reader) else {
                return nil
            }
            preconditions = parsed
        }
        var validate: ValidateSpec? = nil
        if type == .validate, let v = json.member("validate") {
            guard let parsed = parseValidate(v, field: ruleField() + ".validate", reader: &reader) else { return nil }
            validate = parsed
        }
        return PolicyRule(
            name: name, type: type, match: match, exclude: exclude, context: context,
            preconditions: preconditions, hasCELPreconditions: json.member("celPreconditions") != nil,
            validate: validate, autogenSource: autogenSource)
    }

    private func parseContext(
        _ json: JSONValue?, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> [ContextEntry] {
        var context: [ContextEntry] = []
        for (i, entry) in reader.array(json, field: field()).enumerated() {
            let entryName = entry.member("name")?.stringValue ?? ""
            if let variable = entry.member("variable") {
                context.append(
                    ContextEntry(
                        name: entryName,
                        source: .variable(
                            value: variable.member("value"), jmesPath: variable.member("jmesPath")?.stringValue,
                            defaultValue: variable.member("default"))))
            } else {
                let kind = ["configMap", "apiCall", "imageRegistry", "globalReference"].first {
                    entry.member($0) != nil
                }
                if kind == nil {
                    reader.report(.warning, "unknown context entry type", field: "\(field())[\(i)]")
                }
                context.append(ContextEntry(name: entryName, source: .unsupported(kind ?? "unknown")))
            }
        }
        return context
    }

    private func parseForEach(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> [ForEachSpec]? {
        guard let entries = json.arrayValue else {
            reader.report(.error, "foreach must be a list", field: field())
            return nil
        }
        var result: [ForEachSpec] = []
        for (i, entry) in entries.enumerated() {
            func entryField() -> String { "\(field())[\(i)]" }
            guard let list = entry.member("list")?.stringValue else {
                reader.report(.error, "foreach entry has no list", field: entryField() + ".list")
                return nil
            }
            var spec = ForEachSpec(list: list)
            spec.context = parseContext(entry.member("context"), field: entryField() + ".context", reader: &reader)
            if let raw = entry.member("preconditions"), !raw.isNull {
                guard let parsed = ConditionParser.parse(raw, field: entryField() + ".preconditions", reader: &reader)
                else { return nil }
                spec.preconditions = parsed
            }
            if let deny = entry.member("deny") {
                if let conditions = deny.member("conditions"), !conditions.isNull {
                    guard let parsed = ConditionParser.parse(conditions, field: entryField() + ".deny.conditions",
                                                             reader: &reader) else { return nil }
                    spec.deny = .some(parsed)
                } else {
                    spec.deny = .some(nil)
                }
            }
            spec.pattern = entry.member("pattern")
            spec.anyPattern = entry.member("anyPattern")
            spec.elementScope = entry.member("elementScope")?.boolValue
            spec.hasNestedForeach = entry.member("foreach") != nil
            result.append(spec)
        }
        return result
    }

    private func parseValidate(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> ValidateSpec? {
        guard json.objectValue != nil else {
            reader.report(.error, "validate is not an object", field: field())
            return nil
        }
        var spec = ValidateSpec()
        if let action = reader.string(json.member("failureAction"), field: field() + ".failureAction") {
            if action != "Audit" && action != "Enforce" {
                reader.report(
                    .warning, "invalid failureAction '\(action)' (only Audit or Enforce; treated as Audit)",
                    field: field() + ".failureAction")
            }
            spec.failureAction = action
        }
        spec.failureActionOverrides = parseOverrides(
            json.member("failureActionOverrides"),
            field: field() + ".failureActionOverrides", reader: &reader)
        spec.allowExistingViolations =
            reader.bool(
                json.member("allowExistingViolations"),
                field: field() + ".allowExistingViolations") ?? true
        spec.message = reader.string(json.member("message"), field: field() + ".message") ?? ""
        spec.pattern = json.member("pattern")
        if let anyPattern = json.member("anyPattern") {
            if anyPattern.arrayValue == nil {
                reader.report(.error, "anyPattern must be a list", field: field() + ".anyPattern")
                return nil
            }
            spec.anyPattern = anyPattern
        }
        if let deny = json.member("deny") {
            if let conditions = deny.member("conditions"), !conditions.isNull {
                guard
                    let parsed = ConditionParser.parse(
                        conditions, field: field() + ".deny.conditions",
                        reader: &reader)
                else { return nil }
                spec.deny = .some(parsed)
            } else {
                spec.deny = .some(nil)
            }
        }
        spec.unsupportedBodies = ["podSecurity", "cel", "manifests", "assert"].filter { json.member($0) != nil }
        if let foreach = json.member("foreach") {
            if let parsed = parseForEach(foreach, field: field() + ".foreach", reader: &reader),
               !parsed.contains(where: \.hasNestedForeach) {
                spec.foreach = parsed
            } else {
                spec.unsupportedBodies.append("foreach")
            }
        }
        if spec.deny == nil && spec.pattern == nil && spec.anyPattern == nil && spec.foreach.isEmpty
            && spec.unsupportedBodies.isEmpty
        {
            reader.report(
                .warning, "validate has none of deny, pattern, anyPattern, foreach, podSecurity, cel",
                field: field())
        }
        return spec
    }

    private func parseOverrides(
        _ json: JSONValue?, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> [FailureActionOverride] {
        var result: [FailureActionOverride] = []
        for (i, entry) in reader.array(json, field: field()).enumerated() {
            func entryField() -> String { "\(field())[\(i)]" }
            let action = reader.string(entry.member("action"), field: entryField() + ".action") ?? ""
            var namespaces: [String]? = nil
            if let raw = entry.member("namespaces"), !raw.isNull {
                namespaces = reader.stringList(raw, field: entryField() + ".namespaces")
            }
            var selector: LabelSelector? = nil
            if let raw = entry.member("namespaceSelector"), !raw.isNull {
                selector = MatchParser.parseSelector(raw, field: entryField() + ".namespaceSelector", reader: &reader)
            }
            result.append(FailureActionOverride(action: action, namespaces: namespaces, namespaceSelector: selector))
        }
        return result
    }
}

/// Parses `match`/`exclude` blocks (shared by policies and PolicyExceptions).
enum MatchParser {
    static func parse(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> MatchResources? {
        guard json.objectValue != nil else {
            reader.report(.error, "must be an object", field: field())
            return nil
        }
        // Built from locals in one go: assigning into a MatchResources copied the filters it held.
        var any: [ResourceFilter] = []
        for (i, filter) in reader.array(json.member("any"), field: field() + ".any").enumerated() {
            guard let parsed = parseFilter(filter, field: "\(field()).any[\(i)]", reader: &reader) else { return nil }
            any.append(parsed)
        }
        var all: [ResourceFilter] = []
        for (i, filter) in reader.array(json.member("all"), field: field() + ".all").enumerated() {
            guard let parsed = parseFilter(filter, field: "\(field()).all[\(i)]", reader: &reader) else { return nil }
            all.append(parsed)
        }
        if !any.isEmpty && !all.isEmpty {
            reader.report(.warning, "both any and all are set; Kyverno uses any", field: field())
        }
        guard let legacy = parseFilter(json, field: field(), reader: &reader) else { return nil }
        return MatchResources(any: any, all: all, legacy: legacy)
    }

    static func parseFilter(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> ResourceFilter? {
        guard json.objectValue != nil else {
            reader.report(.error, "must be an object", field: field())
            return nil
        }
        var resources = ResourceDescription()
        if let raw = json.member("resources"), !raw.isNull {
            guard let parsed = parseDescription(raw, field: field() + ".resources", reader: &reader) else {
                return nil
            }
            resources = parsed
        }
        var subjects: [Subject] = []
        for (i, subject) in reader.array(json.member("subjects"), field: field() + ".subjects").enumerated() {
            let kind = subject.member("kind")?.stringValue ?? ""
            let name = subject.member("name")?.stringValue ?? ""
            if !["User", "Group", "ServiceAccount"].contains(kind) {
                reader.report(.warning, "subject kind '\(kind)' never matches", field: "\(field()).subjects[\(i)]")
            }
            subjects.append(
                Subject(
                    kind: kind, name: name,
                    namespace: subject.member("namespace")?.stringValue ?? ""))
        }
        let roles = reader.stringList(json.member("roles"), field: field() + ".roles")
        for role in roles where role.split(separator: ":", omittingEmptySubsequences: false).count != 2 {
            reader.report(.warning, "role '\(role)' is not of the form namespace:name", field: field() + ".roles")
        }
        let clusterRoles = reader.stringList(json.member("clusterRoles"), field: field() + ".clusterRoles")
        return ResourceFilter(resources: resources, subjects: subjects, roles: roles, clusterRoles: clusterRoles)
    }

    static func parseDescription(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    )
        -> ResourceDescription?
    {
        guard json.objectValue != nil else {
            reader.report(.error, "must be an object", field: field())
            return nil
        }
        // Fields are read in this order (it is the order of their diagnostics), then the description is built
        // once: setting `kinds` on a built one would parse the kind selectors again.
        let kinds = reader.stringList(json.member("kinds"), field: field() + ".kinds")
        let name = reader.string(json.member("name"), field: field() + ".name")
        let names = reader.stringList(json.member("names"), field: field() + ".names")
        let namespaces = reader.stringList(json.member("namespaces"), field: field() + ".namespaces")
        let operations = reader.stringList(json.member("operations"), field: field() + ".operations")
        for op in operations where !["CREATE", "UPDATE", "DELETE", "CONNECT"].contains(op) {
            reader.report(.warning, "unknown operation '\(op)'", field: field() + ".operations")
        }
        var annotations: [LabelPair] = []
        if let object = json.member("annotations")?.objectValue {
            annotations.reserveCapacity(object.count)
            for entry in object { annotations.append(LabelPair(entry.key, scalarText(entry.value))) }
        }
        var selector: LabelSelector? = nil
        if let raw = json.member("selector"), !raw.isNull {
            selector = parseSelector(raw, field: field() + ".selector", reader: &reader)
        }
        var namespaceSelector: LabelSelector? = nil
        if let raw = json.member("namespaceSelector"), !raw.isNull {
            namespaceSelector = parseSelector(raw, field: field() + ".namespaceSelector", reader: &reader)
        }
        return ResourceDescription(
            kinds: kinds, name: name, names: names, namespaces: namespaces, annotations: annotations,
            selector: selector, namespaceSelector: namespaceSelector, operations: operations)
    }

    static func parseSelector(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> LabelSelector {
        var selector = LabelSelector()
        if let labels = json.member("matchLabels")?.objectValue {
            for entry in labels { selector.matchLabels.append(LabelPair(entry.key, scalarText(entry.value))) }
        }
        let expressions = reader.array(json.member("matchExpressions"), field: field() + ".matchExpressions")
        for (i, expression) in expressions.enumerated() {
            let op = expression.member("operator")?.stringValue ?? ""
            if !["In", "NotIn", "Exists", "DoesNotExist"].contains(op) {
                reader.report(
                    .warning, "invalid selector operator '\(op)' (the selector never matches)",
                    field: "\(field()).matchExpressions[\(i)]")
            }
            selector.matchExpressions.append(
                LabelSelector.Requirement(
                    key: expression.member("key")?.stringValue ?? "", operator: op,
                    values: reader.stringList(
                        expression.member("values"), field: "\(field()).matchExpressions[\(i)].values")))
        }
        return selector
    }

    /// YAML may give `true`/numbers for label values; Kubernetes would reject them, we read their text.
    static func scalarText(_ value: JSONValue) -> String {
        if let s = value.stringValue { return s }
        return value.description
    }
}

/// Parses condition blocks: `{any: [...], all: [...]}` or the legacy bare list
/// (Kyverno api/kyverno/v1/wrappers.go `ConditionsWrapper`).
enum ConditionParser {
    static func parse(
        _ json: JSONValue, field: @autoclosure () -> String, reader: inout FieldReader
    ) -> ConditionBlock? {
        if let list = json.arrayValue {
            guard let conditions = parseList(list, field: field(), reader: &reader) else { return nil }
            return ConditionBlock(any: nil, all: conditions, isLegacyList: true)
        }
        guard json.objectValue != nil else {
            reader.report(.error, "conditions must be a list or an object with any/all", field: field())
            return nil
        }
        var block = ConditionBlock()
        if let any = json.member("any"), !any.isNull {
            guard let list = any.arrayValue,
                let parsed = parseList(list, field: field() + ".any", reader: &reader)
            else {
                reader.report(.error, "any must be a list", field: field() + ".any")
                return nil
            }
            block.any = parsed
        }
        if let all = json.member("all"), !all.isNull {
            guard let list = all.arrayValue,
                let parsed = parseList(list, field: field() + ".all", reader: &reader)
            else {
                reader.report(.error, "all must be a list", field: field() + ".all")
                return nil
            }
            block.all = parsed
        }
        return block
    }

    static func parseList(
        _ list: [JSONValue], field: @autoclosure () -> String, reader: inout FieldReader
    ) -> [Condition]? {
        var result: [Condition] = []
        for (i, item) in list.enumerated() {
            guard item.objectValue != nil else {
                reader.report(.error, "condition is not an object", field: "\(field())[\(i)]")
                return nil
            }
            let op = item.member("operator")?.stringValue ?? ""
            if ConditionOperator(name: op) == nil {
                reader.report(
                    .warning, "unknown condition operator '\(op)' (evaluation will error)",
                    field: "\(field())[\(i)].operator")
            }
            result.append(
                Condition(
                    key: item.member("key") ?? .null, operator: op, value: item.member("value") ?? .null,
                    message: item.member("message")?.stringValue ?? ""))
        }
        return result
    }
}

/// Typed field access that records diagnostics instead of failing.
///
/// Field paths are autoclosures: they are only needed for a diagnostic, and building them eagerly
/// ("spec.rules[3](name).match.any[0].resources.kinds" for every field read) was a good part of the cost of
/// loading a thousand valid policies.
struct FieldReader {
    /// What diagnostics name as `policy`; for policies it is derived from ``reference`` only when one is
    /// reported (valid policies never need the text).
    private var label: String?
    private var reference: PolicyReference?
    var diagnostics: [Diagnostic]

    init(policy: String, diagnostics: [Diagnostic]) {
        label = policy
        self.diagnostics = diagnostics
    }

    /// Diagnostics name the policy as ``PolicyReference/description``.
    init(reference: PolicyReference, diagnostics: [Diagnostic]) {
        self.reference = reference
        self.diagnostics = diagnostics
    }

    var policy: String { label ?? reference?.description ?? "" }

    mutating func report(_ severity: Diagnostic.Severity, _ message: String, field: @autoclosure () -> String) {
        diagnostics.append(Diagnostic(severity, message, context: ["policy": policy, "field": field()]))
    }

    mutating func string(_ value: JSONValue?, field: @autoclosure () -> String) -> String? {
        guard let value, !value.isNull else { return nil }
        if let s = value.stringValue { return s }
        report(.warning, "expected a string, found \(value.typeName)", field: field())
        return nil
    }

    mutating func bool(_ value: JSONValue?, field: @autoclosure () -> String) -> Bool? {
        guard let value, !value.isNull else { return nil }
        if let b = value.boolValue { return b }
        report(.warning, "expected a boolean, found \(value.typeName)", field: field())
        return nil
    }

    mutating func array(_ value: JSONValue?, field: @autoclosure () -> String) -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        if let a = value.arrayValue { return a }
        report(.warning, "expected a list, found \(value.typeName)", field: field())
        return []
    }

    mutating func stringList(_ value: JSONValue?, field: @autoclosure () -> String) -> [String] {
        let items = array(value, field: field())
        guard !items.isEmpty else { return [] }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            if let s = item.stringValue {
                result.append(s)
            } else {
                report(.warning, "expected a string, found \(item.typeName)", field: "\(field())[\(i)]")
            }
        }
        return result
    }

    mutating func stringMap(_ value: JSONValue?, field: @autoclosure () -> String) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var result = [String: String](minimumCapacity: object.count)
        for entry in object {
            result[entry.key] = MatchParser.scalarText(entry.value)
        }
        return result
    }
}
