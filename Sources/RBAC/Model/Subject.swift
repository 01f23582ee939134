import GuardrailCore

/// A `subjects[]` entry of a binding.
public struct Subject: Sendable, Hashable {
    /// `User`, `Group` or `ServiceAccount`.
    public enum Kind: String, Sendable, Hashable {
        case user = "User"
        case group = "Group"
        case serviceAccount = "ServiceAccount"
    }

    /// The subject's kind.
    public var kind: Kind
    /// User, group or service-account name.
    public var name: String
    /// For service accounts; empty means "the binding's namespace" (RoleBindings only).
    public var namespace: String

    /// A subject; `namespace` only matters for service accounts.
    public init(kind: Kind, name: String, namespace: String = "") {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// kube-apiserver's `describeSubject`: `User "alice"`, `Group "devs"`,
    /// `ServiceAccount "builder/ci"` (name/namespace, the binding's namespace when unset).
    public func describe(bindingNamespace: String) -> String {
        switch kind {
        case .serviceAccount:
            let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
            return "\(kind.rawValue) \(goQuote(name + "/" + namespace))"
        case .user, .group:
            return "\(kind.rawValue) \(goQuote(name))"
        }
    }
}
