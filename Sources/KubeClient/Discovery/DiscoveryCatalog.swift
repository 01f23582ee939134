import GuardrailCore

/// Everything discovery said about a cluster's API: groups in the server's priority order, each with
/// its versions (preferred first) and their resources.
///
/// This is the model both discovery formats decode into and the disk cache stores (as kubectl's
/// `servergroups.json` + `<group>/<version>/serverresources.json`).
public struct DiscoveryCatalog: Sendable, Hashable {
    /// One API group (`""` is the core group).
    public struct Group: Sendable, Hashable {
        /// The group name.
        public var name: String
        /// Versions in the server's order; the first is the preferred one unless ``preferredVersion`` says otherwise.
        public var versions: [Version]
        /// The preferred version, when the server named one.
        public var preferredVersion: String?

        /// Creates a group.
        public init(name: String, versions: [Version], preferredVersion: String? = nil) {
            self.name = name
            self.versions = versions
            self.preferredVersion = preferredVersion
        }

        /// Versions with the preferred one first (client-go's RESTMapper priority).
        public var versionsByPreference: [Version] {
            guard let preferredVersion, let i = versions.firstIndex(where: { $0.version == preferredVersion }) else {
                return versions
            }
            var ordered = versions
            let preferred = ordered.remove(at: i)
            ordered.insert(preferred, at: 0)
            return ordered
        }
    }

    /// One version of a group and its resources.
    public struct Version: Sendable, Hashable {
        /// `v1`, `v1beta1`, …
        public var version: String
        /// The resources served in this version (subresources nested inside them).
        public var resources: [APIResourceInfo]
        /// Whether the resources are known: `false` for a group version whose resource list could not be
        /// fetched (aggregated discovery `freshness: Stale`, or a failed legacy request).
        public var resourcesKnown: Bool

        /// Creates a version.
        public init(version: String, resources: [APIResourceInfo], resourcesKnown: Bool = true) {
            self.version = version
            self.resources = resources
            self.resourcesKnown = resourcesKnown
        }
    }

    /// Groups in priority order (the core group first, then the server's order).
    public var groups: [Group]

    /// Creates a catalog from groups, moving the core group first as client-go does.
    public init(groups: [Group]) {
        var ordered = groups
        if let core = ordered.firstIndex(where: { $0.name.isEmpty }), core != 0 {
            let group = ordered.remove(at: core)
            ordered.insert(group, at: 0)
        }
        self.groups = ordered
    }

    /// Every resource in priority order: groups in order, preferred version first.
    public var allResources: [APIResourceInfo] {
        groups.flatMap { $0.versionsByPreference.flatMap(\.resources) }
    }

    /// The group called `name`.
    public func group(named name: String) -> Group? { groups.first { $0.name == name } }

    /// The catalog with `other`'s groups added (groups already present are kept; new versions/resources merged).
    public func merging(_ other: DiscoveryCatalog) -> DiscoveryCatalog {
        var groups = self.groups
        for group in other.groups {
            if let i = groups.firstIndex(where: { $0.name == group.name }) {
                for version in group.versions {
                    if let j = groups[i].versions.firstIndex(where: { $0.version == version.version }) {
                        let known = Set(groups[i].versions[j].resources.map(\.name))
                        groups[i].versions[j].resources += version.resources.filter { !known.contains($0.name) }
                    } else {
                        groups[i].versions.append(version)
                    }
                }
            } else {
                groups.append(group)
            }
        }
        return DiscoveryCatalog(groups: groups)
    }
}
