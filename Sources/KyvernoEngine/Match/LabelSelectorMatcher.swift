import KyvernoJMESPath

/// Label selectors with Kyverno's wildcard twist (pkg/utils/match/labels.go `CheckSelector` →
/// pkg/engine/wildcards `ReplaceInSelector`).
extension LabelSelector {
    /// Whether `labels` satisfy the selector.
    ///
    /// `matchLabels` entries whose key or value contain `*`/`?` are first replaced by the first actual label
    /// that wildcard-matches both (Go iterates the label map in random order; we take the first in sorted
    /// order), or — if none does — by the entry with every `*`/`?` replaced by `0`. `matchExpressions` keep
    /// Kubernetes semantics. An empty selector matches everything.
    public func matches(_ labels: [String: String]) -> Bool {
        let sortedLabels = labels.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for pair in matchLabels {
            var key = pair.key, value = pair.value
            if Wildcard.containsWildcard(key) || Wildcard.containsWildcard(value) {
                if let actual = sortedLabels.first(where: {
                    Wildcard.match(pair.key, $0.key) && Wildcard.match(pair.value, $0.value)
                }) {
                    key = actual.key
                    value = actual.value
                } else {
                    key = Self.zeroWildcards(key)
                    value = Self.zeroWildcards(value)
                }
            }
            guard labels[key] == value else { return false }
        }
        for requirement in matchExpressions {
            let present = labels[requirement.key]
            switch requirement.operator {
            case "In":
                guard let present, requirement.values.contains(present) else { return false }
            case "NotIn":
                if let present, requirement.values.contains(present) { return false }
            case "Exists":
                guard present != nil else { return false }
            case "DoesNotExist":
                guard present == nil else { return false }
            default:
                // An invalid selector is a non-match (Kyverno logs the conversion error).
                return false
            }
        }
        return true
    }

    static func zeroWildcards(_ s: String) -> String {
        String(s.map { $0 == "*" || $0 == "?" ? "0" : $0 })
    }

    /// `app=web,tier in (a,b)`-style text for traces.
    public var summary: String {
        var parts = matchLabels.map { "\($0.key)=\($0.value)" }
        for r in matchExpressions {
            switch r.operator {
            case "Exists": parts.append(r.key)
            case "DoesNotExist": parts.append("!" + r.key)
            default: parts.append("\(r.key) \(r.operator.lowercased()) (\(r.values.joined(separator: ",")))")
            }
        }
        return parts.isEmpty ? "{}" : parts.joined(separator: ",")
    }
}
