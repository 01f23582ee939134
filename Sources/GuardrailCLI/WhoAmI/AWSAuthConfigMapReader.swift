import GuardrailCore
import GuardrailYAML
import Identity

/// Reads the `kube-system/aws-auth` ConfigMap: its `mapRoles`, `mapUsers` and `mapAccounts` data keys
/// are YAML documents inside strings (aws-iam-authenticator `pkg/mapper/configmap` parses them with
/// sigs.k8s.io/yaml). A key that is not valid YAML is treated as absent, as the authenticator ignores a
/// ConfigMap it cannot parse for that key; nothing here can fail the command.
enum AWSAuthConfigMapReader {
    static func read(_ configMap: JSONValue) -> AWSAuthConfigMap {
        let data = configMap["data"]
        func parsed(_ key: String) -> JSONValue? {
            guard let text = data?[key]?.stringValue, !text.isEmpty else { return nil }
            return try? YAML.load(text, file: "configmap kube-system/aws-auth data.\(key)")
        }
        return AWSAuthConfigMap(mapRoles: parsed("mapRoles"), mapUsers: parsed("mapUsers"),
                                mapAccounts: parsed("mapAccounts"))
    }
}
