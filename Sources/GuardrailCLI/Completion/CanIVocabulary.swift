/// The verbs `can-i` completes, with what they mean. kubectl's `auth can-i` completes no verbs at all;
/// this list is the Kubernetes API's verbs (`k8s.io/apiserver` request info) plus the RBAC-only ones
/// (`use`, `bind`, `escalate`, `impersonate`, `approve`, `sign`) that platform teams write rules for.
enum CanIVocabulary {
    /// Verb candidates in the order people reach for them.
    static let verbs: [CompletionCandidate] = [
        CompletionCandidate("get", "read one object"),
        CompletionCandidate("list", "read a collection"),
        CompletionCandidate("watch", "stream changes"),
        CompletionCandidate("create", "create objects"),
        CompletionCandidate("update", "replace objects"),
        CompletionCandidate("patch", "change objects partially"),
        CompletionCandidate("delete", "delete one object"),
        CompletionCandidate("deletecollection", "delete a collection"),
        CompletionCandidate("*", "every verb"),
        CompletionCandidate("use", "use a PodSecurityPolicy-like resource"),
        CompletionCandidate("bind", "bind a role without holding its permissions"),
        CompletionCandidate("escalate", "grant permissions one does not hold"),
        CompletionCandidate("impersonate", "act as another user, group or service account"),
        CompletionCandidate("approve", "approve certificate signing requests"),
        CompletionCandidate("sign", "sign certificate signing requests"),
    ]
}
