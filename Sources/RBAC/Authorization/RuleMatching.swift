// Rule matching exactly as kube-apiserver's RBAC authorizer: plugin/pkg/auth/authorizer/rbac/rbac.go
// `RuleAllows` with the helpers of pkg/apis/rbac/v1/evaluation_helpers.go.

extension PolicyRule {
    /// Whether this rule grants `request`.
    public func allows(_ request: AuthorizationRequest) -> Bool {
        switch request {
        case .resource(let r):
            let combined = r.subresource.isEmpty ? r.resource : r.resource + "/" + r.subresource
            return matchesVerb(r.verb) && matchesAPIGroup(r.group)
                && matchesResource(combined, subresource: r.subresource) && matchesResourceName(r.name)
        case .nonResource(let n):
            return matchesVerb(n.verb) && matchesNonResourceURL(n.path)
        }
    }

    /// `VerbMatches`: `*` or the exact verb.
    func matchesVerb(_ verb: String) -> Bool {
        verbs.contains { $0 == "*" || $0 == verb }
    }

    /// `APIGroupMatches`: `*` or the exact group (`""` is the core group).
    func matchesAPIGroup(_ group: String) -> Bool {
        apiGroups.contains { $0 == "*" || $0 == group }
    }

    /// `ResourceMatches`: `*` (which also covers every subresource), the exact `resource/subresource`,
    /// or `*/subresource` for a request that has that subresource.
    func matchesResource(_ combined: String, subresource: String) -> Bool {
        for ruleResource in resources {
            if ruleResource == "*" || ruleResource == combined { return true }
            if subresource.isEmpty { continue }
            if ruleResource.utf8.count == subresource.utf8.count + 2, ruleResource.hasPrefix("*/"),
                ruleResource.hasSuffix(subresource)
            {
                return true
            }
        }
        return false
    }

    /// `ResourceNameMatches`: no names means any name; otherwise the exact name (so a rule with
    /// `resourceNames` never grants `list` or `create`, whose requests carry no name).
    func matchesResourceName(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// `NonResourceURLMatches`: `*`, the exact path, or a prefix when the rule ends in `*`.
    func matchesNonResourceURL(_ path: String) -> Bool {
        for url in nonResourceURLs {
            if url == "*" || url == path { return true }
            if url.hasSuffix("*") {
                var prefix = Substring(url)
                while prefix.hasSuffix("*") { prefix = prefix.dropLast() }
                if path.hasPrefix(prefix) { return true }
            }
        }
        return false
    }
}
