/// Choices about what the loader records besides the values.
public struct YAMLOptions: Sendable, Hashable {
    /// Record where every node was written so ``YAMLDocument/location(of:)`` and
    /// ``YAMLDocument/plainText(at:)`` can answer (default on; costs roughly a fifth more time and
    /// 28 bytes per node — turn it off for bulk data you will never report on).
    public var trackLocations: Bool

    /// Creates options.
    public init(trackLocations: Bool = true) {
        self.trackLocations = trackLocations
    }

    /// Locations on.
    public static let `default` = YAMLOptions()
}
