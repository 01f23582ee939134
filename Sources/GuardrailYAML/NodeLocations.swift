import GuardrailCore

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
