import GuardrailCore

/// Drops policies that cannot possibly match a request's kind before the engine parses them — parsing
/// (with autogen) is most of the cost on clusters with hundreds of policies, and most policies are
/// about other kinds.
///
/// Conservative by construction: a policy is kept when any rule's `match` has no `kinds` list, when
/// any kinds entry has a wildcard, when any `/`-separated part of an entry equals the request's kind
/// (`Pod`, `v1/Pod`, `apps/v1/Deployment`, `Pod/exec`, compared case-insensitively), or — because
/// Kyverno's autogen turns Pod rules into rules for Pod controllers — when the request is for a Pod
/// controller and an entry names `Pod`. Only a policy whose every rule names other kinds is dropped.
enum PolicyPrefilter {
    /// Kinds Kyverno's autogen generates rules for from Pod rules (`pkg/autogen`).
    static let podControllers: Set<String> = [
        "deployment", "statefulset", "daemonset", "job", "cronjob", "replicaset", "replicationcontroller",
    ]

    /// Whether `policy` may apply to a request for `kind`.
    static func mayApply(_ policy: JSONValue, toKind kind: String) -> Bool {
        guard let rules = policy[path: "spec", "rules"]?.arrayValue, !rules.isEmpty else { return true }
        let kind = kind.lowercased()
        let controller = podControllers.contains(kind)
        for rule in rules {
            guard let match = rule["match"] else { return true }
            var lists: [[JSONValue]] = []
            collectKinds(match, into: &lists)
            if lists.isEmpty { return true }
            for entry in lists.joined() {
                guard let text = entry.stringValue?.lowercased() else { return true }
                if text.contains("*") || text.contains("?") { return true }
                let parts = text.split(separator: "/")
                if parts.contains(where: { $0 == kind }) { return true }
                if controller && parts.contains("pod") { return true }
            }
        }
        return false
    }

    private static func collectKinds(_ value: JSONValue, into lists: inout [[JSONValue]]) {
        switch value {
        case .object(let object):
            for entry in object {
                if entry.key == "kinds", let kinds = entry.value.arrayValue {
                    lists.append(kinds)
                } else {
                    collectKinds(entry.value, into: &lists)
                }
            }
        case .array(let items):
            for item in items { collectKinds(item, into: &lists) }
        default:
            break
        }
    }
}
