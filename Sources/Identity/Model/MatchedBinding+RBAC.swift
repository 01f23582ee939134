import RBAC

extension MatchedBinding {
    /// Adapts the RBAC authorizer's answer to "which bindings apply to this user"
    /// (`RBACAuthorizer.bindings(matching:)`), so the CLI can pass
    /// `.found(authorizer.bindings(matching: user).map(MatchedBinding.init))`.
    public init(_ match: BindingMatch) {
        let binding = match.binding
        let subjectNamespace: String?
        switch match.subject.kind {
        case .serviceAccount:
            // An unset service-account namespace means the RoleBinding's own (kube-apiserver describeSubject).
            subjectNamespace = match.subject.namespace.isEmpty ? binding.namespace : match.subject.namespace
        case .user, .group:
            subjectNamespace = nil
        }
        self.init(
            kind: binding.kind.rawValue, name: binding.name,
            namespace: binding.kind == .roleBinding ? binding.namespace : nil,
            roleKind: binding.roleRef.kind, roleName: binding.roleRef.name,
            subjectKind: match.subject.kind.rawValue, subjectName: match.subject.name,
            subjectNamespace: subjectNamespace, roleProblem: match.resolutionError)
    }
}
