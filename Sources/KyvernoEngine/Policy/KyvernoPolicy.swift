import GuardrailCore

/// Which policy a result belongs to: a cluster-wide `ClusterPolicy` or a namespaced `Policy`.
public struct PolicyReference: Sendable, Hashable, CustomStringConvertible {
    /// The two `kyverno.io` policy kinds.
    public enum Kind: String, Sendable, Hashable {
        case clusterPolicy = "ClusterPolicy"
        case policy = "Policy"
    }

    /// ClusterPolicy, Policy, or the subject kind (`User`, `Group`, `ServiceAccount`).
    public var kind: Kind
    /// Empty for a ClusterPolicy.
    public var namespace: String
    /// The name (of the policy, rule, subject or context entry; a name pattern in a resource description).
    public var name: String

    public init(kind: Kind, namespace: String = "", name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The key PolicyExceptions use: `name` for a ClusterPolicy, `namespace/name` for a Policy
    /// (Kyverno pkg/engine/exceptions.go, `cache.MetaObjectToName`).
    public var exceptionKey: String { kind == .policy ? "\(namespace)/\(name)" : name }

    /// `ClusterPolicy/name` or `Policy/namespace/name`.
    public var description: String {
        kind == .policy ? "Policy/\(namespace)/\(name)" : "ClusterPolicy/\(name)"
    }
}

/// `spec.applyRules`: evaluate every rule, or stop after the first rule that passes or fails.
public enum ApplyRules: String, Sendable, Hashable {
    case all = "All"
    case one = "One"
}

/// The webhook failure policy: whether rule *errors* block (`Fail`) or are ignored (`Ignore`).
public enum FailurePolicy: String, Sendable, Hashable {
    case fail = "Fail"
    case ignore = "Ignore"
}

/// A `kyverno.io/v1` (or `v2beta1`) ClusterPolicy or Policy, reduced to what admission validation uses.
public struct KyvernoPolicy: Sendable {
    /// Which policy this is.
    public var reference: PolicyReference
    /// `kyverno.io/v1` or `kyverno.io/v2beta1`.
    public var apiVersion: String
    /// `metadata.annotations` (autogen reads `pod-policies.kyverno.io/autogen-controllers`).
    public var annotations: [String: String]
    /// The rules as written (autogen rules are added per request, see ``Autogen``).
    public var rules: [PolicyRule]
    /// `spec.applyRules`.
    public var applyRules: ApplyRules
    /// `spec.validationFailureAction` verbatim (`""` when absent; only `Enforce`/`enforce` enforce).
    public var validationFailureAction: String
    /// `spec.validationFailureActionOverrides` (ClusterPolicy only).
    public var validationFailureActionOverrides: [FailureActionOverride]
    /// `spec.admission` (default true).
    public var admission: Bool
    /// `spec.background` (default true); does not affect admission.
    public var background: Bool
    /// `spec.webhookConfiguration.failurePolicy`, else `spec.failurePolicy`, else `Fail`.
    public var failurePolicy: FailurePolicy
    /// `spec.emitWarning`: admitted requests get warnings for failing rules.
    public var emitWarning: Bool
    /// `spec.webhookConfiguration.matchConditions` (CEL); non-empty makes the policy "fine-grained".
    public var webhookMatchConditions: [JSONValue]
    /// `status.conditions[Ready]`: `nil` when the document carries no status (offline files).
    public var ready: Bool?

    public init(
        reference: PolicyReference, apiVersion: String = "kyverno.io/v1", annotations: [String: String] = [:],
        rules: [PolicyRule], applyRules: ApplyRules = .all, validationFailureAction: String = "",
        validationFailureActionOverrides: [FailureActionOverride] = [], admission: Bool = true,
        background: Bool = true, failurePolicy: FailurePolicy = .fail, emitWarning: Bool = false,
        webhookMatchConditions: [JSONValue] = [], ready: Bool? = nil
    ) {
        self.reference = reference
        self.apiVersion = apiVersion
        self.annotations = annotations
        self.rules = rules
        self.applyRules = applyRules
        self.validationFailureAction = validationFailureAction
        self.validationFailureActionOverrides = validationFailureActionOverrides
        self.admission = admission
        self.background = background
        self.failurePolicy = failurePolicy
        self.emitWarning = emitWarning
        self.webhookMatchConditions = webhookMatchConditions
        self.ready = ready
    }
}

/// What a rule does. Only `validate` rules decide admission in the validating webhook.
public enum RuleType: String, Sendable, Hashable {
    case validate, mutate, generate, verifyImages
}

/// One rule of a policy. Immutable and shared (a class), so that evaluating thousands of rules per
/// request does not copy them.
public final class PolicyRule: Sendable {
    /// The name (of the policy, rule, subject or context entry; a name pattern in a resource description).
    public let name: String
    /// validate, mutate, generate or verifyImages.
    public let type: RuleType
    /// `match`.
    public let match: MatchResources
    /// `exclude`.
    public let exclude: MatchResources?
    /// `context` entries, in order.
    public let context: [ContextEntry]
    /// `preconditions`.
    public let preconditions: ConditionBlock?
    /// `celPreconditions` are present (CEL is not evaluated by guardrail).
    public let hasCELPreconditions: Bool
    /// `validate`, for validate rules.
    public let validate: ValidateSpec?
    /// For autogen rules: the rule they were generated from.
    public let autogenSource: String?
    /// Whether some filter of `match` names no kinds (then kinds alone cannot rule the rule out).
    let matchesAnyKind: Bool
    /// The kind selectors of ``mayMatchKind(_:subresource:)``, taken out once so that the check, run for every
    /// rule on every request, copies no filters. For `match.any` (or the legacy filter) one selector of any
    /// filter must match: all of them in one list, which for a single filter is that filter's own.
    private let anyOfKindSelectors: [KindSelector]
    /// For `match.all`: every filter must have a selector that matches (empty otherwise).
    private let allOfKindSelectors: [[KindSelector]]

    public init(
        name: String, type: RuleType = .validate, match: MatchResources, exclude: MatchResources? = nil,
        context: [ContextEntry] = [], preconditions: ConditionBlock? = nil, hasCELPreconditions: Bool = false,
        validate: ValidateSpec? = nil, autogenSource: String? = nil
    ) {
        self.name = name
        self.type = type
        self.match = match
        self.exclude = exclude
        self.context = context
        self.preconditions = preconditions
        self.hasCELPreconditions = hasCELPreconditions
        self.validate = validate
        self.autogenSource = autogenSource
        let filters = match.effectiveFilters
        matchesAnyKind = filters.contains { $0.resources.kinds.isEmpty }
        if match.any.isEmpty && !match.all.isEmpty {
            anyOfKindSelectors = []
            allOfKindSelectors = filters.map(\.resources.kindSelectors)
        } else {
            anyOfKindSelectors =
                filters.count == 1 ? filters[0].resources.kindSelectors : filters.flatMap(\.resources.kindSelectors)
            allOfKindSelectors = []
        }
    }

    /// Quick kind check (Kyverno's policy cache only evaluates rules whose kinds resolve to the request):
    /// `false` when no `match` filter can match this kind, whatever else the request carries.
    func mayMatchKind(_ gvk: GroupVersionKind, subresource: String) -> Bool {
        if matchesAnyKind { return true }
        func fits(_ selectors: [KindSelector]) -> Bool {
            selectors.contains { $0.matches(gvk, subresource: subresource) }
        }
        return allOfKindSelectors.isEmpty ? fits(anyOfKindSelectors) : allOfKindSelectors.allSatisfy(fits)
    }
}

/// `validate` of a rule.
public struct ValidateSpec: Sendable {
    /// `validate.failureAction` (`Audit` | `Enforce`), `nil` when absent.
    public var failureAction: String?
    /// `validate.failureActionOverrides`.
    public var failureActionOverrides: [FailureActionOverride]
    /// `allowExistingViolations` (default true).
    public var allowExistingViolations: Bool
    /// The message (`validate.message` or a condition message).
    public var message: String
    /// `validate.pattern`.
    public var pattern: JSONValue?
    /// `validate.anyPattern` (a list).
    public var anyPattern: JSONValue?
    /// `deny` present; `conditions` nil for `deny: {}` (always deny).
    public var deny: ConditionBlock??
    /// `validate.foreach` entries (evaluated when they use `deny`, `pattern` or `anyPattern`).
    public var foreach: [ForEachSpec] = []
    /// Sub-rule kinds guardrail cannot evaluate offline, by field name (`podSecurity`, `cel`, …).
    public var unsupportedBodies: [String]

    public init(
        failureAction: String? = nil, failureActionOverrides: [FailureActionOverride] = [],
        allowExistingViolations: Bool = true, message: String = "", pattern: JSONValue? = nil,
        anyPattern: JSONValue? = nil, deny: ConditionBlock?? = nil, unsupportedBodies: [String] = []
    ) {
        self.failureAction = failureAction
        self.failureActionOverrides = failureActionOverrides
        self.allowExistingViolations = allowExistingViolations
        self.message = message
        self.pattern = pattern
        self.anyPattern = anyPattern
        self.deny = deny
        self.unsupportedBodies = unsupportedBodies
    }
}

/// An entry of `validationFailureActionOverrides` / `failureActionOverrides`.
public struct FailureActionOverride: Sendable, Hashable {
    /// `Enforce`/`Audit` (lowercase accepted in overrides).
    public var action: String
    /// `nil` when the field is absent (differs from `[]` in Kyverno's block decision).
    public var namespaces: [String]?
    /// A label selector on the namespace.
    public var namespaceSelector: LabelSelector?

    public init(action: String, namespaces: [String]? = nil, namespaceSelector: LabelSelector? = nil) {
        self.action = action
        self.namespaces = namespaces
        self.namespaceSelector = namespaceSelector
    }
}

/// `match` / `exclude`: `any`, `all` or the legacy single filter.
public struct MatchResources: Sendable, Hashable {
    /// `any` filters (or conditions).
    public var any: [ResourceFilter]
    /// `all` filters (or conditions).
    public var all: [ResourceFilter]
    /// The deprecated top-level `resources`/`subjects`/`roles`/`clusterRoles`.
    public var legacy: ResourceFilter

    public init(any: [ResourceFilter] = [], all: [ResourceFilter] = [], legacy: ResourceFilter = ResourceFilter()) {
        self.any = any
        self.all = all
        self.legacy = legacy
    }

    /// All filters that are in effect (Kyverno: `any` wins over `all`, which wins over the legacy form).
    public var effectiveFilters: [ResourceFilter] {
        if !any.isEmpty { return any }
        if !all.isEmpty { return all }
        return [legacy]
    }
}

/// One filter: a resource description plus user-information criteria, all ANDed.
public struct ResourceFilter: Sendable, Hashable {
    /// The resource description.
    public var resources: ResourceDescription
    /// `subjects` (wildcards allowed).
    public var subjects: [Subject]
    /// `roles` (`namespace:role`, exact).
    public var roles: [String]
    /// `clusterRoles` (exact).
    public var clusterRoles: [String]

    public init(
        resources: ResourceDescription = ResourceDescription(), subjects: [Subject] = [], roles: [String] = [],
        clusterRoles: [String] = []
    ) {
        self.resources = resources
        self.subjects = subjects
        self.roles = roles
        self.clusterRoles = clusterRoles
    }

    /// Whether the user-information part is empty.
    public var userInfoIsEmpty: Bool { subjects.isEmpty && roles.isEmpty && clusterRoles.isEmpty }
    /// Whether the whole filter is empty (Kyverno: "match cannot be empty").
    public var isEmpty: Bool { userInfoIsEmpty && resources.isEmpty }
}

/// `resources` of a filter.
public struct ResourceDescription: Sendable, Hashable {
    /// `kinds` as written.
    public var kinds: [String] { didSet { kindSelectors = kinds.map(KindSelector.init(parsing:)) } }
    /// `kinds`, parsed once.
    public private(set) var kindSelectors: [KindSelector]
    /// The name (of the policy, rule, subject or context entry; a name pattern in a resource description).
    public var name: String?
    /// `names` (wildcards).
    public var names: [String]
    /// `namespaces` (wildcards; a Namespace object is matched by its name).
    public var namespaces: [String]
    /// Ordered (key, value) patterns.
    public var annotations: [LabelPair]
    /// `selector` on the object labels.
    public var selector: LabelSelector?
    /// A label selector on the namespace.
    public var namespaceSelector: LabelSelector?
    /// `operations` (CREATE, UPDATE, DELETE, CONNECT).
    public var operations: [String]

    public init(
        kinds: [String] = [], name: String? = nil, names: [String] = [], namespaces: [String] = [],
        annotations: [LabelPair] = [], selector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil,
        operations: [String] = []
    ) {
        self.kinds = kinds
        self.kindSelectors = kinds.map(KindSelector.init(parsing:))
        self.name = name
        self.names = names
        self.namespaces = namespaces
        self.annotations = annotations
        self.selector = selector
        self.namespaceSelector = namespaceSelector
        self.operations = operations
    }

    /// Whether nothing is specified.
    public var isEmpty: Bool {
        kinds.isEmpty && (name ?? "").isEmpty && names.isEmpty && namespaces.isEmpty && annotations.isEmpty
            && selector == nil && namespaceSelector == nil && operations.isEmpty
    }
}

/// A key/value pair (labels, annotations) keeping document order.
public struct LabelPair: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// An RBAC-style subject (`kind` User | Group | ServiceAccount).
public struct Subject: Sendable, Hashable, CustomStringConvertible {
    /// ClusterPolicy, Policy, or the subject kind (`User`, `Group`, `ServiceAccount`).
    public var kind: String
    /// The name (of the policy, rule, subject or context entry; a name pattern in a resource description).
    public var name: String
    /// The namespace (ServiceAccount subjects).
    public var namespace: String

    public init(kind: String, name: String, namespace: String = "") {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// `User alice`, `ServiceAccount ns/name`.
    public var description: String {
        kind == "ServiceAccount" ? "ServiceAccount \(namespace)/\(name)" : "\(kind) \(name)"
    }
}

/// A Kubernetes label selector (matchLabels + matchExpressions).
public struct LabelSelector: Sendable, Hashable {
    /// One `matchExpressions` entry.
    public struct Requirement: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The operator name as written.
        public var `operator`: String
        /// The values (`In`, `NotIn`).
        public var values: [String]

        public init(key: String, operator: String, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// `matchLabels` (wildcards allowed in Kyverno).
    public var matchLabels: [LabelPair]
    /// `matchExpressions`.
    public var matchExpressions: [Requirement]

    public init(matchLabels: [LabelPair] = [], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// `preconditions`, `deny.conditions` or exception `conditions`.
public struct ConditionBlock: Sendable, Hashable {
    /// `any` — `nil` when absent (an explicitly empty `any: []` is false in Kyverno's evaluator).
    public var any: [Condition]?
    /// `all` filters (or conditions).
    public var all: [Condition]?
    /// Whether the block was written as the legacy bare list (then `all` holds it).
    public var isLegacyList: Bool

    public init(any: [Condition]? = nil, all: [Condition]? = nil, isLegacyList: Bool = false) {
        self.any = any
        self.all = all
        self.isLegacyList = isLegacyList
    }
}

/// One condition: `key <operator> value`, with an optional message.
public struct Condition: Sendable, Hashable {
    /// The key.
    public var key: JSONValue
    /// The operator name as written.
    public var `operator`: String
    /// The value.
    public var value: JSONValue
    /// The message (`validate.message` or a condition message).
    public var message: String

    public init(key: JSONValue, operator: String, value: JSONValue, message: String = "") {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.message = message
    }
}

/// A rule `context` entry. Only `variable` entries can be evaluated offline.
public struct ContextEntry: Sendable, Hashable {
    /// What the entry loads.
    public enum Source: Sendable, Hashable {
        /// `variable: {value, jmesPath, default}`.
        case variable(value: JSONValue?, jmesPath: String?, defaultValue: JSONValue?)
        /// `configMap`, `apiCall`, `imageRegistry`, `globalReference`: needs the live cluster or a registry.
        case unsupported(String)
    }

    /// The name (of the policy, rule, subject or context entry; a name pattern in a resource description).
    public var name: String
    /// What the entry loads.
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }
}

/// One `validate.foreach` entry (Kyverno api/kyverno/v1 `ForEachValidation`).
public struct ForEachSpec: Sendable {
    /// The JMESPath expression (no braces) giving the elements, e.g. `request.object.spec.containers`.
    public var list: String
    /// `context` entries evaluated per element.
    public var context: [ContextEntry]
    /// `preconditions` per element (false → the element is skipped).
    public var preconditions: ConditionBlock?
    /// `deny` (`.some(nil)` for `deny: {}`).
    public var deny: ConditionBlock??
    /// `pattern` applied to each element.
    public var pattern: JSONValue?
    /// `anyPattern` applied to each element.
    public var anyPattern: JSONValue?
    /// `elementScope`: whether patterns apply to the element (default: when the element is an object).
    public var elementScope: Bool?
    /// A nested `foreach` is present (not supported yet).
    public var hasNestedForeach: Bool

    public init(list: String, context: [ContextEntry] = [], preconditions: ConditionBlock? = nil,
                deny: ConditionBlock?? = nil, pattern: JSONValue? = nil, anyPattern: JSONValue? = nil,
                elementScope: Bool? = nil, hasNestedForeach: Bool = false) {
        self.list = list
        self.context = context
        self.preconditions = preconditions
        self.deny = deny
        self.pattern = pattern
        self.anyPattern = anyPattern
        self.elementScope = elementScope
        self.hasNestedForeach = hasNestedForeach
    }
}
