/// Turns what a user typed (`deploy`, `Deployments.apps`, `deployments.v1.apps`, `cpol`,
/// `clusterpolicies.kyverno`) into a resource from discovery, the way kubectl's RESTMapper does
/// (`k8s.io/apimachinery/pkg/runtime/schema.ParseResourceArg`, `k8s.io/client-go/restmapper/shortcut.go`).
public struct ResourceResolver: Sendable {
    /// The outcome of resolving one argument.
    public enum Resolution: Sendable, Hashable {
        /// `*`: every resource (group `""`), sent to RBAC literally.
        case wildcard
        /// Found; `alsoMatched` lists lower-priority resources the same short name could mean
        /// (kubectl: `short name "x" could also match lower priority resource y`).
        case resolved(APIResourceInfo, alsoMatched: [String])
        /// Not served by the cluster. `resource`/`group` are the parsed argument; `suggestions` are
        /// qualified names close to it, best first.
        case notFound(resource: String, group: String, suggestions: [String])
    }

    /// The catalog resolved against.
    public var catalog: DiscoveryCatalog

    /// Creates a resolver over `catalog`.
    public init(catalog: DiscoveryCatalog) { self.catalog = catalog }

    /// Resolves `argument` (case-insensitive, as kubectl lower-cases it).
    public func resolve(_ argument: String) -> Resolution {
        let lower = argument.lowercased()
        if lower == "*" { return .wildcard }
        let parts = lower.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        // `resource.version.group` is tried first when there are two dots or more (ParseResourceArg).
        if parts.count == 3, let found = find(parts[0], groupExactly: parts[2], version: parts[1]) {
            return .resolved(found, alsoMatched: [])
        }
        let resource = parts[0]
        let group = parts.count > 1 ? String(lower.dropFirst(resource.count + 1)) : ""
        if let (found, also) = findWithShortNames(resource, group: group) {
            return .resolved(found, alsoMatched: also)
        }
        return .notFound(resource: resource, group: group, suggestions: suggestions(for: resource, group: group))
    }

    private func find(_ resource: String, groupExactly group: String, version: String) -> APIResourceInfo? {
        catalog.group(named: group)?.versions.first { $0.version == version }?.resources.first {
            $0.name == resource || $0.effectiveSingularName == resource || $0.shortNames.contains(resource)
        }
    }

    /// Candidates in RESTMapper priority: the given group exactly, or — when nothing matches exactly —
    /// groups that start with it (kubectl accepts `deployments.app`, `clusterpolicies.kyverno`).
    private func candidateResources(group: String) -> [[APIResourceInfo]] {
        if group.isEmpty { return [catalog.allResources] }
        let exact = catalog.groups.filter { $0.name == group }
        let prefixed = catalog.groups.filter { $0.name != group && $0.name.hasPrefix(group) }
        return [exact, prefixed].map { $0.flatMap { $0.versionsByPreference.flatMap(\.resources) } }
    }

    private func findWithShortNames(_ resource: String, group: String) -> (APIResourceInfo, [String])? {
        for resources in candidateResources(group: group) {
            // An exact plural or singular name beats any short name (shortcut.go avoids expanding then).
            if let found = resources.first(where: { $0.name == resource || $0.effectiveSingularName == resource }) {
                return (found, [])
            }
            let short = resources.filter { $0.shortNames.contains(resource) }
            if let first = short.first {
                var also: [String] = []
                for other in short.dropFirst()
                where other.qualifiedName != first.qualifiedName && !also.contains(other.qualifiedName) {
                    also.append(other.qualifiedName)
                }
                return (first, also)
            }
            if let found = resources.first(where: { $0.kind.lowercased() == resource }) { return (found, []) }
        }
        return nil
    }

    /// The resource serving objects of `kind` in `apiVersion` (`apps/v1`, `v1`): the version's own entry
    /// first, then any version of the group (a manifest may use an older version of a served kind).
    public func resource(forKind kind: String, apiVersion: String) -> APIResourceInfo? {
        let (group, version) = DiscoveryDocument.splitGroupVersion(apiVersion)
        guard let entry = catalog.group(named: group) else { return nil }
        let exact = entry.versions.first { $0.version == version }?.resources.first { $0.kind == kind }
        return exact ?? entry.versionsByPreference.lazy.compactMap { v in v.resources.first { $0.kind == kind } }.first
    }

    /// Names close to `resource` by edit distance, best first (at most three).
    public func suggestions(for resource: String, group: String = "") -> [String] {
        var scored: [(distance: Int, name: String)] = []
        var seen: Set<String> = []
        for candidate in catalog.allResources where group.isEmpty || candidate.group.hasPrefix(group) {
            guard !seen.contains(candidate.qualifiedName) else { continue }
            let names = [candidate.name, candidate.effectiveSingularName] + candidate.shortNames
            let distance = names.map { EditDistance.between(resource, $0) }.min() ?? Int.max
            let limit = max(2, resource.count / 3)
            if distance <= limit || candidate.name.hasPrefix(resource) && resource.count >= 3 {
                seen.insert(candidate.qualifiedName)
                scored.append((distance, candidate.qualifiedName))
            }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(3).map(\.name)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
