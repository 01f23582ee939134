import GuardrailCore

/// Prints a ``JSONValue`` exactly as `kubectl get -o yaml` does.
///
/// kubectl marshals objects with sigs.k8s.io/yaml: JSON first, then go-yaml v2 `Marshal` of the
/// decoded JSON. This writer reproduces go-yaml v2's emitter (a port of libyaml's) for the shapes JSON
/// can produce:
/// - mapping keys in go-yaml's order (``YAMLKeyOrder``), 2-space indentation, sequences inside mappings
///   not indented (`- ` at the key's column), `{}` and `[]` for empty containers;
/// - strings plain when they would read back as the same string, else single-quoted (leading/trailing
///   spaces, indicators such as `- `, `: `, ` #`, `[`), else double-quoted (values YAML 1.1 would read as
///   null/bool/number/timestamp like `yes`, `"123"`, `"1e3"`, `"2024-01-01"`, control characters,
///   characters outside the Basic Multilingual Plane as `\U0001F600`);
/// - strings with a line break as literal blocks (`|`, `|-`, `|+`, `|2-` when they start with a space)
///   unless a space ends a line or a tab appears, then double-quoted with `\n`;
/// - long plain, single- and double-quoted scalars folded at spaces once a line passes 80 columns;
/// - numbers as the JSON text re-read by YAML: integers as integers, other floats in Go's `%g` form
///   (`1.5`, `1e+21`, `1.2345675e+06`).
public struct YAMLWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// One document, ending in a newline, e.g. `apiVersion: v1\nkind: Pod\n…`.
    public func string(from value: JSONValue) -> String {
        var emitter = YAMLEmitter()
        emitter.emit(value, context: .root)
        emitter.endDocument()
        return String(decoding: emitter.out, as: UTF8.self)
    }

    /// Several documents separated by `---` lines.
    public func string(documents values: [JSONValue]) -> String {
        values.map { string(from: $0) }.joined(separator: "---\n")
    }
}
