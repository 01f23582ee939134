import GuardrailCore
import KyvernoJMESPath

/// One reason a filter matched: the field and the value that satisfied it, and — for roles — the
/// bindings that gave the caller that role.
public struct MatchEvidence: Sendable, Hashable, CustomStringConvertible {
    /// `kinds`, `names`, `namespaces`, `subjects`, `roles`, `clusterRoles`, `operations`, …
    public var field: String
    /// What matched, e.g. `cluster-admin` or `User alice` or `Pod`.
    public var detail: String
    /// For roles/clusterRoles: `ClusterRoleBinding 'admins' (subject Group ops)`.
    public var via: [String]

    public init(field: String, detail: String, via: [String] = []) {
        self.field = field
        self.detail = detail
        self.via = via
    }

    /// `clusterRoles contains cluster-admin via ClusterRoleBinding 'x' (subject User y)`.
    public var description: String {
        var text = "\(field): \(detail)"
        if !via.isEmpty { text += " via " + via.joined(separator: ", ") }
        return text
    }
}

/// The outcome of matching one `match`/`exclude` block.
public enum MatchOutcome: Sendable, Hashable {
    /// Matched; `clause` names the filter (`match.any[0]`, `match.all`, `match`), `evidence` says why.
    case matched(clause: String, evidence: [MatchEvidence])
    /// Did not match; `reason` names the failing clause and criterion.
    case notMatched(reason: String)
    /// Depends on parts of the request that were not supplied.
    case unknown(fields: Set<String>, clause: String)
}

/// What is known about the resource a rule is matched against.
struct MatchTarget {
    var gvk: GroupVersionKind
    var subresource: String
    var operation: String
    /// `metadata.name` (or `generateName`), `nil` when unknown.
    var name: String?
    /// The resource namespace; for a `Namespace` object its name is used by `namespaces`.
    var namespace: String
    var labels: [String: String]?
    var annotations: [String: String]?
    /// Labels of the request namespace; `nil` when unknown.
    var namespaceLabels: [String: String]?
    var user: UserInfo
    var roles: KyvernoRoles
}

/// Kyverno pkg/engine/utils/match.go `MatchesResourceDescription` and `doesResourceMatchConditionBlock`.
enum ResourceMatcher {
    /// Evaluates `match` (exclude = false) or `exclude` (exclude = true).
    static func evaluate(
        _ block: MatchResources, target: MatchTarget, label: String, isExclude: Bool,
        ignoreOperations: Bool = false
    ) -> MatchOutcome {
        if !block.any.isEmpty {
            var reasons: [String] = []
            var unknown = Set<String>()
            for (i, filter) in block.any.enumerated() {
                let clause = "\(label).any[\(i)]"
                switch matchFilter(filter, target: target, isExclude: isExclude, ignoreOperations: ignoreOperations) {
                case .matched(let evidence): return .matched(clause: clause, evidence: evidence)
                case .failed(let reason): reasons.append("\(clause): \(reason)")
                case .unknown(let fields): unknown.formUnion(fields)
                }
            }
            if !unknown.isEmpty { return .unknown(fields: unknown, clause: "\(label).any") }
            return .notMatched(reason: reasons.joined(separator: "; "))
        }
        if !block.all.isEmpty {
            var evidence: [MatchEvidence] = []
            var unknown = Set<String>()
            for (i, filter) in block.all.enumerated() {
                let clause = "\(label).all[\(i)]"
                switch matchFilter(filter, target: target, isExclude: isExclude, ignoreOperations: ignoreOperations) {
                case .matched(let e): evidence += e
                case .failed(let reason): return .notMatched(reason: "\(clause): \(reason)")
                case .unknown(let fields): unknown.formUnion(fields)
                }
            }
            if !unknown.isEmpty { return .unknown(fields: unknown, clause: "\(label).all") }
            return .matched(clause: "\(label).all", evidence: evidence)
        }
        switch matchFilter(block.legacy, target: target, isExclude: isExclude, ignoreOperations: ignoreOperations) {
        case .matched(let evidence): return .matched(clause: label, evidence: evidence)
        case .failed(let reason): return .notMatched(reason: "\(label): \(reason)")
        case .unknown(let fields): return .unknown(fields: fields, clause: label)
        }
    }

    enum FilterResult {
        case matched([MatchEvidence])
        case failed(String)
        case unknown(Set<String>)
    }

    /// One filter: every specified criterion must hold.
    static func matchFilter(
        _ filter: ResourceFilter, target: MatchTarget, isExclude: Bool,
        ignoreOperations: Bool = false
    ) -> FilterResult {
        // Kyverno: an empty filter is "match cannot be empty" for match and never excludes.
        if filter.isEmpty { return .failed(isExclude ? "empty filter" : "match cannot be empty") }
        var evidence: [MatchEvidence] = []
        var unknown = Set<String>()
        let r = filter.resources
        if !r.operations.isEmpty && !ignoreOperations {
            guard r.operations.contains(target.operation) else {
                return .failed("operation \(target.operation) not in operations \(list(r.operations))")
            }
            evidence.append(MatchEvidence(field: "operations", detail: target.operation))
        }
        if !r.kinds.isEmpty {
            guard
                let index = r.kindSelectors.firstIndex(where: {
                    $0.matches(target.gvk, subresource: target.subresource)
                })
            else {
                return .failed(
                    "kind \(target.gvk.apiVersionKind)\(target.subresource.isEmpty ? "" : "/" + target.subresource)"
                        + " not in kinds \(list(r.kinds))"
                )
            }
            let hit = r.kinds[index]
            let kindText = target.gvk.kind + (target.subresource.isEmpty ? "" : "/\(target.subresource)")
            evidence.append(MatchEvidence(field: "kinds", detail: hit == kindText ? hit : "\(hit) matches \(kindText)"))
        }
        let nameCriteria = (r.name.map { [$0] } ?? []).filter { !$0.isEmpty } + r.names
        if !nameCriteria.isEmpty {
            if let name = target.name {
                if let n = r.name, !n.isEmpty, !Wildcard.match(n, name) {
                    return .failed("name '\(name)' does not match '\(n)'")
                }
                if !r.names.isEmpty {
                    guard let hit = r.names.first(where: { Wildcard.match($0, name) }) else {
                        return .failed("name '\(name)' not in names \(list(r.names))")
                    }
                    evidence.append(MatchEvidence(field: "names", detail: "\(hit) matches \(name)"))
                } else {
                    evidence.append(MatchEvidence(field: "name", detail: name))
                }
            } else {
                unknown.insert("metadata.name")
            }
        }
        if !r.namespaces.isEmpty {
            // For a Namespace object the namespace criterion applies to its name.
            let ns = target.gvk.kind == "Namespace" ? (target.name ?? "") : target.namespace
            if target.gvk.kind == "Namespace" && target.name == nil {
                unknown.insert("metadata.name")
            } else {
                guard let hit = r.namespaces.first(where: { Wildcard.match($0, ns) }) else {
                    return .failed("namespace '\(ns)' not in namespaces \(list(r.namespaces))")
                }
                evidence.append(MatchEvidence(field: "namespaces", detail: hit == ns ? ns : "\(hit) matches \(ns)"))
            }
        }
        if !r.annotations.isEmpty {
            if let annotations = target.annotations {
                for pattern in r.annotations {
                    guard
                        annotations.contains(where: {
                            Wildcard.match(pattern.key, $0.key) && Wildcard.match(pattern.value, $0.value)
                        })
                    else {
                        return .failed("no annotation matches \(pattern.key)=\(pattern.value)")
                    }
                }
                evidence.append(
                    MatchEvidence(
                        field: "annotations",
                        detail: r.annotations.map { "\($0.key)=\($0.value)" }.joined(separator: ",")))
            } else {
                unknown.insert("metadata.annotations")
            }
        }
        if let selector = r.selector {
            if let labels = target.labels {
                guard selector.matches(labels) else {
                    return .failed("labels do not match selector \(selector.summary)")
                }
                evidence.append(MatchEvidence(field: "selector", detail: selector.summary))
            } else {
                unknown.insert("metadata.labels")
            }
        }
        if let selector = r.namespaceSelector, !target.gvk.kind.isEmpty {
            // Kyverno: namespaceSelector on a Namespace object is an error → not matched.
            if target.gvk.kind == "Namespace" {
                return .failed("namespaceSelector cannot be used for Namespace objects")
            }
            if let labels = target.namespaceLabels {
                guard selector.matches(labels) else {
                    return .failed(
                        "namespace '\(target.namespace)' labels do not match namespaceSelector \(selector.summary)")
                }
                evidence.append(MatchEvidence(field: "namespaceSelector", detail: selector.summary))
            } else {
                unknown.insert("labels of namespace '\(target.namespace)'")
            }
        }
        // User information: roles, clusterRoles and subjects are ANDed (each specified list must match).
        if !filter.roles.isEmpty {
            guard let hit = target.roles.roles.first(where: { filter.roles.contains($0) }) else {
                return .failed("caller roles \(list(target.roles.roles)) not in roles \(list(filter.roles))")
            }
            evidence.append(
                MatchEvidence(field: "roles", detail: hit, via: grants(target.roles.sources(of: hit, cluster: false))))
        }
        if !filter.clusterRoles.isEmpty {
            guard let hit = target.roles.clusterRoles.first(where: { filter.clusterRoles.contains($0) }) else {
                return .failed(
                    "caller clusterRoles \(list(target.roles.clusterRoles))"
                        + " not in clusterRoles \(list(filter.clusterRoles))"
                )
            }
            evidence.append(
                MatchEvidence(
                    field: "clusterRoles", detail: hit,
                    via: grants(target.roles.sources(of: hit, cluster: true))))
        }
        if !filter.subjects.isEmpty {
            guard let hit = SubjectMatcher.firstMatch(filter.subjects, user: target.user) else {
                return .failed(
                    "user '\(target.user.username)' matches none of subjects"
                        + " \(list(filter.subjects.map(\.description)))"
                )
            }
            evidence.append(MatchEvidence(field: "subjects", detail: hit.description))
        }
        if !unknown.isEmpty { return .unknown(unknown) }
        return .matched(evidence)
    }

    static func grants(_ grants: [RoleGrant]) -> [String] {
        grants.map { "\($0.binding) (subject \($0.subject))" }
    }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
}
