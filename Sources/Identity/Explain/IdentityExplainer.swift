import GuardrailCore

/// Explains a SelfSubjectReview identity: the pure core of `kubectl guardrail whoami`.
///
/// ```swift
/// let explanation = IdentityExplainer.explain(userInfo, credential: hints, cluster: facts, now: now)
/// for line in ExplanationRenderer.lines(for: explanation) { print(line.plainText(labelWidth: 12)) }
/// ```
///
/// Never fails: identity data it does not understand (odd ARNs, empty extras, unknown providers) is left
/// unexplained rather than guessed at, so the CLI falls back to the plain card.
public enum IdentityExplainer {
    /// Builds the explanation. `now` is used only to express expiry relative to the present.
    public static func explain(
        _ userInfo: UserInfo, credential hints: CredentialHints = CredentialHints(),
        cluster: ClusterFacts = ClusterFacts(), now: UTCInstant
    ) -> IdentityExplanation {
        let extras = Extras(userInfo.extra)
        let kind = classify(userInfo, extras: extras, hints: hints)
        var explanation = IdentityExplanation(userInfo: userInfo, kind: kind, headline: "")
        explanation.credential = KubeconfigCredential.describe(hints)
        explanation.cluster = KubeconfigCredential.clusterDescription(hints)
        explanation.bindings = cluster.bindings
        explanation.guardrails = cluster.guardrails
        explainGroups(into: &explanation, kind: kind)

        switch kind {
        case .awsIAM, .node:
            if isEKS(userInfo, extras: extras) {
                explainAWS(into: &explanation, extras: extras, cluster: cluster)
            }
            if kind == .node { explainNode(into: &explanation) }
        case .serviceAccount:
            explainServiceAccount(into: &explanation, extras: extras, cluster: cluster,
                                  impersonating: hints.impersonating)
        case .x509:
            explanation.headline = "client certificate (x509): username from CN, groups from O"
        case .oidc:
            explainOIDC(into: &explanation, hints: hints)
        case .gke:
            explainGKE(into: &explanation, extras: extras)
        case .aks:
            explainAKS(into: &explanation, extras: extras)
        case .staticToken:
            explanation.headline = "bearer token from kubeconfig: a static token file entry or a webhook-checked token"
        case .bootstrapToken:
            let id = userInfo.username.dropFirst("system:bootstrap:".count)
            explanation.headline = "bootstrap token \(id) (Secret kube-system/bootstrap-token-\(id))"
        case .anonymous:
            explanation.headline = "anonymous: the request carried no credential the API server accepted"
        case .controlPlane:
            let component = BuiltInGroups.controlPlaneUsers[userInfo.username] ?? userInfo.username
            explanation.headline = "Kubernetes control-plane component: \(component)"
        case .unrecognised:
            explanation.headline = ""
        }
        explainCertificate(into: &explanation, hints: hints, now: now)
        explainExpiry(into: &explanation, hints: hints, now: now)
        if hints.impersonating {
            explanation.findings.append(Finding(
                .notice, "impersonation is active: this is the impersonated identity (cloud extras are dropped)"))
        }
        return explanation
    }

    // MARK: - Classification

    static func isEKS(_ userInfo: UserInfo, extras: Extras) -> Bool {
        userInfo.uid.hasPrefix("aws-iam-authenticator:")
            || (extras.first("arn")?.hasPrefix("arn:") == true && extras.has("canonicalArn"))
    }

    static func classify(_ userInfo: UserInfo, extras: Extras, hints: CredentialHints) -> IdentityKind {
        let username = userInfo.username
        if username == "system:anonymous" { return .anonymous }
        if username.hasPrefix("system:node:"), username.utf8.count > "system:node:".utf8.count,
            userInfo.groups.contains("system:nodes")
        {
            return .node
        }
        if isEKS(userInfo, extras: extras) { return .awsIAM }
        if userInfo.serviceAccount != nil { return .serviceAccount }
        if username.hasPrefix("system:bootstrap:"), username.utf8.count > "system:bootstrap:".utf8.count {
            return .bootstrapToken
        }
        if BuiltInGroups.controlPlaneUsers[username] != nil { return .controlPlane }
        if extras.has("iam.gke.io/user-assertion") || extras.has("user-assertion.cloud.google.com") { return .gke }
        if let oid = extras.first("oid"), isGUID(oid) { return .aks }
        if extras.first("authentication.kubernetes.io/credential-id")?.hasPrefix("X509SHA256=") == true
            || hints.kind == .clientCertificate
        {
            return .x509
        }
        let plugin = hints.kind == .exec ? hints.exec.map(KubeconfigCredential.describe)?.plugin : nil
        if plugin == "gke-gcloud-auth-plugin" || hints.authProviderName == "gcp" { return .gke }
        if plugin == "kubelogin (Azure)" || hints.authProviderName == "azure" { return .aks }
        if plugin == "kubectl oidc-login" || hints.authProviderName == "oidc" { return .oidc }
        if case .jwt(let issuer, _, _, _) = hints.bearerToken, issuer != nil { return .oidc }
        if username.hasPrefix("https://"), username.contains("#") { return .oidc }
        if hints.kind == .bearerToken { return .staticToken }
        return .unrecognised
    }

    static func isGUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) else {
                    return false
                }
            }
        }
        return true
    }

    // MARK: - Groups

    /// At most this many group lines; the rest are counted (a user may be in thousands of groups).
    static let maxGroupLines = 12

    static func explainGroups(into explanation: inout IdentityExplanation, kind: IdentityKind) {
        var other = 0
        var guids = 0
        var emails = 0
        for group in explanation.userInfo.groups {
            if let meaning = BuiltInGroups.meaning(of: group), explanation.groups.count < maxGroupLines {
                // system:masters needs no separate finding: its group line carries `.critical`.
                explanation.groups.append(meaning)
            } else if kind == .aks, isGUID(group) {
                guids += 1
            } else if kind == .gke, group.contains("@") {
                emails += 1
            } else {
                other += 1
            }
        }
        if guids > 0 {
            explanation.details.append(Fact("groups", "\(guids) Entra ID group object id\(guids == 1 ? "" : "s")",
                                            note: "resolve with `az ad group show --group <id>`"))
        }
        if emails > 0 {
            explanation.details.append(Fact("groups", "\(emails) Google Group\(emails == 1 ? "" : "s")",
                                            note: "Google Groups for RBAC"))
        }
        explanation.otherGroupCount = other
    }

    // MARK: - EKS

    static func explainAWS(into explanation: inout IdentityExplanation, extras: Extras, cluster: ClusterFacts) {
        let userInfo = explanation.userInfo
        var aws = AWSIdentity()
        let uidFields = userInfo.uid.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if uidFields.count == 3, uidFields[0] == "aws-iam-authenticator" {
            if uidFields[1] == "administrative" {
                aws.administrative = true
            } else if AWSPrincipalARN.isAccountID(uidFields[1]) {
                aws.account = String(uidFields[1])
                if !uidFields[2].isEmpty { aws.principalID = String(uidFields[2]) }
            }
        }
        aws.arn = extras.first("arn")
        aws.canonicalArn = extras.first("canonicalArn")
        aws.sessionName = extras.first("sessionName")
        aws.accessKeyID = extras.first("accessKeyId")
        aws.principalID = extras.first("principalId")
            ?? extras.first("sigs.k8s.io/aws-iam-authenticator/principalId") ?? aws.principalID
        if let arn = aws.arn { aws.principal = AWSPrincipalARN(arn) }
        if aws.principal == nil, let canonical = aws.canonicalArn { aws.principal = AWSPrincipalARN(canonical) }
        if let principal = aws.principal {
            aws.account = aws.account ?? principal.account
            if aws.sessionName == nil { aws.sessionName = principal.sessionName }
            if let role = principal.roleName { aws.identityCenter = IdentityCenterRole(roleName: role) }
        }
        if let session = aws.sessionName {
            aws.sessionOrigin = SessionNameOrigin.describe(session, isIdentityCenter: aws.identityCenter != nil)
        }
        if !aws.administrative {
            aws.usernameTemplate = UsernameTemplateInference.infer(
                username: userInfo.username, sessionName: aws.sessionName, account: aws.account,
                accessKeyID: aws.accessKeyID, canonicalArn: aws.canonicalArn)
        }
        aws.mapping = MappingSourceInference.infer(
            username: userInfo.username, groups: userInfo.groups, aws: aws,
            sawEKSAccessPolicyReason: cluster.sawEKSAccessPolicyReason, awsAuth: cluster.awsAuth)
        // The ConfigMap's own template beats the reconstructed one.
        if case .found(let configMap) = cluster.awsAuth, aws.mapping?.source == .awsAuth,
            case .entryRendersUsername(_, _, let template) = configMap.verdict(username: userInfo.username, aws: aws),
            template != aws.usernameTemplate?.template
        {
            let placeholders = ["{{EC2PrivateDNSName}}", "{{AccountID}}", "{{SessionName}}", "{{SessionNameRaw}}",
                                "{{AccessKeyID}}"].filter { template.contains($0) }
            aws.usernameTemplate = UsernameTemplate(template: template, placeholders: placeholders,
                                                    explanation: "as written in the aws-auth ConfigMap")
        }

        // Findings about the AWS credential itself.
        let keyKind = aws.accessKeyID.flatMap(AWSIDPrefix.init(of:))
        if case .root = aws.principal?.kind {
            explanation.findings.append(Finding(.critical, "AWS account root user: use an IAM role instead"))
        } else if keyKind == .longTermAccessKey {
            explanation.findings.append(Finding(
                .warning, "long-term access key (AKIA…): it never expires; prefer a role session"))
        }
        if case .user = aws.principal?.kind, keyKind == .temporaryAccessKey {
            explanation.findings.append(Finding(
                .info, "an IAM user with session credentials (GetSessionToken, e.g. for MFA)"))
        }

        if aws.administrative {
            explanation.headline = "AWS-internal identity, authenticated by EKS (aws-iam-authenticator)"
        } else if let principal = aws.principal {
            var what = "AWS " + principal.kindDescription
            if aws.identityCenter != nil { what += " (IAM Identity Center)" }
            explanation.headline = what + ", authenticated by EKS (aws-iam-authenticator)"
        } else {
            explanation.headline = "authenticated by EKS (aws-iam-authenticator); the IAM ARN could not be read"
        }
        explanation.aws = aws
    }

    static func explainNode(into explanation: inout IdentityExplanation) {
        let node = explanation.userInfo.username.dropFirst("system:node:".count)
        let onEKS = explanation.aws != nil
        explanation.headline = "kubelet of node \(node)" + (onEKS ? ", via the node's IAM role on EKS" : "")
    }

    // MARK: - Service accounts

    static func explainServiceAccount(into explanation: inout IdentityExplanation, extras: Extras,
                                      cluster: ClusterFacts, impersonating: Bool)
    {
        guard let (namespace, name) = explanation.userInfo.serviceAccount else { return }
        var account = ServiceAccountIdentity(namespace: namespace, name: name)
        account.podName = extras.first("authentication.kubernetes.io/pod-name")
        account.podUID = extras.first("authentication.kubernetes.io/pod-uid")
        account.nodeName = extras.first("authentication.kubernetes.io/node-name")
        account.nodeUID = extras.first("authentication.kubernetes.io/node-uid")
        account.credentialID = extras.first("authentication.kubernetes.io/credential-id")
        account.workloadCredentials = WorkloadCredentialsInference.infer(
            namespace: namespace, name: name, ownPod: account.podName, serviceAccount: cluster.serviceAccount,
            pods: cluster.pods)
        if let pod = account.podName {
            explanation.headline = "service account \(namespace)/\(name), token bound to pod \(pod)"
        } else {
            explanation.headline = "service account \(namespace)/\(name)"
        }
        if account.podName == nil, !impersonating {
            explanation.findings.append(Finding(
                .info, "token not bound to a pod: a TokenRequest token or a legacy Secret token"))
        }
        // Other clouds' workload identities are plain annotations on the ServiceAccount (eks-identity.md §6).
        let annotations = cluster.serviceAccount.value?[path: "metadata", "annotations"]
        if let gsa = annotations?["iam.gke.io/gcp-service-account"]?.stringValue {
            explanation.details.append(Fact("gcp sa", gsa, note: "GKE Workload Identity"))
        }
        if let clientID = annotations?["azure.workload.identity/client-id"]?.stringValue {
            explanation.details.append(Fact("azure id", clientID, note: "Azure Workload Identity client id"))
        }
        // Another cloud's workload identity: "could not tell the AWS credentials" would only be noise.
        if !explanation.details.isEmpty, case .unavailable = account.workloadCredentials {
            account.workloadCredentials = .notLookedUp
        }
        if case .found(let credentials) = account.workloadCredentials, credentials.effective == .nodeRole,
            explanation.details.isEmpty
        {
            explanation.findings.append(Finding(
                .warning, "no AWS identity injected: pods fall back to the node's IAM role — usually a finding"))
        }
        explanation.serviceAccount = account
    }

    // MARK: - Other providers

    static func explainOIDC(into explanation: inout IdentityExplanation, hints: CredentialHints) {
        var issuer: String?
        if case .jwt(let iss, _, _, _) = hints.bearerToken { issuer = iss }
        if issuer == nil, let exec = explanation.credential?.facts.first(where: { $0.label == "issuer" }) {
            issuer = exec.value
        }
        let username = explanation.userInfo.username
        explanation.headline = "OpenID Connect user" + (issuer.map { " from \($0)" } ?? "")
        if username.hasPrefix("https://"), let hash = username.firstIndex(of: "#") {
            explanation.details.append(Fact(
                "username", String(username[username.index(after: hash)...]),
                note: "prefixed with the issuer URL and #: the API server's default for non-email claims"))
        } else if let colon = username.firstIndex(of: ":"), !username.hasPrefix("system:") {
            explanation.details.append(Fact(
                "prefix", String(username[...colon]), note: "added by the authenticator's username prefix setting"))
        }
    }

    static func explainGKE(into explanation: inout IdentityExplanation, extras: Extras) {
        let username = explanation.userInfo.username
        if username.hasSuffix(".iam.gserviceaccount.com") {
            explanation.headline = "Google Cloud service account \(username), authenticated by GKE"
        } else if username.contains("@") {
            explanation.headline = "Google account \(username), authenticated by GKE"
        } else {
            explanation.headline = "Google identity, authenticated by GKE"
        }
        if extras.has("iam.gke.io/user-assertion") {
            explanation.details.append(Fact("assertion", "iam.gke.io/user-assertion",
                                            note: "opaque; GKE's IAM authorizer reads it"))
        }
        explanation.details.append(Fact("authz", "Kubernetes RBAC, then Google Cloud IAM"))
    }

    static func explainAKS(into explanation: inout IdentityExplanation, extras: Extras) {
        let username = explanation.userInfo.username
        if isGUID(username) {
            explanation.headline = "Entra ID service principal or managed identity \(username), authenticated by AKS"
        } else {
            explanation.headline = "Entra ID user \(username), authenticated by AKS"
        }
        if let oid = extras.first("oid") {
            explanation.details.append(Fact("object id", oid, note: "Entra ID oid claim"))
        }
        explanation.details.append(Fact("authz", "Kubernetes RBAC, or Azure RBAC when enabled"))
    }

    // MARK: - Certificates and expiry

    static func explainCertificate(into explanation: inout IdentityExplanation, hints: CredentialHints,
                                   now: UTCInstant)
    {
        let credentialID = Extras(explanation.userInfo.extra).first("authentication.kubernetes.io/credential-id")
        let fingerprint = credentialID.flatMap { $0.hasPrefix("X509SHA256=") ? $0.dropFirst(11).lowercased() : nil }
        guard let pem = hints.clientCertificatePEM else {
            if let fingerprint {
                explanation.details.append(
                    Fact("sha256", fingerprint, note: "fingerprint of the certificate presented"))
            }
            return
        }
        guard let summary = X509Summary(pem: pem) else {
            explanation.findings.append(Finding(.notice, "the client certificate in kubeconfig could not be parsed"))
            return
        }
        let userInfo = explanation.userInfo
        let matches = summary.commonName == userInfo.username
        let sameCertificate = fingerprint.map { $0 == summary.sha256 }
        explanation.certificate = CertificateIdentity(summary: summary, commonNameMatchesUsername: matches,
                                                      matchesCredentialID: sameCertificate)
        if sameCertificate == false {
            explanation.findings.append(Finding(
                .notice, "the API server saw a different certificate (sha256 \(fingerprint ?? "")) than the one in "
                    + "kubeconfig"))
        }
        if explanation.kind == .x509 {
            if userInfo.username == "kubernetes-admin", userInfo.groups.contains("kubeadm:cluster-admins") {
                explanation.headline = "kubeadm admin.conf client certificate (group kubeadm:cluster-admins)"
            } else if userInfo.username == "kubernetes-super-admin" {
                explanation.headline = "kubeadm super-admin.conf client certificate (system:masters): break-glass only"
            } else if userInfo.username == "masterclient" {
                explanation.headline = "AKS local admin client certificate (az aks get-credentials --admin)"
            }
        }
        if !matches, hints.kind == .clientCertificate, !hints.impersonating {
            explanation.findings.append(Finding(
                .notice, "the certificate's CN (\(summary.commonName ?? "none")) is not the username: another "
                    + "authenticator or a front proxy answered"))
        }
        if let notAfter = summary.notAfter {
            let expired = notAfter <= now
            explanation.expiry.append(CredentialExpiry(
                credential: "client certificate", expiresAt: notAfter,
                note: expired ? "expired \(HumanDuration.relative(from: now, to: notAfter))"
                    : "expires \(HumanDuration.relative(from: now, to: notAfter)); cannot be revoked before then"))
            if expired {
                explanation.findings.append(Finding(.warning, "the client certificate has expired"))
            }
        }
    }

    static func explainExpiry(into explanation: inout IdentityExplanation, hints: CredentialHints, now: UTCInstant) {
        if case .eks(let facts) = hints.bearerToken, let expires = facts.expiresAt {
            explanation.expiry.append(CredentialExpiry(
                credential: "EKS token", expiresAt: expires,
                note: "valid 15 min after signing, \(HumanDuration.relative(from: now, to: expires))"))
        } else if explanation.credential?.plugin == "aws eks get-token"
            || explanation.credential?.plugin == "aws-iam-authenticator token"
        {
            explanation.expiry.append(CredentialExpiry(
                credential: "EKS token", expiresAt: hints.execExpiration,
                note: "valid 15 min after signing; the plugin mints a new one when it expires"))
            return
        }
        if let expires = hints.execExpiration {
            explanation.expiry.append(CredentialExpiry(
                credential: "exec credential", expiresAt: expires,
                note: expires <= now ? "expired; the plugin runs again on the next request"
                    : "\(HumanDuration.relative(from: now, to: expires)); the plugin runs again then"))
        } else if case .jwt(_, _, _, let exp?) = hints.bearerToken {
            explanation.expiry.append(CredentialExpiry(
                credential: "token", expiresAt: exp,
                note: exp <= now ? "expired \(HumanDuration.relative(from: now, to: exp))"
                    : "expires \(HumanDuration.relative(from: now, to: exp))"))
        }
    }
}
