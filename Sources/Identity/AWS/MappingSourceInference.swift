/// Decides, as far as it can be decided, whether an EKS access entry or the `aws-auth` ConfigMap mapped
/// the IAM principal (eks-identity.md §2.4). Both go through the same authenticator with the same `uid`
/// and extras, so this is a ladder of signals, each with its confidence.
enum MappingSourceInference {
    static let reservedUsernamePrefixes = ["eks:", "aws:", "amazon:", "iam:"]

    /// The ladder, then refined by the aws-auth ConfigMap when it could be read.
    static func infer(username: String, groups: [String], aws: AWSIdentity, sawEKSAccessPolicyReason: Bool?,
                      awsAuth: Lookup<AWSAuthConfigMap>) -> MappingSource
    {
        let guess = infer(username: username, groups: groups, aws: aws,
                          sawEKSAccessPolicyReason: sawEKSAccessPolicyReason)
        // An access policy answered for this principal: its access entry wins over any aws-auth entry.
        guard case .found(let configMap) = awsAuth, !aws.administrative, sawEKSAccessPolicyReason != true else {
            return guess
        }
        let systemGroups = groups.contains { $0.hasPrefix("system:") && $0 != "system:authenticated" }
        switch configMap.verdict(username: username, aws: aws) {
        case .entryRendersUsername(let kind, let arn, let template):
            return MappingSource(
                source: .awsAuth, confidence: systemGroups ? .high : .medium,
                signals: ["aws-auth \(kind) entry \(arn.isEmpty ? "(sso)" : arn) renders this username from \(template)"
                    + (systemGroups ? "" : "; an access entry for the same principal would override it")])
        case .entryDiffers(let kind, let arn, let template):
            return MappingSource(
                source: .accessEntry, confidence: .high,
                signals: ["the aws-auth \(kind) entry \(arn.isEmpty ? "(sso)" : arn) would give \(template): an "
                    + "access entry overrides it"])
        case .mapAccounts:
            if username == aws.canonicalArn {
                return MappingSource(source: .awsAuthMapAccounts, confidence: .high,
                                     signals: ["account \(aws.account ?? "") is in aws-auth mapAccounts"])
            }
            return MappingSource(source: .accessEntry, confidence: .high,
                                 signals: ["mapAccounts would use the canonical ARN as username: an access entry"])
        case .noEntry:
            if systemGroups {
                return MappingSource(
                    source: .eksInternal, confidence: .high,
                    signals: ["no aws-auth entry maps this principal and access entries cannot grant system: groups: "
                        + "EKS's own mapping of the cluster creator"])
            }
            return MappingSource(source: .accessEntry, confidence: .high,
                                 signals: ["no aws-auth entry maps this principal"])
        }
    }

    static func infer(username: String, groups: [String], aws: AWSIdentity,
                      sawEKSAccessPolicyReason: Bool?) -> MappingSource
    {
        if aws.administrative {
            return MappingSource(source: .eksInternal, confidence: .high,
                                 signals: ["uid is aws-iam-authenticator:administrative:… (AWS-internal account)"])
        }
        let systemGroups = groups.filter { $0.hasPrefix("system:") && $0 != "system:authenticated" }
        let session = aws.sessionName ?? ""
        if username.hasPrefix("system:node:"), groups.contains("system:nodes") {
            return MappingSource(
                source: .undetermined, confidence: .low,
                signals: ["node identity: an aws-auth node role entry and an EC2/Fargate node access entry "
                    + "look the same"])
        }
        if let prefix = reservedUsernamePrefixes.first(where: { username.hasPrefix($0) }) {
            return MappingSource(
                source: .eksInternal, confidence: .medium,
                signals: ["username starts with \(prefix), which access entries may not use: an EKS-internal "
                    + "or aws-auth mapping"])
        }
        if username == "kubernetes-admin", groups.contains("system:masters") {
            return MappingSource(
                source: .eksInternal, confidence: .medium,
                signals: ["kubernetes-admin in system:masters: the cluster creator's invisible mapping "
                    + "(CONFIG_MAP mode), or an aws-auth entry"])
        }
        if !systemGroups.isEmpty {
            return MappingSource(
                source: .awsAuth, confidence: .high,
                signals: ["group \(systemGroups[0]) cannot come from an access entry"])
        }
        if sawEKSAccessPolicyReason == true {
            return MappingSource(
                source: .accessEntry, confidence: .high,
                signals: ["an access check was allowed by an EKS access policy, and access entries override aws-auth"])
        }
        if let canonical = aws.canonicalArn, username == canonical, canonical.contains(":role/"),
            groups.allSatisfy({ $0 == "system:authenticated" })
        {
            return MappingSource(
                source: .awsAuthMapAccounts, confidence: .high,
                signals: ["username is the role ARN, with no groups"])
        }
        if let principal = aws.principal, case .assumedRole(let role, _) = principal.kind, !session.isEmpty {
            let lastSegment = role.split(separator: "/").last.map(String.init) ?? role
            let expected = "arn:\(principal.partition):sts::\(principal.account):assumed-role/\(lastSegment)/"
                + session.replacing("@", with: "-")
            if username == expected {
                return MappingSource(
                    source: .accessEntry, confidence: .high,
                    signals: ["username matches the access-entry default assumed-role/<role>/{{SessionName}}"])
            }
        }
        if let principal = aws.principal, username == principal.text {
            switch principal.kind {
            case .user, .root:
                return MappingSource(
                    source: .undetermined, confidence: .low,
                    signals: ["username is the \(principal.kindDescription) ARN: an access entry's default, "
                        + "or aws-auth mapAccounts"])
            default:
                break
            }
        }
        return MappingSource(
            source: .undetermined, confidence: .low,
            signals: ["custom username and no system: groups: either an access entry or aws-auth"])
    }
}
