/// Bounds that keep hostile YAML from exhausting memory, time or the stack. They are checked while
/// the document is being built, so an oversized input is refused early rather than after the damage.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes (default 64 MiB; `kubectl apply -f` of a large export is a
    /// few MiB).
    public var maxInputBytes: Int
    /// Most documents in one stream (default 100,000).
    public var maxDocuments: Int
    /// Deepest nesting of sequences and mappings (default 256; Kubernetes objects with CRD schemas
    /// stay well under 100). The loader builds values without recursion, so this is a policy limit,
    /// not a stack-size workaround.
    public var maxDepth: Int
    /// Most nodes that aliases (`*name`) may add to one document by re-using anchored subtrees
    /// (default 1,000,000; an alias to a subtree of 1,000 nodes adds 1,000). Independently of this
    /// cap, go-yaml v2's ratio rule applies — past 1,000 nodes, aliased nodes may be at most 99% of a
    /// document (less for documents beyond 400,000 nodes) — which stops "billion laughs" alias bombs
    /// after about a thousand nodes while accepting everything kubectl accepts.
    public var maxAliasExpansion: Int
    /// Most nodes in one document, counting alias expansions (default 10,000,000).
    public var maxNodes: Int

    /// Creates limits; every parameter defaults to the value of ``default``.
    public init(
        maxInputBytes: Int = 64 << 20, maxDocuments: Int = 100_000, maxDepth: Int = 256,
        maxAliasExpansion: Int = 1_000_000, maxNodes: Int = 10_000_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDocuments = maxDocuments
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodes = maxNodes
    }

    /// The defaults described on each property.
    public static let `default` = YAMLLimits()
}
