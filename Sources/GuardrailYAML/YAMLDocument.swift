import GuardrailCore

/// One document of a YAML stream, converted to JSON the way Kubernetes' decoder converts it, with a
/// compact record of where each node was written.
public struct YAMLDocument: Sendable {
    /// The document's content.
    public var value: JSONValue
    /// 0-based position of the document in its stream, counting documents that were skipped
    /// because they were empty (so `index` matches what a reader of the file counts).
    public var index: Int
    /// 1-based line where the document starts (its `---`, or its first content).
    public var startLine: Int
    /// The file name given to the loader, if any.
    public var file: String?

    let locations: NodeLocations?

    /// Creates a document without location information (for tests and synthetic documents).
    public init(value: JSONValue, index: Int = 0, startLine: Int = 1, file: String? = nil) {
        self.value = value
        self.index = index
        self.startLine = startLine
        self.file = file
        self.locations = nil
    }

    init(value: JSONValue, index: Int, startLine: Int, file: String?, locations: NodeLocations?) {
        self.value = value
        self.index = index
        self.startLine = startLine
        self.file = file
        self.locations = locations
    }

    /// Where the value at `path` was written (its first character), e.g. to report
    /// `policy.yaml:12:5: spec.rules[0].match: …`: for `image: nginx` the `n`; for a nested mapping its
    /// first key; for an empty value, where libyaml places the empty scalar (on the key's line). Paths
    /// through aliases answer with the anchored node's position; keys that came in through a merge key
    /// (`<<`) answer with the merged mapping's entry. `nil` when the path does not exist or locations were
    /// not tracked.
    public func location(of path: [JSONPathComponent]) -> SourceLocation? {
        guard let locations, let record = locations.record(at: path) else { return nil }
        return SourceLocation(file: file, line: Int(locations.line[record]), column: Int(locations.column[record]))
    }

    /// Where the *key* of the mapping member at `path` was written (`match:` rather than what follows
    /// it) — better for "unknown field" or "missing field" messages; for a sequence item or the root,
    /// the node itself. Same rules as ``location(of:)`` otherwise.
    public func keyLocation(of path: [JSONPathComponent]) -> SourceLocation? {
        guard let locations, let record = locations.record(at: path) else { return nil }
        return SourceLocation(
            file: file, line: Int(locations.keyLine[record]), column: Int(locations.keyColumn[record]))
    }

    /// The text a scalar at `path` was written with. For a plain scalar that YAML resolved to a
    /// non-string (`yes`, `0755`, `1e3`, `null`) this is the original spelling; for strings it is the
    /// string. Typed readers that want a string where the document has `namespace: 0755` can use it —
    /// but note that kubectl itself refuses such a kubeconfig (`json: cannot unmarshal number into Go
    /// struct field … of type string`), so matching kubectl means reporting an error instead.
    /// `nil` for containers, missing paths, or when locations were not tracked.
    public func scalarText(at path: [JSONPathComponent]) -> String? {
        guard let locations, let record = locations.record(at: path) else { return nil }
        if let text = locations.plainText[Int32(record)] { return text }
        return value[path: path]?.stringValue
    }
}

/// A compact side table of node positions: one entry per node in document order (struct of arrays,
/// 28 bytes plus the key per node), linked as first-child/next-sibling so a path can be followed
/// without a second tree of objects.
struct NodeLocations: Sendable {
    static let none: Int32 = -1
    /// Key under which merge-key (`<<`) values are recorded among a mapping's children.
    static let mergeKey = "\u{0}<<"

    var line: [Int32] = []
    var column: [Int32] = []
    /// Position of the key a mapping member was written under (the node's own position otherwise).
    var keyLine: [Int32] = []
    var keyColumn: [Int32] = []
    var firstChild: [Int32] = []
    var nextSibling: [Int32] = []
    /// The mapping key a node was written under (empty for sequence items and the root).
    var key: [String] = []
    /// Alias node → the anchored node it repeats.
    var aliasTarget: [Int32: Int32] = [:]
    /// Original spelling of plain scalars that did not resolve to strings.
    var plainText: [Int32: String] = [:]

    mutating func append(line: Int, column: Int, keyLine: Int, keyColumn: Int, key: String) -> Int32 {
        let index = Int32(self.line.count)
        self.line.append(Int32(truncatingIfNeeded: line))
        self.column.append(Int32(truncatingIfNeeded: column))
        self.keyLine.append(Int32(truncatingIfNeeded: keyLine))
        self.keyColumn.append(Int32(truncatingIfNeeded: keyColumn))
        firstChild.append(Self.none)
        nextSibling.append(Self.none)
        self.key.append(key)
        return index
    }

    func resolvingAlias(_ record: Int32) -> Int32 {
        var current = record
        var hops = 0
        while let target = aliasTarget[current], hops < 64 {
            current = target
            hops += 1
        }
        return current
    }

    func record(at path: [JSONPathComponent]) -> Int? {
        guard !line.isEmpty else { return nil }
        var current: Int32 = 0
        for component in path {
            current = resolvingAlias(current)
            switch component {
            case .index(let wanted):
                guard wanted >= 0 else { return nil }
                var child = firstChild[Int(current)]
                var i = 0
                while child != Self.none, i < wanted {
                    child = nextSibling[Int(child)]
                    i += 1
                }
                guard child != Self.none else { return nil }
                current = child
            case .key(let wanted):
                guard let found = member(wanted, of: current, depth: 0) else { return nil }
                current = found
            }
        }
        return Int(current)
    }

    /// The child of mapping `record` written under `wanted`: the last direct one (later duplicates
    /// win, as in the decoded value), else one brought in by a merge key.
    private func member(_ wanted: String, of record: Int32, depth: Int) -> Int32? {
        guard depth < 32 else { return nil }
        var direct: Int32?
        var merges: [Int32] = []
        var child = firstChild[Int(record)]
        while child != Self.none {
            let k = key[Int(child)]
            if k == wanted { direct = child }
            if k == Self.mergeKey { merges.append(child) }
            child = nextSibling[Int(child)]
        }
        if let direct { return direct }
        for merge in merges {
            let source = resolvingAlias(merge)
            if let found = member(wanted, of: source, depth: depth + 1) { return found }
            // A sequence of mappings: earlier ones take precedence.
            var item = firstChild[Int(source)]
            while item != Self.none {
                if let found = member(wanted, of: resolvingAlias(item), depth: depth + 1) { return found }
                item = nextSibling[Int(item)]
            }
        }
        return nil
    }
}
