import GuardrailCore

/// Loads YAML (and JSON, which is YAML) into ``JSONValue``s exactly as Kubernetes' decoder does for
/// untyped data — sigs.k8s.io/yaml over go-yaml v2 with YAML 1.1 scalar rules — using the system
/// libyaml.
///
/// ```swift
/// let docs = try YAML.loadAll(text, file: "policy.yaml")
/// for doc in docs { print(doc.value["kind"] ?? nil, doc.location(of: ["spec", "rules", 0]) ?? "") }
/// let config = try YAML.load(kubeconfigText, file: path)
/// ```
///
/// See Documentation/YAML.md for the resolution rules, limits and the choices where Kubernetes
/// behaviour needed interpreting.
public enum YAML {
    /// Every non-empty document of a stream (documents separated by `---`). Empty documents and
    /// documents that are just `null` are skipped, as `kubectl apply -f` skips them.
    ///
    /// - Parameters:
    ///   - text: the YAML or JSON text; a UTF-8 byte-order mark and CRLF line ends are accepted.
    ///   - file: the name to use in error messages and locations.
    ///   - limits: bounds against hostile input, checked while loading.
    ///   - options: whether to record node locations.
    public static func loadAll(
        _ text: String, file: String? = nil, limits: YAMLLimits = .default, options: YAMLOptions = .default
    ) throws(YAMLError) -> [YAMLDocument] {
        var text = text
        let result = text.withUTF8 { buffer in
            loadResult(buffer, file: file, limits: limits, options: options)
        }
        return try result.get()
    }

    /// Every non-empty document of a stream given as bytes (UTF-8, or UTF-16 with a byte-order mark).
    public static func loadAll(
        bytes: [UInt8], file: String? = nil, limits: YAMLLimits = .default, options: YAMLOptions = .default
    ) throws(YAMLError) -> [YAMLDocument] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            loadResult(buffer, file: file, limits: limits, options: options)
        }
        return try result.get()
    }

    /// Exactly one document's value: an empty stream (or one that is only comments or `null`) is
    /// `.null`; a stream with several non-empty documents is an error naming the second one.
    public static func load(_ text: String, file: String? = nil, limits: YAMLLimits = .default) throws(YAMLError)
        -> JSONValue
    {
        try loadDocument(text, file: file, limits: limits)?.value ?? .null
    }

    /// Like ``load(_:file:limits:)`` but keeps the document, for its locations; `nil` when empty.
    public static func loadDocument(
        _ text: String, file: String? = nil, limits: YAMLLimits = .default, options: YAMLOptions = .default
    ) throws(YAMLError) -> YAMLDocument? {
        let documents = try loadAll(text, file: file, limits: limits, options: options)
        if documents.count > 1 {
            throw YAMLError(
                "expected a single document but found another one starting here; remove the extra `---`"
                    + " or load the file as a stream",
                location: SourceLocation(file: file, line: documents[1].startLine, column: 1))
        }
        return documents.first
    }

    private static func loadResult(
        _ buffer: UnsafeBufferPointer<UInt8>, file: String?, limits: YAMLLimits, options: YAMLOptions
    ) -> Result<[YAMLDocument], YAMLError> {
        var loader = YAMLLoader(file: file, limits: limits, options: options)
        do throws(YAMLError) {
            return .success(try loader.load(buffer))
        } catch {
            return .failure(error)
        }
    }
}
