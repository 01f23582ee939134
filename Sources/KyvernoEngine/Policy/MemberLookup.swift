import GuardrailCore

extension JSONValue {
    /// The member `key` of an object — exactly `self[key]` — skipping members whose key is shorter than
    /// `key` in UTF-8 without comparing them as strings.
    ///
    /// The parsers look up many optional fields that are usually absent (`failureActionOverrides`,
    /// `webhookConfiguration`, …) in small objects, and comparing the key with every member's key was a good
    /// part of loading a thousand policies. `key` must be ASCII (the callers pass field names): a key
    /// canonically equivalent to an ASCII key (Swift's `==`, as the subscript uses) is at least as long in
    /// UTF-8 — a non-ASCII character takes two bytes or more and decomposes to at most one ASCII character —
    /// so shorter keys cannot be equal. Large objects use their index.
    @inline(__always)
    func member(_ key: String) -> JSONValue? {
        assert(key.utf8.allSatisfy { $0 < 0x80 }, "member(_:) needs an ASCII key")
        guard case .object(let object) = self else { return nil }
        guard object.count <= 16 else { return object[key] }
        let length = key.utf8.count
        for entry in object.entries where entry.key.utf8.count >= length && entry.key == key {
            return entry.value
        }
        return nil
    }
}
