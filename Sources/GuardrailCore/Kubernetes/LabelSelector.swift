/// A Kubernetes `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, ANDed together.
///
/// Semantics of apimachinery's `LabelSelectorAsSelector`: an empty selector (`{}`) matches every
/// object; a missing (`nil`) selector matches nothing — use ``matches(_:labels:)`` for optional
/// selectors. `In` needs the key present with one of the values; `NotIn` matches when the key is
/// absent or has none of the values; `Exists`/`DoesNotExist` test only the key.
public struct LabelSelector: Sendable, Hashable {
    /// A `matchExpressions` operator.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    /// One `matchExpressions` entry.
    public struct Requirement: Sendable, Hashable {
        /// The label key.
        public var key: String
        /// How the key's value is tested.
        public var `operator`: Operator
        /// The values for `In`/`NotIn`; empty for `Exists`/`DoesNotExist`.
        public var values: [String]

        /// A requirement.
        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        /// Whether `labels` satisfy this requirement.
        public func matches(_ labels: [String: String]) -> Bool {
            switch self.operator {
            case .in:
                guard let value = labels[key] else { return false }
                return values.contains(value)
            case .notIn:
                guard let value = labels[key] else { return true }
                return !values.contains(value)
            case .exists:
                return labels[key] != nil
            case .doesNotExist:
                return labels[key] == nil
            }
        }
    }

    /// `matchLabels`: every pair must be present.
    public var matchLabels: [String: String]
    /// `matchExpressions`: every requirement must hold.
    public var matchExpressions: [Requirement]

    /// A selector; with no arguments, the empty selector that matches everything.
    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether this selector has no terms (and so matches everything).
    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// Whether an object with `labels` is selected.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for requirement in matchExpressions where !requirement.matches(labels) { return false }
        return true
    }

    /// Kubernetes' rule for optional selectors: `nil` selects nothing (`labels.Nothing()`).
    public static func matches(_ selector: LabelSelector?, labels: [String: String]) -> Bool {
        selector?.matches(labels) ?? false
    }

    /// Reads a selector object. Problems (`In` without values, an unknown operator, non-string
    /// labels) are returned as diagnostics naming `field` (e.g. `aggregationRule.clusterRoleSelectors[0]`);
    /// like `LabelSelectorAsSelector`, an invalid selector is unusable and the result is `nil`.
    public static func parse(_ json: JSONValue, field: String) -> (LabelSelector?, [Diagnostic]) {
        guard case .object(let object) = json else {
            return (nil, [Diagnostic(.error, "\(field): expected an object, got \(json.typeName)")])
        }
        var selector = LabelSelector()
        var problems: [Diagnostic] = []
        if let labels = object["matchLabels"], !labels.isNull {
            if case .object(let pairs) = labels {
                for entry in pairs {
                    if let value = entry.value.stringValue {
                        selector.matchLabels[entry.key] = value
                    } else {
                        problems.append(
                            Diagnostic(
                                .error,
                                "\(field).matchLabels.\(entry.key): expected a string, got \(entry.value.typeName)"))
                    }
                }
            } else {
                problems.append(Diagnostic(.error, "\(field).matchLabels: expected an object, got \(labels.typeName)"))
            }
        }
        if let expressions = object["matchExpressions"], !expressions.isNull {
            guard case .array(let items) = expressions else {
                problems.append(
                    Diagnostic(.error, "\(field).matchExpressions: expected an array, got \(expressions.typeName)"))
                return (nil, problems)
            }
            for (i, item) in items.enumerated() {
                let at = "\(field).matchExpressions[\(i)]"
                guard let key = item["key"]?.stringValue, !key.isEmpty else {
                    problems.append(Diagnostic(.error, "\(at).key: a non-empty string is required"))
                    continue
                }
                let operatorText = item["operator"]?.stringValue ?? ""
                guard let op = Operator(rawValue: operatorText) else {
                    problems.append(
                        Diagnostic(.error, "\(at).operator: \"\(operatorText)\" is not a valid label selector operator")
                    )
                    continue
                }
                let values = item["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let needsValues = op == .in || op == .notIn
                if needsValues && values.isEmpty {
                    problems.append(
                        Diagnostic(.error, "\(at).values: for 'in', 'notin' operators, values set can't be empty"))
                    continue
                }
                if !needsValues && !values.isEmpty {
                    problems.append(
                        Diagnostic(.error, "\(at).values: values set must be empty for exists and does not exist"))
                    continue
                }
                selector.matchExpressions.append(Requirement(key: key, operator: op, values: values))
            }
        }
        return problems.isEmpty ? (selector, []) : (nil, problems)
    }

    /// `metadata.labels` of an object as a dictionary (non-string values are left out).
    public static func labels(of object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for entry in object["metadata"]?["labels"]?.objectValue ?? JSONObject() {
            if let value = entry.value.stringValue { labels[entry.key] = value }
        }
        return labels
    }
}
