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
