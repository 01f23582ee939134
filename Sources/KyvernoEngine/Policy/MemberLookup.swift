import GuardrailCore

extension JSONValue {
    /// The member `key` of an object, like `self[key]`, but comparing UTF-8 lengths before the keys.
    ///
    /// The parsers look up many optional fields that are usually absent (`failureActionOverrides`,
    /// `webhookConfiguration`, …) in small objects; a plain lookup compares the key with every member's key
    /// as strings, and most of loading a thousand policies was spent in those comparisons. A length check
    /// (free for Swift's native strings) rules out nearly all of them. Large objects use their index.
    @inline(__always)
    func member(_ key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        guard object.count <= 16 else { return object[key] }
        let length = key.utf8.count
        for entry in object.entries where entry.key.utf8.count == length && entry.key == key {
            return entry.value
        }
        return nil
    }
}
