import GuardrailCore
import GuardrailYAML
import Identity

/// Reads the `kube-system/aws-auth` ConfigMap: its `mapRoles`, `mapUsers` and `mapAccounts` data keys
/// are YAML documents inside strings (aws-iam-authenticator `pkg/mapper/configmap` parses them with
/// sigs.k8s.io/yaml). When a key is not valid YAML the authenticator rejects the whole ConfigMap update
/// (`ParseMap` returns an error), so what it maps cannot be told from the text: the lookup is then
/// unavailable rather than "no entry". Nothing here can fail the command.
enum AWSAuthConfigMapReader {
    static func read(_ configMap: JSONValue) -> Lookup<AWSAuthConfigMap> {
        let data = configMap["data"]
        var values: [String: JSONValue] = [:]
        for key in ["mapRoles", "mapUsers", "mapAccounts"] {
            guard let value = data?[key] else { continue }
            // ConfigMap data values are strings; anything else is not what the authenticator reads.
            guard let text = value.stringValue else {
                return .unavailable(reason: "kube-system/aws-auth data.\(key) is not a string")
            }
            if text.isEmpty { continue }
            do {
                values[key] = try YAML.load(text, file: "kube-system/aws-auth data.\(key)")
            } catch {
                return .unavailable(
                    reason: "kube-system/aws-auth data.\(key) is not valid YAML",
                    hint: "aws-iam-authenticator rejects the ConfigMap too; check `kubectl -n kube-system get "
                        + "configmap aws-auth -o yaml`")
            }
        }
        return .found(AWSAuthConfigMap(
            mapRoles: values["mapRoles"], mapUsers: values["mapUsers"], mapAccounts: values["mapAccounts"]))
    }
}
