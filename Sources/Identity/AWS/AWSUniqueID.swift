/// What the four-letter prefix of an AWS access key id or unique id says (IAM "Understanding unique ID
/// prefixes"; eks-identity.md §3.3).
public enum AWSIDPrefix: String, Sendable, Hashable, CaseIterable {
    case temporaryAccessKey = "ASIA"
    case longTermAccessKey = "AKIA"
    case role = "AROA"
    case user = "AIDA"
    case group = "AGPA"
    case instanceProfile = "AIPA"
    case managedPolicy = "ANPA"
    case managedPolicyVersion = "ANVA"
    case publicKey = "APKA"
    case certificate = "ASCA"
    case serviceBearerToken = "ABIA"
    case contextSpecificCredential = "ACCA"

    /// The prefix of `id`, when it is one of the known four-letter prefixes.
    public init?(of id: String) {
        guard id.utf8.count >= 16, id.utf8.count <= 128 else { return nil }
        self.init(rawValue: String(id.prefix(4)))
    }

    /// Plain words for the explanation.
    public var meaning: String {
        switch self {
        case .temporaryAccessKey: return "temporary STS credentials"
        case .longTermAccessKey: return "long-term access key"
        case .role: return "IAM role unique id"
        case .user: return "IAM user unique id"
        case .group: return "IAM group unique id"
        case .instanceProfile: return "EC2 instance profile unique id"
        case .managedPolicy: return "managed policy id"
        case .managedPolicyVersion: return "managed policy version id"
        case .publicKey: return "public key id"
        case .certificate: return "certificate id"
        case .serviceBearerToken: return "STS service bearer token"
        case .contextSpecificCredential: return "context-specific credential"
        }
    }
}

/// An IAM Identity Center (SSO) role: `AWSReservedSSO_<PermissionSet>_<suffix>`.
///
/// Permission set names may contain `_` (`^[\w+=,.@-]{1,32}$`, aws-iam-authenticator
/// `pkg/config/mapper.go`), so the name is split at the **last** underscore. Customers cannot create roles
/// starting with `AWSReservedSSO` (aws-iam-authenticator `docs/sso_role_matcher.md`), so the prefix is trusted.
public struct IdentityCenterRole: Sendable, Hashable {
    /// The permission set name, e.g. `DevOps_Admin`.
    public var permissionSet: String
    /// The suffix IAM Identity Center appended (16 hex digits in practice).
    public var suffix: String

    /// Recognises an Identity Center role name; `nil` for other roles.
    public init?(roleName: String) {
        let prefix = "AWSReservedSSO_"
        guard roleName.hasPrefix(prefix) else { return nil }
        let rest = roleName.dropFirst(prefix.count)
        guard let last = rest.lastIndex(of: "_") else { return nil }
        let permissionSet = rest[..<last], suffix = rest[rest.index(after: last)...]
        guard !permissionSet.isEmpty, !suffix.isEmpty,
            suffix.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        self.permissionSet = String(permissionSet)
        self.suffix = String(suffix)
    }
}

/// Who minted an STS session, judging by its name (eks-identity.md §3.4). Session names are chosen by
/// the caller, so this is a hint, never proof.
enum SessionNameOrigin {
    static func describe(_ session: String, isIdentityCenter: Bool) -> String? {
        if session == "EKSGetTokenAuth" { return "set by `aws eks get-token --role-arn`" }
        if session.hasPrefix("aws-go-sdk-") { return "Go SDK default (e.g. aws-iam-authenticator -r, Terraform)" }
        if session.hasPrefix("botocore-session-") { return "AWS CLI / Python SDK default" }
        if isEC2InstanceID(session) { return "EC2 instance id: the instance profile role of a node" }
        if session.hasPrefix("eks-") && session.utf8.count > 20 { return "likely an EKS Pod Identity session" }
        if isIdentityCenter { return "IAM Identity Center user" }
        if session.contains("@") { return "looks like a federated (SAML/OIDC) user" }
        return nil
    }

    /// `^i-(\w{8}|\w{17})$`, the pattern aws-iam-authenticator uses before resolving `{{EC2PrivateDNSName}}`.
    static func isEC2InstanceID(_ text: String) -> Bool {
        guard text.hasPrefix("i-") else { return false }
        let rest = text.utf8.dropFirst(2)
        return (rest.count == 8 || rest.count == 17) && rest.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
        }
    }
}
