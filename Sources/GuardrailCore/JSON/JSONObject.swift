/// A JSON object that remembers the order its keys were inserted in.
///
/// Kubernetes objects are small (a handful of keys), so entries live in an array and lookups scan it;
/// past ``indexThreshold`` keys a dictionary index is kept as well, so huge maps (labels of a big list,
/// `data` of a ConfigMap) stay O(1). Equality ignores key order, as JSON's does.
public struct JSONObject: Sendable {
    /// One key/value pair.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in insertion order.
    public private(set) var entries: [Entry]
    private var index: [String: Int]?

    @usableFromInline static let indexThreshold = 16

    /// An empty object.
    public init() {
        entries = []
        index = nil
    }

    /// An object from pairs; a later duplicate key replaces the earlier value but keeps its position.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// Builds an object from entries that are known to have distinct keys (the parsers check this).
    public init(uniqueEntries: [Entry]) {
        entries = uniqueEntries
        index = nil
        rebuildIndexIfNeeded()
    }

    /// The number of keys.
    public var count: Int { entries.count }

    /// Whether the object has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// The values in insertion order.
    public var values: [JSONValue] { entries.map(\.value) }

    /// The position of `key` in ``entries``.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    /// Reads, replaces (keeping the position), appends or — with `nil` — removes a member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return entries[i].value
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    entries[i].value = newValue
                } else {
                    entries.remove(at: i)
                    index = nil
                    rebuildIndexIfNeeded()
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
                if index != nil {
                    index![key] = entries.count - 1
                } else {
                    rebuildIndexIfNeeded()
                }
            }
        }
    }

    /// A copy with keys sorted by their UTF-8 bytes (Go's `encoding/json` order for maps).
    public func sortedByKey() -> JSONObject {
        JSONObject(uniqueEntries: entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
    }

    private mutating func rebuildIndexIfNeeded() {
        guard entries.count > Self.indexThreshold else { return }
        var map = [String: Int](minimumCapacity: entries.count)
        for (i, entry) in entries.enumerated() { map[entry.key] = i }
        index = map
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for entry in lhs.entries {
            guard let other = rhs[entry.key], other == entry.value else { return false }
        }
        return true
    }
}

extension JSONObject: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var sum = 0
        for entry in entries {
            var h = Hasher()
            h.combine(entry.key)
            h.combine(entry.value)
            sum = sum &+ h.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
