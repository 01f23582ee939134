/// Reconstructs the username template an EKS mapping most likely used (eks-identity.md §1.6).
///
/// aws-iam-authenticator renders templates with plain `strings.ReplaceAll` (`pkg/server/server.go`
/// `renderTemplate`): `{{SessionName}}` is the session name with every `@` replaced by `-`,
/// `{{SessionNameRaw}}` the session name unchanged, `{{AccountID}}`, `{{AccessKeyID}}`, and
/// `{{EC2PrivateDNSName}}` the private DNS name of the instance whose id is the session name. Going
/// backwards is a guess: the mapping is not visible, only its output.
enum UsernameTemplateInference {
    static func infer(username: String, sessionName: String?, account: String?, accessKeyID: String?,
                      canonicalArn: String?) -> UsernameTemplate?
    {
        guard !username.isEmpty else { return nil }
        let session = sessionName ?? ""
        if username.hasPrefix("system:node:"), SessionNameOrigin.isEC2InstanceID(session),
            username != "system:node:" + session
        {
            return UsernameTemplate(
                template: "system:node:{{EC2PrivateDNSName}}", placeholders: ["{{EC2PrivateDNSName}}"],
                explanation: "{{EC2PrivateDNSName}} = private DNS name of instance \(session)")
        }
        if let canonicalArn, !canonicalArn.isEmpty, username == canonicalArn {
            return UsernameTemplate(template: username, placeholders: [],
                                    explanation: "the principal's canonical ARN itself")
        }
        var template = username
        var placeholders: [String] = []
        var glosses: [String] = []
        if session.utf8.count >= 2 {
            let dashed = session.replacing("@", with: "-")
            if session.contains("@") {
                if template.contains(dashed) {
                    template = template.replacing(dashed, with: "{{SessionName}}")
                    placeholders.append("{{SessionName}}")
                    glosses.append("{{SessionName}} = session name \(session) with @ → -")
                } else if template.contains(session) {
                    template = template.replacing(session, with: "{{SessionNameRaw}}")
                    placeholders.append("{{SessionNameRaw}}")
                    glosses.append("{{SessionNameRaw}} = session name \(session) unchanged")
                }
            } else if template.contains(session) {
                template = template.replacing(session, with: "{{SessionName}}")
                placeholders.append("{{SessionName}}")
                glosses.append("{{SessionName}} = session name \(session)")
            }
        }
        // Access-entry default usernames are ARNs with the account written out: only the session varies.
        if !username.hasPrefix("arn:") {
            if let account, account.utf8.count == 12, template.contains(account) {
                template = template.replacing(account, with: "{{AccountID}}")
                placeholders.append("{{AccountID}}")
                glosses.append("{{AccountID}} = \(account)")
            }
            if let accessKeyID, accessKeyID.utf8.count >= 16, template.contains(accessKeyID) {
                template = template.replacing(accessKeyID, with: "{{AccessKeyID}}")
                placeholders.append("{{AccessKeyID}}")
                glosses.append("{{AccessKeyID}} = \(accessKeyID)")
            }
        }
        if placeholders.isEmpty {
            return UsernameTemplate(template: username, placeholders: [],
                                    explanation: "fixed in the mapping (no placeholders)")
        }
        return UsernameTemplate(template: template, placeholders: placeholders,
                                explanation: glosses.joined(separator: "; "))
    }
}
