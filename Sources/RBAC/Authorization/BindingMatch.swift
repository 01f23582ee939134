/// A binding that applies to a user, for `whoami`.
public struct BindingMatch: Sendable, Hashable {
    /// How the binding reaches the user.
    public enum Via: Sendable, Hashable {
        /// A `User` subject with the user's name.
        case user
        /// A `Group` subject naming one of the user's groups.
        case group(String)
        /// A `ServiceAccount` subject that is this service-account user.
        case serviceAccount
    }

    /// The binding.
    public var binding: BindingReference
    /// The first subject of the binding that applies (as kube-apiserver picks it).
    public var subject: Subject
    /// How the binding reaches the user.
    public var via: Via
    /// The referenced role's effective rules; empty when the role does not exist.
    public var rules: [PolicyRule]
    /// Why the role could not be resolved, e.g. `clusterrole.rbac.authorization.k8s.io "x" not found`.
    public var resolutionError: String?

    /// `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`.
    public var description: String { binding.describe(subject: subject) }
}
