import GuardrailCore
import KyvernoJMESPath

/// A `resourceFilters` tuple `[kind,namespace,name]` (Kyverno pkg/config/types.go `parseKinds`).
public struct ResourceFilterEntry: Sendable, Hashable, CustomStringConvertible {
    /// The kind selector (group/version/kind/subresource patterns).
    public var kind: KindSelector
    /// The namespace pattern (empty only matches empty).
    public var namespace: String
    /// The name pattern (empty only matches empty).
    public var name: String
    /// The tuple as written, for traces.
    public var text: String

    public init(kind: KindSelector, namespace: String, name: String, text: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.text = text
    }

    /// The tuple as written.
    public var description: String { text }

    /// Kyverno `ToFilter`: kind parts match and (namespace and name match, or the resource is the core
    /// `Namespace` whose name matches the namespace pattern). Empty fields only match empty values.
    func filters(_ gvk: GroupVersionKind, subresource: String, namespace ns: String, name: String) -> Bool {
        guard Wildcard.match(kind.group, gvk.group), Wildcard.match(kind.version, gvk.version),
            Wildcard.match(kind.kind, gvk.kind), Wildcard.match(kind.subresource, subresource)
        else { return false }
        if Wildcard.match(namespace, ns) && Wildcard.match(self.name, name) { return true }
        return gvk.group == "" && gvk.version == "v1" && gvk.kind == "Namespace" && Wildcard.match(namespace, name)
    }
}

/// The Kyverno ConfigMap (`kyverno/kyverno`): global exclusions, resource filters and webhook selectors
/// (Kyverno pkg/config/config.go `load`, pkg/config/types.go).
public struct KyvernoConfiguration: Sendable, Hashable {
    /// `excludeUsernames` patterns; `included…` hold the `!pattern` re-inclusions, which win.
    public var excludedUsernames: [String] = []
    /// Patterns of `includedUsernames` (see ``excludedUsernames``).
    public var includedUsernames: [String] = []
    /// Patterns of `excludedGroups` (see ``excludedUsernames``).
    public var excludedGroups: [String] = []
    /// Patterns of `includedGroups` (see ``excludedUsernames``).
    public var includedGroups: [String] = []
    /// Patterns of `excludedRoles` (see ``excludedUsernames``).
    public var excludedRoles: [String] = []
    /// Patterns of `includedRoles` (see ``excludedUsernames``).
    public var includedRoles: [String] = []
    /// Patterns of `excludedClusterRoles` (see ``excludedUsernames``).
    public var excludedClusterRoles: [String] = []
    /// Patterns of `includedClusterRoles` (see ``excludedUsernames``).
    public var includedClusterRoles: [String] = []
    /// `resourceFilters` tuples.
    public var resourceFilters: [ResourceFilterEntry] = []
    /// `webhooks[0].namespaceSelector` — applied by the API server before Kyverno is called.
    public var webhookNamespaceSelector: LabelSelector?
    /// `webhooks[0].objectSelector`.
    public var webhookObjectSelector: LabelSelector?
    /// The ConfigMap sets `matchConditions` (CEL, not evaluated by guardrail).
    public var hasMatchConditions = false

    public init() {}

    /// No ConfigMap at all: Kyverno then has no exclusions and no filters.
    public static let empty = KyvernoConfiguration()

    /// What the Helm chart installs (charts/kyverno/values.yaml `config`, with `excludeKyvernoNamespace`):
    /// `excludeGroups: system:nodes`, the default `resourceFilters`, and a webhook namespaceSelector that
    /// keeps `kube-system` and the Kyverno namespace away from Kyverno.
    public static func helmChartDefaults(kyvernoNamespace: String = "kyverno") -> KyvernoConfiguration {
        var data = JSONObject()
        data["excludeGroups"] = "system:nodes"
        let filters = [
            "[*/*,\(kyvernoNamespace),*]", "[Event,*,*]", "[*/*,kube-system,*]", "[*/*,kube-public,*]",
            "[*/*,kube-node-lease,*]", "[Node,*,*]", "[Node/?*,*,*]", "[APIService,*,*]", "[APIService/?*,*,*]",
            "[TokenReview,*,*]", "[SubjectAccessReview,*,*]", "[SelfSubjectAccessReview,*,*]", "[Binding,*,*]",
            "[Pod/binding,*,*]", "[ReplicaSet,*,*]", "[ReplicaSet/?*,*,*]", "[EphemeralReport,*,*]",
            "[ClusterEphemeralReport,*,*]",
            "[ClusterRole,*,kyverno:admission-controller]", "[ClusterRole,*,kyverno:admission-controller:core]",
            "[ClusterRoleBinding,*,kyverno:admission-controller]",
            "[ServiceAccount,\(kyvernoNamespace),kyverno-admission-controller]",
            "[ConfigMap,\(kyvernoNamespace),kyverno]", "[ConfigMap,\(kyvernoNamespace),kyverno-metrics]",
            "[Deployment,\(kyvernoNamespace),kyverno-admission-controller]",
            "[Pod,\(kyvernoNamespace),kyverno-admission-controller-*]",
            "[Secret,\(kyvernoNamespace),kyverno-svc.\(kyvernoNamespace).svc.*]",
        ]
        data["resourceFilters"] = .string(filters.joined())
        data["webhooks"] = .string(
            "[{\"namespaceSelector\":{\"matchExpressions\":[{\"key\":\"kubernetes.io/metadata.name\","
                + "\"operator\":\"NotIn\",\"values\":[\"kube-system\"]},{\"key\":\"kubernetes.io/metadata.name\","
                + "\"operator\":\"NotIn\",\"values\":[\"\(kyvernoNamespace)\"]}]}}]")
        var diagnostics: [Diagnostic] = []
        return KyvernoConfiguration(configMapData: data, diagnostics: &diagnostics)
    }

    /// Reads the ConfigMap's `data`.
    public init(configMapData data: JSONObject, diagnostics: inout [Diagnostic]) {
        func text(_ key: String) -> String { data[key]?.stringValue ?? "" }
        (excludedUsernames, includedUsernames) = Self.parseExclusions(text("excludeUsernames"))
        (excludedGroups, includedGroups) = Self.parseExclusions(text("excludeGroups"))
        (excludedRoles, includedRoles) = Self.parseExclusions(text("excludeRoles"))
        (excludedClusterRoles, includedClusterRoles) = Self.parseExclusions(text("excludeClusterRoles"))
        resourceFilters = Self.parseResourceFilters(text("resourceFilters"))
        let webhooks = text("webhooks")
        if !webhooks.isEmpty {
            do {
                let parsed = try JSONParser.parse(webhooks)
                // Kyverno accepts a list (chart) or a single object.
                let first = parsed.arrayValue?.first ?? parsed
                var reader = FieldReader(policy: "ConfigMap", diagnostics: diagnostics)
                if let ns = first["namespaceSelector"], !ns.isNull {
                    webhookNamespaceSelector = MatchParser.parseSelector(
                        ns, field: "data.webhooks.namespaceSelector",
                        reader: &reader)
                }
                if let os = first["objectSelector"], !os.isNull {
                    webhookObjectSelector = MatchParser.parseSelector(
                        os, field: "data.webhooks.objectSelector",
                        reader: &reader)
                }
                diagnostics = reader.diagnostics
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .warning, "kyverno configmap: data.webhooks is not valid JSON: \(error)",
                        context: ["field": "data.webhooks"]))
            }
        }
        let matchConditions = text("matchConditions")
        hasMatchConditions = !matchConditions.isEmpty && matchConditions != "[]" && matchConditions != "null"
        if hasMatchConditions {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "kyverno configmap sets webhook matchConditions (CEL); guardrail "
                        + "does not evaluate them and assumes they match", context: ["field": "data.matchConditions"]))
        }
    }

    /// Kyverno `parseExclusions`: comma-separated, trimmed, empty entries dropped, `!x` is an inclusion.
    public static func parseExclusions(_ text: String) -> (excluded: [String], included: [String]) {
        var excluded: [String] = [], included: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(part).trimmingCharacters(in: " ")
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("!") {
                let inclusion = String(trimmed.dropFirst()).trimmingCharacters(in: " ")
                if !inclusion.isEmpty { included.append(inclusion) }
            } else {
                excluded.append(trimmed)
            }
        }
        return (excluded, included)
    }

    /// Kyverno `parseKinds`: every `[...]` group (regex `\[([^\[\]]*)\]`) is `kind[,namespace[,name]]`.
    public static func parseResourceFilters(_ text: String) -> [ResourceFilterEntry] {
        var result: [ResourceFilterEntry] = []
        var current: String? = nil
        for c in text {
            if c == "[" {
                current = ""
            } else if c == "]" {
                if let body = current {
                    let parts = body.split(separator: ",", omittingEmptySubsequences: false).map {
                        String($0).trimmingCharacters(in: " ")
                    }
                    let kind =
                        parts[0].isEmpty
                        ? KindSelector(group: "", version: "", kind: "", subresource: "")
                        : KindSelector(parsing: parts[0])
                    result.append(
                        ResourceFilterEntry(
                            kind: kind, namespace: parts.count > 1 ? parts[1] : "",
                            name: parts.count > 2 ? parts[2] : "", text: "[\(body)]"))
                }
                current = nil
            } else if current != nil {
                current!.append(c)
            }
        }
        return result
    }

    /// Kyverno `IsExcluded`: any inclusion match wins (not excluded); otherwise excluded iff any exclusion
    /// pattern matches the username, a group, a role or a clusterRole. Returns the matching pattern.
    public func exclusion(username: String, groups: [String], roles: [String], clusterRoles: [String]) -> String? {
        func any(_ patterns: [String], _ values: [String]) -> String? {
            for p in patterns { for v in values where Wildcard.match(p, v) { return "\(p) matches \(v)" } }
            return nil
        }
        if any(includedUsernames, [username]) != nil || any(includedGroups, groups) != nil
            || any(includedRoles, roles) != nil || any(includedClusterRoles, clusterRoles) != nil
        {
            return nil
        }
        if let hit = any(excludedUsernames, [username]) { return "excludeUsernames: \(hit)" }
        if let hit = any(excludedGroups, groups) { return "excludeGroups: \(hit)" }
        if let hit = any(excludedRoles, roles) { return "excludeRoles: \(hit)" }
        if let hit = any(excludedClusterRoles, clusterRoles) { return "excludeClusterRoles: \(hit)" }
        return nil
    }

    /// The first resource filter that filters the request out, if any.
    public func filter(
        _ gvk: GroupVersionKind, subresource: String, namespace: String, name: String
    )
        -> ResourceFilterEntry?
    {
        resourceFilters.first { $0.filters(gvk, subresource: subresource, namespace: namespace, name: name) }
    }
}

/// How the Kyverno admission controller itself runs (its Deployment's flags).
public struct KyvernoSettings: Sendable, Hashable {
    /// The namespace Kyverno is installed in (`KYVERNO_NAMESPACE`, default `kyverno`).
    public var namespace: String
    /// `--enablePolicyException` (Kyverno's default: false).
    public var policyExceptionsEnabled: Bool
    /// `--exceptionNamespace`: the namespace whose exceptions count, `*` for all, empty for none.
    public var exceptionNamespace: String
    /// `--forceFailurePolicyIgnore`.
    public var forceFailurePolicyIgnore: Bool
    /// Whether autogen is enabled (Kyverno: always, controlled per policy by annotation).
    public var autogen: Bool

    public init(
        namespace: String = "kyverno", policyExceptionsEnabled: Bool = false, exceptionNamespace: String = "",
        forceFailurePolicyIgnore: Bool = false, autogen: Bool = true
    ) {
        self.namespace = namespace
        self.policyExceptionsEnabled = policyExceptionsEnabled
        self.exceptionNamespace = exceptionNamespace
        self.forceFailurePolicyIgnore = forceFailurePolicyIgnore
        self.autogen = autogen
    }
}
