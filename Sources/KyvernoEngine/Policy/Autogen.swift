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

    /// Whether the annotation turns autogen off (`none`): then ``generate(rules:annotations:)`` yields nothing.
    static func isDisabled(annotations: [String: String]) -> Bool { annotations[annotation] == "none" }

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
            guard let name = rule.member("name")?.stringValue, matchesPod(rule) else { continue }
            if !nonCron.isEmpty {
                let generated = rewrite(
                    rule, name: truncate("autogen-" + name), kinds: nonCron,
                    specPath: "spec.template", wrap: { nest($0, under: ["spec", "template"]) })
                result.append((generated, name))
            }
            if controllers.contains("CronJob") {
                let generated = rewrite(
                    rule, name: truncate("autogen-cronjob-" + name), kinds: ["CronJob"],
                    specPath: "spec.jobTemplate.spec.template",
                    wrap: { nest($0, under: ["spec", "jobTemplate", "spec", "template"]) })
                result.append((generated, name))
            }
        }
        return result
    }

    /// `value` under the object path `keys` (`{spec: {template: value}}`), built directly rather than
    /// through dictionary literals, which insert key by key.
    private static func nest(_ value: JSONValue, under keys: [String]) -> JSONValue {
        var result = value
        for key in keys.reversed() {
            result = .object(JSONObject(uniqueEntries: [JSONObject.Entry(key: key, value: result)]))
        }
        return result
    }

    /// The first 63 characters; names that short in UTF-8 bytes are returned as they are (no copy).
    private static func truncate(_ name: String) -> String {
        name.utf8.count <= 63 ? name : String(name.prefix(63))
    }

    /// Kyverno `CanAutoGen`: no generate/patchesJson6902 rules, and no match/exclude filter with a name,
    /// names, selector, annotations, or Pod mixed with other kinds; at least one filter must name Pod.
    static func canAutogen(_ rules: [JSONValue]) -> Bool {
        var needed = false
        for rule in rules {
            if rule.member("generate") != nil { return false }
            if rule.member("mutate")?.member("patchesJson6902") != nil { return false }
            let allowed = resourceDescriptions(of: rule, in: ["match", "exclude"]) { description in
                if let name = description.member("name")?.stringValue, !name.isEmpty { return false }
                if let names = description.member("names")?.arrayValue, !names.isEmpty { return false }
                if description.member("selector") != nil || description.member("annotations") != nil { return false }
                // The string kinds: how many, and whether one is Pod.
                var kindCount = 0
                var namesPod = false
                for kind in description.member("kinds")?.arrayValue ?? [] {
                    guard let kind = kind.stringValue else { continue }
                    kindCount += 1
                    if kind == "Pod" { namesPod = true }
                }
                if kindCount > 1 && namesPod { return false }
                if namesPod { needed = true }
                return true
            }
            if !allowed { return false }
        }
        return needed
    }

    /// Whether `check` holds for every resource description of the `blocks` of `rule` (each block's legacy
    /// `resources`, then those of its `any` and `all` filters); stops at the first that fails. Visiting them
    /// in place spares collecting them into arrays for every rule of every policy.
    private static func resourceDescriptions(
        of rule: JSONValue, in blocks: [String], allSatisfy check: (JSONValue) -> Bool
    ) -> Bool {
        for block in blocks {
            guard let b = rule.member(block) else { continue }
            if let r = b.member("resources"), !check(r) { return false }
            for key in ["any", "all"] {
                for filter in b.member(key)?.arrayValue ?? [] {
                    if let r = filter.member("resources"), !check(r) { return false }
                }
            }
        }
        return true
    }

    private static func matchesPod(_ rule: JSONValue) -> Bool {
        let noneNamesPod = resourceDescriptions(of: rule, in: ["match"]) { description in
            !(description.member("kinds")?.arrayValue ?? []).contains("Pod")
        }
        return !noneNamesPod
    }

    private static func rewrite(
        _ rule: JSONValue, name: String, kinds: [String], specPath: String,
        wrap: (JSONValue) -> JSONValue
    ) -> JSONValue {
        var rewritten = replaceStrings(rule) { rerootRequestPaths($0, under: specPath) } ?? rule
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

    /// `value` with `transform` applied to every string, or `nil` when no string changed (so a rule with
    /// nothing to rewrite is shared, not copied).
    private static func replaceStrings(_ value: JSONValue, _ transform: (String) -> String?) -> JSONValue? {
        switch value {
        case .string(let s): return transform(s).map(JSONValue.string)
        // By index: iterating hands out copies of every element and entry.
        case .array(let a):
            var result: [JSONValue]? = nil
            for index in a.indices {
                guard let changed = replaceStrings(a[index], transform) else { continue }
                if result == nil { result = a }
                result![index] = changed
            }
            return result.map(JSONValue.array)
        case .object(let o):
            var result: JSONObject? = nil
            for index in o.entries.indices {
                guard let changed = replaceStrings(o.entries[index].value, transform) else { continue }
                if result == nil { result = o }
                result![o.entries[index].key] = changed
            }
            return result.map(JSONValue.object)
        default: return nil
        }
    }

    /// Kyverno's byte replacements on the rule JSON (pkg/autogen/v1/rule.go): `request.object.spec` →
    /// `request.object.<specPath>.spec` and `request.object.metadata` → `request.object.<specPath>.metadata`,
    /// the same for `request.oldObject`, as plain substring replacement. Returns `nil` when `text` has none.
    ///
    /// One pass over the UTF-8 bytes: the sequential replace-all calls this stands for cost ~30% of loading
    /// 250 Pod policies (Character-by-Character search of every string of every rule, twice per rule).
    /// The two patterns never overlap (`r` occurs in them only at the start), so one left-to-right pass
    /// gives exactly the result of replacing them one after the other.
    static func rerootRequestPaths(_ text: String, under specPath: String) -> String? {
        let prefix = requestPrefix
        var text = text
        return text.withUTF8 { bytes -> String? in
            let count = bytes.count
            guard count >= prefix.count + 10 else { return nil }
            func matches(_ literal: [UInt8], at position: Int) -> Bool {
                guard position + literal.count <= count else { return false }
                for k in 0..<literal.count where bytes[position + k] != literal[k] { return false }
                return true
            }
            var output: [UInt8] = []
            var copied = 0
            var i = 0
            while i + prefix.count <= count {
                guard bytes[i] == UInt8(ascii: "r"), matches(prefix, at: i) else {
                    i += 1
                    continue
                }
                var rootEnd = -1
                if matches(objectRoot, at: i) {
                    rootEnd = i + objectRoot.count
                } else if matches(oldObjectRoot, at: i) {
                    rootEnd = i + oldObjectRoot.count
                }
                var field: [UInt8]? = nil
                if rootEnd >= 0 {
                    if matches(specSuffix, at: rootEnd) {
                        field = specSuffix
                    } else if matches(metadataSuffix, at: rootEnd) {
                        field = metadataSuffix
                    }
                }
                guard let field else {
                    i += 1
                    continue
                }
                if output.isEmpty { output.reserveCapacity(count + 64) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<rootEnd]))
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: specPath.utf8)
                output.append(contentsOf: field)
                i = rootEnd + field.count
                copied = i
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static let requestPrefix = Array("request.o".utf8)
    private static let objectRoot = Array("request.object".utf8)
    private static let oldObjectRoot = Array("request.oldObject".utf8)
    private static let specSuffix = Array(".spec".utf8)
    private static let metadataSuffix = Array(".metadata".utf8)
}
