import GuardrailCore

/// Writes kubeconfig files for a ``KubeTestServer`` (for the real kubectl, the standalone server, demos).
public enum TestKubeconfig {
    /// A user entry of the generated kubeconfig.
    public enum User: Sendable {
        /// Client certificate and key PEM.
        case certificate(name: String, certificatePEM: String, keyPEM: String)
        /// A bearer token.
        case token(name: String, token: String)
        /// An exec plugin (`client.authentication.k8s.io/v1`, `interactiveMode: Never`).
        case exec(name: String, command: String, args: [String], env: [(String, String)])

        var name: String {
            switch self {
            case .certificate(let name, _, _), .token(let name, _), .exec(let name, _, _, _): return name
            }
        }
    }

    /// A kubeconfig with one cluster `test`, one context per user (named like the user), the first current.
    public static func render(server: String, caPEM: String, users: [User], namespace: String? = nil) -> String {
        var out = "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n"
        out += "    server: \(server)\n    certificate-authority-data: \(Base64.encode(Array(caPEM.utf8)))\n"
        out += "contexts:\n"
        for user in users {
            out += "- name: \(user.name)\n  context:\n    cluster: test\n    user: \(user.name)\n"
            if let namespace { out += "    namespace: \(namespace)\n" }
        }
        out += "current-context: \(users.first?.name ?? "")\nusers:\n"
        for user in users {
            out += "- name: \(user.name)\n  user:\n"
            switch user {
            case .certificate(_, let cert, let key):
                out += "    client-certificate-data: \(Base64.encode(Array(cert.utf8)))\n"
                out += "    client-key-data: \(Base64.encode(Array(key.utf8)))\n"
            case .token(_, let token):
                out += "    token: \(quoted(token))\n"
            case .exec(_, let command, let args, let env):
                out +=
                    "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: \(quoted(command))\n"
                out += "      interactiveMode: Never\n"
                if !args.isEmpty { out += "      args:\n" + args.map { "      - \(quoted($0))\n" }.joined() }
                if !env.isEmpty {
                    out +=
                        "      env:\n"
                        + env.map { "      - name: \(quoted($0.0))\n        value: \(quoted($0.1))\n" }.joined()
                }
            }
        }
        return out
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    static func quoted(_ text: String) -> String { JSONWriter().string(from: .string(text)) }
}
