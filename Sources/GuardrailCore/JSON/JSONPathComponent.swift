/// One step of a path into a ``JSONValue``: an object member or an array element.
///
/// Used to point at a field in a document for error messages (`spec.rules[0].match`) and to look up
/// where a field was written in its YAML source (`YAMLDocument.location(of:)`).
public enum JSONPathComponent: Sendable, Hashable, CustomStringConvertible {
    /// An object member.
    case key(String)
    /// An array element, 0-based.
    case index(Int)

    /// `name` or `[3]`.
    public var description: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return "[\(index)]"
        }
    }
}

extension JSONPathComponent: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// `"name"` is a key.
    public init(stringLiteral value: String) { self = .key(value) }
    /// `0` is an index.
    public init(integerLiteral value: Int) { self = .index(value) }
}

extension Array where Element == JSONPathComponent {
    /// The kubectl field-path form: `spec.rules[0].match`; keys that are not plain identifiers are
    /// bracketed and quoted (`metadata.labels["app.kubernetes.io/name"]`), the way kubectl's
    /// `field.Path` prints map keys.
    public var fieldPath: String {
        var text = ""
        for component in self {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                let plain =
                    !key.isEmpty
                    && key.utf8.allSatisfy { byte in
                        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                    }
                if plain {
                    if !text.isEmpty { text += "." }
                    text += key
                } else {
                    text += "[\"" + key + "\"]"
                }
            }
        }
        return text
    }
}

extension JSONValue {
    /// The value at `path`, or `nil` when a step is missing or of the wrong kind.
    public subscript(path path: [JSONPathComponent]) -> JSONValue? {
        var current = self
        for component in path {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }
}
