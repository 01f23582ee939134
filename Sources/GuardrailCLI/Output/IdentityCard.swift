import GuardrailCore
import KubeConfig

/// whoami's default output: who the cluster says you are, then how you reached it.
///
/// ```
/// Username   alice
/// Groups     devs
///            system:authenticated
///
/// Credential
///   Context    dev (~/.kube/config)
///   Cluster    dev  https://dev.example:6443
///   Auth       client certificate /home/alice/.kube/alice.crt
/// ```
struct IdentityCard {
    /// What the cluster answered.
    var user: UserInfo
    /// How we connected (never printed: secrets; only names, paths and kinds).
    var connection: ConnectionConfig
    /// The SelfSubjectReview version that answered (`authentication.k8s.io/v1`).
    var apiVersion: String
    /// Lines explaining the identity (EKS role mapping, service account, bindings), produced by the
    /// Identity module and styled by ``ExplanationStyling``; printed under "Explanation" when present.
    var explanation: [String] = []
    /// The user's home, to shorten paths.
    var home: String?

    func render(style: TextStyle) -> String {
        var out = ""
        let identity: [(String, [String])] = [
            ("Username", [user.username]),
            ("UID", user.uid.isEmpty ? [] : [user.uid]),
            ("Groups", user.groups),
            ("Extra", user.extra.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map { key in
                "\(key): \(user.extra[key]!.joined(separator: ", "))"
            }),
        ]
        out += Self.table(identity, indent: "", style: style)
        out += "\n" + style.bold("Credential") + "\n"
        out += Self.table(credentialRows, indent: "  ", style: style)
        if !explanation.isEmpty {
            out += "\n" + style.bold("Explanation") + "\n"
            for line in explanation { out += line + "\n" }
        }
        return out
    }

    private var credentialRows: [(String, [String])] {
        let files = connection.sourceFiles.map { FilePath.abbreviated($0, home: home) }.joined(separator: ", ")
        var rows: [(String, [String])] = []
        if connection.contextName.isEmpty {
            rows.append(("Context", [connection.sourceFiles.isEmpty ? "(none: in-cluster service account or flags)" : "(none)"]))
        } else {
            rows.append(("Context", [files.isEmpty ? connection.contextName : "\(connection.contextName) (\(files))"]))
        }
        let clusterName = connection.clusterName.isEmpty ? "" : connection.clusterName + "  "
        rows.append(("Cluster", [clusterName + connection.server]))
        rows.append(("Auth", [authDescription]))
        if let impersonation = connection.impersonation {
            var lines = ["user " + impersonation.user]
            if let uid = impersonation.uid { lines.append("uid " + uid) }
            if !impersonation.groups.isEmpty { lines.append("groups " + impersonation.groups.joined(separator: ", ")) }
            for key in impersonation.extra.keys.sorted() {
                lines.append("extra \(key): \(impersonation.extra[key]!.joined(separator: ", "))")
            }
            rows.append(("Impersonating", lines))
        }
        rows.append(("Namespace", [connection.namespace]))
        rows.append(("API", ["SelfSubjectReview " + apiVersion]))
        return rows
    }

    /// The credential kind and where it came from — never its value.
    var authDescription: String {
        let user = connection.userName.isEmpty ? "" : "user \(connection.userName): "
        switch connection.credential {
        case .none: return user + "none (anonymous)"
        case .clientCertificate(_, _, let source):
            guard source.hasPrefix("/") else { return user + "client certificate (inline client-certificate-data)" }
            return user + "client certificate " + FilePath.abbreviated(source, home: home)
        case .bearerToken(_, let file):
            guard let file else { return user + "bearer token" }
            return user + "bearer token from " + FilePath.abbreviated(file, home: home)
        case .basicAuth(let username, _): return user + "basic auth as " + username
        case .exec(let exec):
            // Only the command: arguments occasionally carry secrets.
            return user + "exec plugin " + exec.command + " (\(exec.apiVersion))"
        }
    }

    /// Label column padded to the widest label; multi-value rows continue under the value column.
    private static func table(_ rows: [(String, [String])], indent: String, style: TextStyle) -> String {
        let shown = rows.filter { !$0.1.isEmpty }
        let width = (shown.map(\.0.count).max() ?? 0) + 3
        var out = ""
        for (label, values) in shown {
            for (i, value) in values.enumerated() {
                let head = i == 0 ? style.dim(label) + String(repeating: " ", count: width - label.count) : String(repeating: " ", count: width)
                // Values come from the server and kubeconfig: escape control characters (a hostile username).
                out += indent + head + ControlCharacterEscaping.escape(value) + "\n"
            }
        }
        return out
    }
}
