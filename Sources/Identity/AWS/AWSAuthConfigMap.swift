import GuardrailCore

/// The `kube-system/aws-auth` ConfigMap, when the caller may read it: its `mapRoles`, `mapUsers` and
/// `mapAccounts` data keys, each already parsed from YAML (the CLI owns YAML; this module stays pure).
///
/// Matching follows aws-iam-authenticator `pkg/mapper/configmap`: role entries first, then user entries,
/// `rolearn`/`userarn` compared case-insensitively with the canonical ARN (entry keys are
/// case-insensitive because the YAML goes through Go's `encoding/json`); then `mapAccounts`.
public struct AWSAuthConfigMap: Sendable, Hashable {
    /// One `mapRoles` / `mapUsers` entry.
    public struct Entry: Sendable, Hashable {
        /// `rolearn` or `userarn`.
        public var arn: String
        /// The `username` template.
        public var username: String
        /// The `groups` templates.
        public var groups: [String]
    }

    /// A `mapRoles` entry using the alpha `sso` matcher (feature gate `SSORoleMatch`): it matches any
    /// `AWSReservedSSO_<permissionSet>_*` role of the account.
    public struct SSOEntry: Sendable, Hashable {
        /// `sso.permissionSetName`.
        public var permissionSet: String
        /// `sso.accountID`.
        public var account: String
        /// The username and groups templates.
        public var entry: Entry
    }

    /// `mapRoles` entries with a `rolearn`.
    public var roles: [Entry]
    /// `mapRoles` entries with `sso: {permissionSetName, accountID}`.
    public var ssoRoles: [SSOEntry]
    /// `mapUsers` entries.
    public var users: [Entry]
    /// `mapAccounts`: whole accounts mapped to username = canonical ARN, no groups.
    public var accounts: [String]

    /// Reads the parsed data keys; `mapRoles`/`mapUsers` are YAML lists of objects, `mapAccounts` a list of
    /// strings (numbers are accepted too, as unquoted account ids parse as numbers). Invalid entries are
    /// dropped and valid ones kept, as the authenticator does.
    public init(mapRoles: JSONValue?, mapUsers: JSONValue?, mapAccounts: JSONValue?) {
        roles = []
        ssoRoles = []
        users = []
        for item in mapRoles?.arrayValue ?? [] {
            guard let object = item.objectValue else { continue }
            let entry = Self.entry(object, arnKey: "rolearn")
            if let entry, !entry.arn.isEmpty {
                roles.append(entry)
            } else if let sso = Self.value(object, "sso")?.objectValue,
                let name = Self.value(sso, "permissionSetName")?.stringValue,
                let account = Self.value(sso, "accountID").flatMap(Self.accountString),
                let entry = Self.entry(object, arnKey: nil)
            {
                ssoRoles.append(SSOEntry(permissionSet: name, account: account, entry: entry))
            }
        }
        for item in mapUsers?.arrayValue ?? [] {
            if let object = item.objectValue, let entry = Self.entry(object, arnKey: "userarn"), !entry.arn.isEmpty {
                users.append(entry)
            }
        }
        accounts = (mapAccounts?.arrayValue ?? []).compactMap(Self.accountString)
    }

    static func value(_ object: JSONObject, _ key: String) -> JSONValue? {
        object.entries.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    static func entry(_ object: JSONObject, arnKey: String?) -> Entry? {
        let arn = arnKey.flatMap { value(object, $0)?.stringValue } ?? ""
        let username = value(object, "username")?.stringValue ?? ""
        let groups = value(object, "groups")?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !username.isEmpty else { return nil }
        return Entry(arn: arn, username: username, groups: groups)
    }

    static func accountString(_ value: JSONValue) -> String? {
        if let text = value.stringValue, !text.isEmpty { return text }
        if let number = value.int64Value {
            let digits = String(number)
            return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        }
        return nil
    }

    /// What the ConfigMap says about an identity.
    enum Verdict: Equatable {
        /// An entry matches and renders to the username (and groups): aws-auth produced it, unless an
        /// identical access entry overrides it.
        case entryRendersUsername(kind: String, arn: String, template: String)
        /// An entry matches but renders something else: an access entry (which wins) produced the username.
        case entryDiffers(kind: String, arn: String, template: String)
        /// The account is in `mapAccounts` and nothing more specific matches.
        case mapAccounts
        /// Nothing in the ConfigMap maps the principal: it must be an access entry.
        case noEntry
    }

    /// Matches the identity against the ConfigMap the way the authenticator's EKSConfigMap mapper does.
    func verdict(username: String, aws: AWSIdentity) -> Verdict {
        let canonical = (aws.canonicalArn ?? aws.principal?.canonical ?? "").lowercased()
        let candidates: [(String, Entry)] = roles.filter { $0.arn.lowercased() == canonical }.map { ("mapRoles", $0) }
            + ssoRoles.filter { sso in
                aws.identityCenter?.permissionSet.lowercased() == sso.permissionSet.lowercased()
                    && aws.account == sso.account
            }.map { ("mapRoles sso", $0.entry) }
            + users.filter { $0.arn.lowercased() == canonical }.map { ("mapUsers", $0) }
        if let (kind, entry) = candidates.first {
            let rendered = Self.render(entry.username, aws: aws)
            let matches = rendered.map { $0 == username }
                ?? (entry.username.hasPrefix("system:node:") && username.hasPrefix("system:node:"))
            return matches ? .entryRendersUsername(kind: kind, arn: entry.arn, template: entry.username)
                : .entryDiffers(kind: kind, arn: entry.arn, template: entry.username)
        }
        if let account = aws.account, accounts.contains(account) { return .mapAccounts }
        return .noEntry
    }

    /// aws-iam-authenticator `renderTemplate`; `nil` when the template needs `{{EC2PrivateDNSName}}`, which
    /// only EC2 can resolve.
    static func render(_ template: String, aws: AWSIdentity) -> String? {
        if template.contains("{{EC2PrivateDNSName}}") { return nil }
        let session = aws.sessionName ?? ""
        return template
            .replacing("{{AccountID}}", with: aws.account ?? "")
            .replacing("{{SessionNameRaw}}", with: session)
            .replacing("{{SessionName}}", with: session.replacing("@", with: "-"))
            .replacing("{{AccessKeyID}}", with: aws.accessKeyID ?? "")
    }
}
