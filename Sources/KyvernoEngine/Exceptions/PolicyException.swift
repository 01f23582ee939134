import GuardrailCore
import KyvernoJMESPath

/// A `kyverno.io/v2` (or `v2beta1`) PolicyException.
public struct PolicyException: Sendable, Hashable {
    /// One `exceptions[]` entry: the policy key and rule-name patterns it exempts.
    public struct Entry: Sendable, Hashable {
        /// `name` for a ClusterPolicy, `namespace/name` for a Policy (exact match).
        public var policyName: String
        /// Wildcard patterns (autogen rule names must be listed or wildcarded).
        public var ruleNames: [String]

        public init(policyName: String, ruleNames: [String]) {
            self.policyName = policyName
            self.ruleNames = ruleNames
        }
    }

    /// The namespace the exception lives in.
    public var namespace: String
    /// The exception name.
    public var name: String
    /// The policies and rules it exempts.
    public var exceptions: [Entry]
    /// `match` (only `any`/`all` are meaningful).
    public var match: MatchResources
    /// Optional `conditions` (empty `any` counts as true for exceptions).
    public var conditions: ConditionBlock?
    /// `podSecurity` controls (merged into podSecurity rules rather than skipping; not supported).
    public var hasPodSecurity: Bool

    public init(
        namespace: String, name: String, exceptions: [Entry], match: MatchResources,
        conditions: ConditionBlock? = nil, hasPodSecurity: Bool = false
    ) {
        self.namespace = namespace
        self.name = name
        self.exceptions = exceptions
        self.match = match
        self.conditions = conditions
        self.hasPodSecurity = hasPodSecurity
    }

    /// `namespace/name`, as Kyverno lists exceptions in the skip message.
    public var key: String { "\(namespace)/\(name)" }

    /// Kyverno api/kyverno/v2 `Exception.Contains`: exact policy key, wildcard rule name.
    public func applies(toPolicy policyKey: String, rule: String) -> Bool {
        exceptions.contains { $0.policyName == policyKey && $0.ruleNames.contains { Wildcard.match($0, rule) } }
    }

    /// Reads a PolicyException document.
    public static func parse(_ document: JSONValue, diagnostics: inout [Diagnostic]) -> PolicyException? {
        let namespace = document[path: "metadata", "namespace"]?.stringValue ?? "default"
        let name = document[path: "metadata", "name"]?.stringValue ?? ""
        var reader = FieldReader(policy: "PolicyException/\(namespace)/\(name)", diagnostics: diagnostics)
        defer { diagnostics = reader.diagnostics }
        guard let spec = document["spec"], spec.objectValue != nil else {
            reader.report(.error, "policy exception has no spec", field: "spec")
            return nil
        }
        var entries: [Entry] = []
        for (i, entry) in reader.array(spec["exceptions"], field: "spec.exceptions").enumerated() {
            entries.append(
                Entry(
                    policyName: reader.string(entry["policyName"], field: "spec.exceptions[\(i)].policyName") ?? "",
                    ruleNames: reader.stringList(entry["ruleNames"], field: "spec.exceptions[\(i)].ruleNames")))
        }
        guard let matchJSON = spec["match"],
            let match = MatchParser.parse(matchJSON, field: "spec.match", reader: &reader)
        else {
            reader.report(.error, "policy exception has no valid match", field: "spec.match")
            return nil
        }
        var conditions: ConditionBlock? = nil
        if let raw = spec["conditions"], !raw.isNull {
            conditions = ConditionParser.parse(raw, field: "spec.conditions", reader: &reader)
        }
        return PolicyException(
            namespace: namespace, name: name, exceptions: entries, match: match,
            conditions: conditions, hasPodSecurity: spec["podSecurity"] != nil)
    }
}
