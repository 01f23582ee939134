import GuardrailCore

/// Builds kubeconfig documents in code, so tests say what they mean instead of embedding YAML.
struct KubeConfigBuilder {
    private var clusters: [JSONValue] = []
    private var users: [JSONValue] = []
    private var contexts: [JSONValue] = []
    private var currentContext: String?

    func cluster(_ name: String, _ fields: JSONObject = [:]) -> Self {
        var copy = self
        copy.clusters.append(["name": .string(name), "cluster": .object(fields)])
        return copy
    }

    func user(_ name: String, _ fields: JSONObject = [:]) -> Self {
        var copy = self
        copy.users.append(["name": .string(name), "user": .object(fields)])
        return copy
    }

    func context(_ name: String, cluster: String, user: String, namespace: String? = nil) -> Self {
        var copy = self
        var body: JSONObject = ["cluster": .string(cluster), "user": .string(user)]
        if let namespace { body["namespace"] = .string(namespace) }
        copy.contexts.append(["name": .string(name), "context": .object(body)])
        return copy
    }

    func current(_ name: String) -> Self {
        var copy = self
        copy.currentContext = name
        return copy
    }

    /// A complete single-context config: cluster, token user, context, current-context.
    static func simple(
        name: String = "dev", server: String = "https://dev.example:6443", token: String = "t0ken",
        namespace: String? = nil
    ) -> Self {
        KubeConfigBuilder()
            .cluster(name, ["server": .string(server)])
            .user(name, ["token": .string(token)])
            .context(name, cluster: name, user: name, namespace: namespace)
            .current(name)
    }

    var json: JSONValue {
        var root: JSONObject = ["apiVersion": "v1", "kind": "Config"]
        root["clusters"] = .array(clusters)
        root["users"] = .array(users)
        root["contexts"] = .array(contexts)
        if let currentContext { root["current-context"] = .string(currentContext) }
        return .object(root)
    }

    var text: String { JSONWriter(options: .kubectl).string(from: json) + "\n" }
}

/// Base64 of a string, for `*-data` fields.
func base64(_ text: String) -> JSONValue { .string(Base64.encode(Array(text.utf8))) }
