/// Case-insensitive access to `extra` (SelfSubjectReview returns camelCase keys, audit logs and
/// impersonation lower-case them — eks-identity.md §1.7).
struct Extras {
    private var values: [String: [String]] = [:]

    init(_ extra: [String: [String]]) {
        for (key, value) in extra { values[key.lowercased()] = value }
    }

    /// The first non-empty value of `key`.
    func first(_ key: String) -> String? {
        values[key.lowercased()]?.first { !$0.isEmpty }
    }

    func has(_ key: String) -> Bool { values[key.lowercased()] != nil }
}
