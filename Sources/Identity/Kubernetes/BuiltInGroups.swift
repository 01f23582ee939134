/// Meanings of the groups Kubernetes, kubeadm and the clouds give special status
/// (k8s.io/apiserver `pkg/authentication/user/user.go`; eks-identity.md §7).
enum BuiltInGroups {
    static func meaning(of group: String) -> GroupMeaning? {
        switch group {
        case "system:masters":
            // k8s pkg/kubeapiserver/authorizer/reload.go: the privileged-groups authorizer runs before
            // Node, RBAC and webhooks and allows everything.
            return GroupMeaning(
                name: group,
                meaning: "superuser: bypasses RBAC authorization entirely; only admission guardrails can still "
                    + "stop it", severity: .critical)
        case "system:authenticated":
            return GroupMeaning(name: group, meaning: "every authenticated caller (added by the API server)")
        case "system:unauthenticated":
            return GroupMeaning(name: group, meaning: "anonymous requests", severity: .notice)
        case "system:serviceaccounts":
            return GroupMeaning(name: group, meaning: "every service account")
        case "system:nodes":
            return GroupMeaning(
                name: group, meaning: "kubelets: authorized by the Node authorizer, limited by NodeRestriction")
        case "system:bootstrappers":
            return GroupMeaning(name: group, meaning: "bootstrap credentials: may request a node client certificate")
        case "system:node-proxier":
            return GroupMeaning(name: group, meaning: "kube-proxy's permissions")
        case "system:monitoring":
            return GroupMeaning(name: group, meaning: "may read the metrics and health endpoints")
        case "kubeadm:cluster-admins":
            return GroupMeaning(
                name: group,
                meaning: "kubeadm admins: bound to cluster-admin through RBAC (revocable, unlike system:masters)",
                severity: .notice)
        default:
            break
        }
        if group.hasPrefix("system:serviceaccounts:") {
            let namespace = group.dropFirst("system:serviceaccounts:".count)
            return GroupMeaning(name: group, meaning: "every service account in namespace \(namespace)")
        }
        if group.hasPrefix("system:bootstrappers:") {
            return GroupMeaning(name: group, meaning: "bootstrap tokens (extra group from auth-extra-groups)")
        }
        if group.hasPrefix("eks:") {
            return GroupMeaning(name: group, meaning: "EKS-internal group (AWS control-plane components)")
        }
        if group.hasPrefix("system:") {
            return GroupMeaning(
                name: group, meaning: "reserved system: prefix (Kubernetes-defined, or mapped on purpose)")
        }
        return nil
    }

    /// Kubernetes control-plane users (eks-identity.md §7).
    static let controlPlaneUsers: [String: String] = [
        "system:kube-controller-manager": "kube-controller-manager",
        "system:kube-scheduler": "kube-scheduler",
        "system:kube-proxy": "kube-proxy",
        "system:cloud-controller-manager": "cloud-controller-manager",
        "system:apiserver": "the API server's loopback client",
    ]
}
