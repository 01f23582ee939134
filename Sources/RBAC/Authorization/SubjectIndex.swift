import GuardrailCore

/// Bindings by the subjects they name, so only bindings that can apply are examined.
struct SubjectIndex: Sendable {
    var users: [String: [Int]] = [:]
    var groups: [String: [Int]] = [:]
    /// By full service-account username `system:serviceaccount:NS:NAME`.
    var serviceAccounts: [String: [Int]] = [:]

    mutating func add(_ subjects: [Subject], binding: Int, bindingNamespace: String) {
        for subject in subjects {
            switch subject.kind {
            case .user: Self.append(&users, subject.name, binding)
            case .group: Self.append(&groups, subject.name, binding)
            case .serviceAccount:
                let namespace = subject.namespace.isEmpty ? bindingNamespace : subject.namespace
                guard !namespace.isEmpty else { continue }
                Self.append(&serviceAccounts, "system:serviceaccount:\(namespace):\(subject.name)", binding)
            }
        }
    }

    /// Static on purpose: an instance method would borrow `self` while `&users` mutates it, forcing
    /// a copy of the whole dictionary per call.
    private static func append(_ map: inout [String: [Int]], _ key: String, _ binding: Int) {
        if map[key]?.last == binding { return }
        map[key, default: []].append(binding)
    }

    /// Bindings that may apply to `user`, in binding order, without duplicates.
    func candidates(for user: UserInfo) -> [Int] {
        var result: [Int] = users[user.username] ?? []
        result += serviceAccounts[user.username] ?? []
        for group in user.groups { result += groups[group] ?? [] }
        if result.count > 1 {
            result.sort()
            var unique: [Int] = []
            unique.reserveCapacity(result.count)
            for i in result where unique.last != i { unique.append(i) }
            return unique
        }
        return result
    }
}
