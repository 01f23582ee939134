/// The admission operation a request would reach Kyverno with, or why it would not reach it at all.
///
/// Kubernetes sends only writes and connections to admission webhooks (`k8s.io/apiserver/pkg/admission`
/// `Operation`): create → CREATE; update and patch → UPDATE; delete and deletecollection → DELETE
/// (one request per object); connect-style subresources (`pods/exec`, `pods/attach`,
/// `pods/portforward`, `*/proxy`) → CONNECT. Reads (get, list, watch) and RBAC-only verbs (use, bind,
/// escalate, impersonate, approve, sign) are never admitted, so only RBAC decides them.
enum AdmissionOperation: String, Sendable, Hashable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
    case connect = "CONNECT"

    /// Subresources served by connect handlers (`rest.Connecter`) in the stock API server.
    static let connectSubresources: [String: Set<String>] = [
        "pods": ["exec", "attach", "portforward", "proxy"], "services": ["proxy"], "nodes": ["proxy"],
    ]

    /// The outcome of mapping a verb.
    enum Mapping: Sendable, Hashable {
        /// The request is admitted with this operation.
        case admitted(AdmissionOperation)
        /// Never admitted; the text says why (shown to the user).
        case notAdmitted(String)
    }

    /// Maps an RBAC verb on (resource, subresource) to its admission operation.
    static func mapping(verb: String, resource: String?, subresource: String?, nonResourceURL: String?) -> Mapping {
        if let nonResourceURL {
            return .notAdmitted(
                "non-resource URLs such as \(nonResourceURL) are never sent to admission control;"
                    + " only RBAC applies")
        }
        if let resource, let subresource, connectSubresources[resource]?.contains(subresource) == true {
            // Both the POST (create) and the WebSocket GET (get) of exec/attach/portforward are admitted as CONNECT.
            return .admitted(.connect)
        }
        switch verb {
        case "create": return .admitted(.create)
        case "update", "patch": return .admitted(.update)
        case "delete", "deletecollection": return .admitted(.delete)
        case "get", "list", "watch":
            return .notAdmitted(
                "\(verb) is a read: reads are never sent to admission control, so guardrails"
                    + " cannot block it; only RBAC applies")
        case "*":
            return .notAdmitted(
                "guardrails are checked per operation: ask for create, update, patch or delete"
                    + " to see them; only RBAC was checked")
        default:
            return .notAdmitted("\"\(verb)\" is checked by RBAC only; it is not an admission operation")
        }
    }
}
