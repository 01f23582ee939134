import GuardrailCore
import Testing
@testable import Identity

/// One realistic identity: what the API server returned, what kubeconfig says, what the cluster let us
/// read, and the explanation we expect.
struct IdentityCase: Sendable, CustomStringConvertible {
    var name: String
    var userInfo: UserInfo
    var hints = CredentialHints()
    var cluster = ClusterFacts()
    var kind: IdentityKind
    var expected: String

    var description: String { name }
}

let eksServer = "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com"

func awsGetToken(cluster: String, region: String, profile: String? = nil, extra: [String] = []) -> CredentialHints {
    CredentialHints(
        kind: .exec, contextName: "arn:aws:eks:\(region):123456789012:cluster/\(cluster)", server: eksServer,
        exec: .init(command: "aws", args: ["--region", region, "eks", "get-token", "--cluster-name", cluster,
                                           "--output", "json"] + extra,
                    env: profile.map { ["AWS_PROFILE": $0, "SECRET_THING": "hidden"] } ?? [:]))
}

enum RealisticIdentities {
    static let ssoAdmin = IdentityCase(
        name: "EKS IAM Identity Center session mapped by aws-auth into system:masters",
        userInfo: UserInfo(
            username: "devops-john.doe-example.com", uid: "aws-iam-authenticator:123456789012:AROA1234567890EXAMPLE",
            groups: ["system:masters", "system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevOps_Admin_1234abcd/john.doe@example.com"],
                "canonicalArn": ["arn:aws:iam::123456789012:role/AWSReservedSSO_DevOps_Admin_1234abcd"],
                "sessionName": ["john.doe@example.com"], "accessKeyId": ["ASIA1234567890EXAMPLE"],
                "principalId": ["AROA1234567890EXAMPLE"],
                "sigs.k8s.io/aws-iam-authenticator/principalId": ["AROA1234567890EXAMPLE"],
            ]),
        hints: awsGetToken(cluster: "demo", region: "us-east-1", profile: "devops"),
        kind: .awsIAM,
        expected: """
            Identity     AWS IAM role session (IAM Identity Center), authenticated by EKS (aws-iam-authenticator)
            AWS          arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevOps_Admin_1234abcd/john.doe@example.com
              account    123456789012
              role       AWSReservedSSO_DevOps_Admin_1234abcd — Identity Center permission set DevOps_Admin
              session    john.doe@example.com — IAM Identity Center user
              key        ASIA1234567890EXAMPLE — temporary STS credentials
              principal  AROA1234567890EXAMPLE — IAM role unique id
            Username     devops-john.doe-example.com ← devops-{{SessionName}}
                         {{SessionName}} = session name john.doe@example.com with @ → -
            Mapped by    aws-auth ConfigMap (high confidence): group system:masters cannot come from an access entry
            Groups       system:masters — superuser: bypasses RBAC authorization entirely; only admission guardrails can still stop it
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   exec aws eks get-token: cluster demo, region us-east-1, profile devops
            Expires      EKS token — valid 15 min after signing; the plugin mints a new one when it expires

            """)

    static let all: [IdentityCase] = [ssoAdmin]
}

@Suite struct RealisticIdentityTests {
    @Test(arguments: RealisticIdentities.all)
    func explainsRealisticIdentity(_ c: IdentityCase) {
        let explanation = IdentityExplainer.explain(c.userInfo, credential: c.hints, cluster: c.cluster, now: testNow)
        #expect(explanation.kind == c.kind)
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(text == c.expected, "\n\(text)")
    }
}
