import GuardrailCore
import Testing
@testable import Identity

/// The rest of the identity zoo: tokens, anonymous, control plane, kubelets, expired certificates,
/// EKS corner cases.
enum MoreIdentities {
    static let all: [IdentityCase] = [
        IdentityCase(
            name: "bootstrap token",
            userInfo: UserInfo(username: "system:bootstrap:abcdef",
                               groups: ["system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token",
                                        "system:authenticated"]),
            hints: CredentialHints(kind: .bearerToken, bearerToken: BearerTokenFacts(token: "abcdef.0123456789abcdef")),
            kind: .bootstrapToken,
            expected: """
            Identity     bootstrap token abcdef (Secret kube-system/bootstrap-token-abcdef)
            Groups       system:bootstrappers — bootstrap credentials: may request a node client certificate
                         system:bootstrappers:kubeadm:default-node-token — bootstrap tokens (extra group from\
             auth-extra-groups)
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   token

            """),
        IdentityCase(
            name: "static token",
            userInfo: UserInfo(username: "ci-bot", uid: "42", groups: ["ci", "system:authenticated"]),
            hints: CredentialHints(kind: .bearerToken, bearerToken: .opaque),
            kind: .staticToken,
            expected: """
            Identity     bearer token from kubeconfig: a static token file entry or a webhook-checked token
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 1 other group — no built-in meaning; rights come from bindings
            Credential   token

            """),
        IdentityCase(
            name: "anonymous",
            userInfo: UserInfo(username: "system:anonymous", groups: ["system:unauthenticated"]),
            kind: .anonymous,
            expected: """
            Identity     anonymous: the request carried no credential the API server accepted
            Groups       system:unauthenticated — anonymous requests

            """),
        IdentityCase(
            name: "control-plane component",
            userInfo: UserInfo(username: "system:kube-scheduler", groups: ["system:authenticated"]),
            kind: .controlPlane,
            expected: """
            Identity     Kubernetes control-plane component: kube-scheduler
            Groups       system:authenticated — every authenticated caller (added by the API server)

            """),
        IdentityCase(
            name: "kubelet with a client certificate",
            userInfo: UserInfo(username: "system:node:worker-1", groups: ["system:nodes", "system:authenticated"]),
            hints: CredentialHints(kind: .clientCertificate),
            kind: .node,
            expected: """
            Identity     kubelet of node worker-1
            Groups       system:nodes — kubelets: authorized by the Node authorizer, limited by NodeRestriction
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   client-certificate

            """),
        IdentityCase(
            name: "expired client certificate",
            userInfo: UserInfo(username: "jürgen", groups: ["team-a", "team-b", "system:authenticated"]),
            hints: CredentialHints(kind: .clientCertificate, clientCertificatePEM: Fixtures.bytes("multi-org.pem")),
            kind: .x509,
            expected: """
            Identity     client certificate (x509): username from CN, groups from O
            Certificate  CN=jürgen O=team-a O=team-b O=system:authenticated — issued by kubernetes
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 2 other groups — no built-in meaning; rights come from bindings
            Credential   client-certificate
            Expires      client certificate 2025-03-01T00:00:00Z (expired 638 days ago)
            Warning      the client certificate has expired

            """),
        IdentityCase(
            name: "GKE Google service account",
            userInfo: UserInfo(username: "deployer@acme-prod.iam.gserviceaccount.com", groups: ["system:authenticated"],
                               extra: ["user-assertion.cloud.google.com": ["opaque"]]),
            kind: .gke,
            expected: """
            Identity     Google Cloud service account deployer@acme-prod.iam.gserviceaccount.com, authenticated by GKE
              authz      Kubernetes RBAC, then Google Cloud IAM
            Groups       system:authenticated — every authenticated caller (added by the API server)

            """),
        IdentityCase(
            name: "AKS managed identity",
            userInfo: UserInfo(username: "0e3c1b2a-4d5e-6f70-8192-a3b4c5d6e7f8", groups: ["system:authenticated"],
                               extra: ["oid": ["0e3c1b2a-4d5e-6f70-8192-a3b4c5d6e7f8"]]),
            kind: .aks,
            expected: """
            Identity     Entra ID service principal or managed identity 0e3c1b2a-4d5e-6f70-8192-a3b4c5d6e7f8,\
             authenticated by AKS
              object id  0e3c1b2a-4d5e-6f70-8192-a3b4c5d6e7f8 — Entra ID oid claim
              authz      Kubernetes RBAC, or Azure RBAC when enabled
            Groups       system:authenticated — every authenticated caller (added by the API server)

            """),
        IdentityCase(
            name: "EKS legacy cluster creator",
            userInfo: UserInfo(
                username: "kubernetes-admin", uid: "aws-iam-authenticator:123456789012:AROAEXAMPLECREATOR01",
                groups: ["system:masters", "system:authenticated"],
                extra: ["arn": ["arn:aws:sts::123456789012:assumed-role/Admin/EKSGetTokenAuth"],
                        "canonicalArn": ["arn:aws:iam::123456789012:role/Admin"], "sessionName": ["EKSGetTokenAuth"],
                        "accessKeyId": ["ASIAEXAMPLECREATOR01"], "principalId": ["AROAEXAMPLECREATOR01"]]),
            hints: awsGetToken(cluster: "legacy", region: "us-east-1",
                               extra: ["--role", "arn:aws:iam::123456789012:role/Admin"]),
            kind: .awsIAM,
            expected: """
            Identity     AWS IAM role session, authenticated by EKS (aws-iam-authenticator)
            Cluster      EKS cluster legacy in us-east-1, account 123456789012
            AWS          arn:aws:sts::123456789012:assumed-role/Admin/EKSGetTokenAuth
              account    123456789012
              role       Admin
              session    EKSGetTokenAuth — set by `aws eks get-token --role-arn`
              key        ASIAEXAMPLECREATOR01 — temporary STS credentials
              principal  AROAEXAMPLECREATOR01 — IAM role unique id
            Username     fixed in the mapping (no placeholders)
            Mapped by    EKS-internal mapping (medium confidence): kubernetes-admin in system:masters: the cluster\
             creator's invisible mapping (CONFIG_MAP mode), or an aws-auth entry
            Groups       system:masters — superuser: bypasses RBAC authorization entirely; only admission guardrails\
             can still stop it
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   exec aws eks get-token: cluster legacy, region us-east-1, role\
             arn:aws:iam::123456789012:role/Admin
            Expires      EKS token — valid 15 min after signing; the plugin mints a new one when it expires

            """),
        IdentityCase(
            name: "EKS custom access entry username proven by an access-policy reason",
            userInfo: UserInfo(
                username: "team:alice", uid: "aws-iam-authenticator:123456789012:AROAEXAMPLETEAM00001",
                groups: ["developers", "system:authenticated"],
                extra: ["arn": ["arn:aws:sts::123456789012:assumed-role/developers/alice"],
                        "canonicalArn": ["arn:aws:iam::123456789012:role/developers"], "sessionName": ["alice"],
                        "accessKeyId": ["ASIAEXAMPLETEAM00001"], "principalId": ["AROAEXAMPLETEAM00001"]]),
            cluster: ClusterFacts(sawEKSAccessPolicyReason: true),
            kind: .awsIAM,
            expected: """
            Identity     AWS IAM role session, authenticated by EKS (aws-iam-authenticator)
            AWS          arn:aws:sts::123456789012:assumed-role/developers/alice
              account    123456789012
              role       developers
              session    alice
              key        ASIAEXAMPLETEAM00001 — temporary STS credentials
              principal  AROAEXAMPLETEAM00001 — IAM role unique id
            Username     from template team:{{SessionName}}
                         {{SessionName}} = session name alice
            Mapped by    EKS access entry (high confidence): an access check was allowed by an EKS access policy, and\
             access entries override aws-auth
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 1 other group — no built-in meaning; rights come from bindings

            """),
        IdentityCase(
            name: "EKS root user",
            userInfo: UserInfo(
                username: "arn:aws:iam::123456789012:root", uid: "aws-iam-authenticator:123456789012:123456789012",
                groups: ["system:authenticated"],
                extra: ["arn": ["arn:aws:iam::123456789012:root"], "canonicalArn": ["arn:aws:iam::123456789012:root"],
                        "sessionName": [""], "accessKeyId": ["AKIAEXAMPLEROOTKEY01"], "principalId": ["123456789012"]]),
            kind: .awsIAM,
            expected: """
            Identity     AWS account root user, authenticated by EKS (aws-iam-authenticator)
            AWS          arn:aws:iam::123456789012:root
              account    123456789012
              user       root — the account root user
              key        AKIAEXAMPLEROOTKEY01 — long-term access key
              principal  123456789012 — the account id: root
            Username     the principal's canonical ARN itself
            Mapped by    access entry or aws-auth ConfigMap (cannot tell) — username is the account root user ARN: an\
             access entry's default, or aws-auth mapAccounts
            Groups       system:authenticated — every authenticated caller (added by the API server)
            Warning      AWS account root user: use an IAM role instead

            """),
        IdentityCase(
            name: "impersonated service account",
            userInfo: UserInfo(username: "system:serviceaccount:kube-system:default",
                               groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system",
                                        "system:authenticated"]),
            hints: CredentialHints(kind: .clientCertificate, clientCertificatePEM: Fixtures.bytes("super-admin.pem"),
                                   impersonating: true),
            kind: .serviceAccount,
            expected: """
            Identity     service account kube-system/default
            Certificate  CN=kubernetes-super-admin O=system:masters — issued by kubernetes
            Groups       system:serviceaccounts — every service account
                         system:serviceaccounts:kube-system — every service account in namespace kube-system
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   client-certificate
            Expires      client certificate 2051-06-15T12:30:45Z (expires in 8964 days; cannot be revoked before then)
            Note         impersonation is active: this is the impersonated identity (cloud extras are dropped)

            """),
    ]
}

@Suite struct MoreIdentityTests {
    @Test(arguments: MoreIdentities.all)
    func explainsIdentity(_ c: IdentityCase) {
        let explanation = IdentityExplainer.explain(c.userInfo, credential: c.hints, cluster: c.cluster, now: testNow)
        #expect(explanation.kind == c.kind)
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(text == c.expected, "\n\(text)")
    }
}
