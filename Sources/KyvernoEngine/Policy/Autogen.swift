import GuardrailCore

/// Kyverno autogen v1 (pkg/autogen/v1/autogen.go, rule.go): Pod rules are also applied to Pod controllers.
///
/// Generation happens on the raw rule documents, like Kyverno's JSON rewriting: for every rule matching
/// `Pod`, `autogen-<rule>` matches `DaemonSet, Deployment, Job, StatefulSet, ReplicaSet,
/// ReplicationController` (those listed in the `pod-policies.kyverno.io/autogen-controllers` annotation)
/// with `request.object.spec` → `request.object.spec.template.spec` and `request.object.metadata` →
/// `request.object.spec.template.metadata` (same for `oldObject`) and patterns re-rooted under
/// `spec.template`; `autogen-cronjob-<rule>` does the same for CronJob under `spec.jobTemplate.spec.template`.
enum Autogen {
    static let annotation = "pod-policies.kyverno.io/autogen-controllers"
    static let defaultControllers = [
        "DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet",
        "ReplicationController", "CronJob",
    ]

    /// The autogen rule documents for `rules`, each with the name of its source rule.
    static func generate(rules: [JSONValue], annotations: [String: String]) -> [(rule: JSONValue, source: String)] {
        let controllers: [String]
        if let value = annotations[annotation] {
            if value == "none" { return [] }
            controllers = value.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
                .filter { defaultControllers.contains($0) }
        } else {
            controllers = defaultControllers
        }
        guard canAutogen(rules) else { return [] }
        let nonCron = controllers.filter { $0 != "CronJob" }
        var result: [(JSONValue, String)] = []
        for rule in rules {
            guard let name = rule["name"]?.stringValue, matchesPod(rule) else { continue }
            if !nonCron.isEmpty {
                let generated = rewrite(
                    rule, name: truncate("autogen-" + name), kinds: nonCron,
                    specPath: "spec.template", wrap: { ["spec": ["template": $0]] })
                result.append((generated, name))
            }
            if controllers.contains("CronJob") {
                let generated = rewrite(
                    rule, name: truncate("autogen-cronjob-" + name), kinds: ["CronJob"],
                    specPath: "spec.jobTemplate.spec.template",
                    wrap: { ["spec": ["jobTemplate": ["spec": ["template": $0]]]] })
                result.append((generated, name))
            }
        }
        return result
    }

    private static func truncate(_ name: String) -> String { String(name.prefix(63)) }

    /// Kyverno `CanAutoGen`: no generate/patchesJson6902 rules, and no match/exclude filter with a name,
    /// names, selector, annotations, or Pod mixed with other kinds; at least one filter must name Pod.
    static func canAutogen(_ rules: [JSONValue]) -> Bool {
        var needed = false
        for rule in rules {
            if rule["generate"] != nil { return false }
            if rule[path: "mutate", "patchesJson6902"] != nil { return false }
            for description in resourceDescriptions(rule) {
                if let name = description["name"]?.stringValue, !name.isEmpty { return false }
                if let names = description["names"]?.arrayValue, !names.isEmpty { return false }
                if description["selector"] != nil || description["annotations"] != nil { return false }
                let kinds = description["kinds"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if kinds.count > 1 && kinds.contains("Pod") { return false }
                if kinds.contains("Pod") { needed = true }
            }
        }
        return needed
    }

    private static func resourceDescriptions(_ rule: JSONValue) -> [JSONValue] {
        var result: [JSONValue] = []
        for block in ["match", "exclude"] {
            guard let b = rule[block] else { continue }
            if let r = b["resources"] { result.append(r) }
            for key in ["any", "all"] {
                for filter in b[key]?.arrayValue ?? [] { if let r = filter["resources"] { result.append(r) } }
            }
        }
        return result
    }

    private static func matchesPod(_ rule: JSONValue) -> Bool {
        guard let match = rule["match"] else { return false }
        var descriptions: [JSONValue] = []
        if let r = match["resources"] { descriptions.append(r) }
        for key in ["any", "all"] {
            for filter in match[key]?.arrayValue ?? [] { if let r = filter["resources"] { descriptions.append(r) } }
        }
        return descriptions.contains { ($0["kinds"]?.arrayValue ?? []).contains("Pod") }
    }

    private static func rewrite(
        _ rule: JSONValue, name: String, kinds: [String], specPath: String,
        wrap: (JSONValue) -> JSONValue
    ) -> JSONValue {
        var rewritten = replaceStrings(rule) { text in
            var t = text
            for root in ["request.object", "request.oldObject"] {
                t = t.replacingOccurrences(of: "\(root).spec", with: "\(root).__AUTOGEN_SPEC__")
                t = t.replacingOccurrences(of: "\(root).metadata", with: "\(root).\(specPath).metadata")
                t = t.replacingOccurrences(of: "\(root).__AUTOGEN_SPEC__", with: "\(root).\(specPath).spec")
            }
            return t
        }
        guard var object = rewritten.objectValue else { return rule }
        object["name"] = .string(name)
        for block in ["match", "exclude"] {
            guard var b = object[block]?.objectValue else { continue }
            if var r = b["resources"]?.objectValue { replaceKinds(&r, kinds); b["resources"] = .object(r) }
            for key in ["any", "all"] {
                guard let filters = b[key]?.arrayValue else { continue }
                b[key] = .array(
                    filters.map { filter in
                        guard var f = filter.objectValue, var r = f["resources"]?.objectValue else { return filter }
                        replaceKinds(&r, kinds)
                        f["resources"] = .object(r)
                        return .object(f)
                    })
            }
            object[block] = .object(b)
        }
        if var validate = object["validate"]?.objectValue {
            if let pattern = validate["pattern"] { validate["pattern"] = wrap(pattern) }
            if let anyPattern = validate["anyPattern"]?.arrayValue {
                validate["anyPattern"] = .array(anyPattern.map(wrap))
            }
            object["validate"] = .object(validate)
        }
        rewritten = .object(object)
        return rewritten
    }

    private static func replaceKinds(_ resources: inout JSONObject, _ controllers: [String]) {
        guard let kinds = resources["kinds"]?.arrayValue, kinds.contains("Pod") else { return }
        resources["kinds"] = .array(controllers.map(JSONValue.string))
    }

    private static func replaceStrings(_ value: JSONValue, _ transform: (String) -> String) -> JSONValue {
        switch value {
        case .string(let s): return .string(transform(s))
        case .array(let a): return .array(a.map { replaceStrings($0, transform) })
        case .object(let o):
            var result = JSONObject()
            for entry in o { result[entry.key] = replaceStrings(entry.value, transform) }
            return .object(result)
        default: return value
        }
    }
}
