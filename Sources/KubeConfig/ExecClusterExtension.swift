import GuardrailCore

/// The cluster extension client-go passes to exec credential plugins (client-go `clientcmd`
/// `clusterExtensionKey`): `clusters[].cluster.extensions[name=client.authentication.k8s.io/exec]`.
public enum ExecClusterExtension {
    /// The extension's name.
    public static let name = "client.authentication.k8s.io/exec"

    /// The extension as client-go puts it into `KUBERNETES_EXEC_INFO`: kubeconfig's YAML becomes JSON
    /// through Go maps, so every object's keys come out sorted (sigs.k8s.io/yaml, then `encoding/json`).
    public static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var sorted = JSONObject()
            for entry in object.sortedByKey().entries { sorted[entry.key] = canonical(entry.value) }
            return .object(sorted)
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }
}
