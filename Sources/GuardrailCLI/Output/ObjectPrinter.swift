import ArgumentParser
import GuardrailCore
import GuardrailYAML

/// `-o json` / `-o yaml`, shared by every command that prints Kubernetes objects.
public enum ObjectFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case json, yaml
}

/// Renders objects exactly as kubectl's printers do, so scripts can switch between
/// `kubectl … -o json` and `kubectl guardrail … -o json`.
public enum ObjectPrinter {
    /// kubectl's JSON printer: `json.MarshalIndent(obj, "", "    ")` plus a newline; key order as given
    /// (build objects in Go struct field order).
    public static func json(_ value: JSONValue) -> String {
        JSONWriter(options: .kubectl).string(from: value) + "\n"
    }

    /// kubectl's YAML printer (sigs.k8s.io/yaml over go-yaml v2): GuardrailYAML's ``YAMLWriter``, which
    /// reproduces go-yaml's key order, quoting, literal blocks and line folding.
    public static func yaml(_ value: JSONValue) -> String {
        YAMLWriter().string(from: value)
    }

    /// Either format.
    public static func render(_ value: JSONValue, as format: ObjectFormat) -> String {
        switch format {
        case .json: return json(value)
        case .yaml: return yaml(value)
        }
    }
}
