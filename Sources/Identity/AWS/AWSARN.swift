/// An IAM or STS principal ARN as aws-iam-authenticator sees it (`extra.arn` / `extra.canonicalArn`).
///
/// Grammar (`arn:<partition>:<service>:<region>:<account>:<resource>`, split on `:` into at most six
/// fields because the resource may itself contain `:`), following aws-iam-authenticator
/// `pkg/arn/arn.go` `Canonicalize`: only `sts` assumed-role / federated-user and `iam` role / user / root
/// principals are understood; anything else is not a principal the authenticator would accept.
public struct AWSPrincipalARN: Sendable, Hashable {
    /// What kind of principal the ARN names.
    public enum Kind: Sendable, Hashable {
        /// `arn:P:sts::ACCT:assumed-role/ROLE/SESSION` — a role session; STS never includes the role's path.
        case assumedRole(roleName: String, sessionName: String)
        /// `arn:P:iam::ACCT:role/[PATH/]NAME`; `path` is `/` or `/a/b/`.
        case role(path: String, name: String)
        /// `arn:P:iam::ACCT:user/[PATH/]NAME`.
        case user(path: String, name: String)
        /// `arn:P:sts::ACCT:federated-user/NAME` (`sts:GetFederationToken`).
        case federatedUser(name: String)
        /// `arn:P:iam::ACCT:root`.
        case root
    }

    /// The ARN text as given.
    public var text: String
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    public var partition: String
    /// `iam` or `sts`.
    public var service: String
    /// The 12-digit account id.
    public var account: String
    /// The principal kind with its role, user or session names.
    public var kind: Kind

    /// The partitions aws-iam-authenticator accepts (`pkg/endpoints/partitions.go`).
    public static let knownPartitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    ]

    /// Parses a principal ARN; `nil` for anything aws-iam-authenticator's `Canonicalize` would reject.
    public init?(_ text: String) {
        guard text.utf8.count <= 2048 else { return nil }
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", Self.knownPartitions.contains(String(fields[1])),
            fields[3].isEmpty, Self.isAccountID(fields[4])
        else { return nil }
        self.text = text
        partition = String(fields[1])
        service = String(fields[2])
        account = String(fields[4])
        let resource = fields[5]
        let parts = resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // IAM and STS names are `[\w+=,.@-]` (role paths add `/`); STS never returns anything else, and
        // refusing the rest keeps control characters out of the terminal.
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isNameByte) }) else { return nil }
        switch (service, parts.first) {
        case ("sts", "assumed-role"):
            // Canonicalize: at least ROLE and SESSION; the role name is everything between (no path in STS).
            guard parts.count >= 3 else { return nil }
            kind = .assumedRole(roleName: parts[1..<(parts.count - 1)].joined(separator: "/"),
                                sessionName: parts[parts.count - 1])
        case ("sts", "federated-user"):
            guard parts.count == 2 else { return nil }
            kind = .federatedUser(name: parts[1])
        case ("iam", "role"), ("iam", "user"):
            guard parts.count >= 2 else { return nil }
            let path = parts.count > 2 ? "/" + parts[1..<(parts.count - 1)].joined(separator: "/") + "/" : "/"
            kind = parts[0] == "role" ? .role(path: path, name: parts[parts.count - 1])
                : .user(path: path, name: parts[parts.count - 1])
        case ("iam", "root"):
            guard parts.count == 1 else { return nil }
            kind = .root
        default:
            return nil
        }
    }

    /// The role name for role sessions and roles.
    public var roleName: String? {
        switch kind {
        case .assumedRole(let name, _), .role(_, let name): return name
        default: return nil
        }
    }

    /// The session name of a role session.
    public var sessionName: String? {
        if case .assumedRole(_, let session) = kind { return session }
        return nil
    }

    /// What aws-iam-authenticator's `Canonicalize` produces: role sessions become the path-less role ARN.
    public var canonical: String {
        if case .assumedRole(let role, _) = kind { return "arn:\(partition):iam::\(account):role/\(role)" }
        return text
    }

    /// A short noun phrase: `IAM role session`, `IAM role`, `IAM user`, `federated user`, `account root user`.
    public var kindDescription: String {
        switch kind {
        case .assumedRole: return "IAM role session"
        case .role: return "IAM role"
        case .user: return "IAM user"
        case .federatedUser: return "federated user (GetFederationToken)"
        case .root: return "account root user"
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "_+=,.@-".utf8.contains(byte)
        }
    }

    static func isAccountID(_ text: Substring) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

/// An AWS ARN of any service (cluster ARNs in kubeconfig context names, policy ARNs): only split into
/// fields, not validated beyond the `arn:` shape.
struct GenericARN: Sendable, Hashable {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn" else { return nil }
        partition = String(fields[1])
        service = String(fields[2])
        region = String(fields[3])
        account = String(fields[4])
        resource = String(fields[5])
    }
}
