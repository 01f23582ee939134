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
                "arn": [
                    "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevOps_Admin_1234abcd/john.doe@example.com",
                ],
                "canonicalArn": ["arn:aws:iam::123456789012:role/AWSReservedSSO_DevOps_Admin_1234abcd"],
                "sessionName": ["john.doe@example.com"], "accessKeyId": ["ASIA1234567890EXAMPLE"],
                "principalId": ["AROA1234567890EXAMPLE"],
                "sigs.k8s.io/aws-iam-authenticator/principalId": ["AROA1234567890EXAMPLE"],
            ]),
        hints: awsGetToken(cluster: "demo", region: "us-east-1", profile: "devops"),
        kind: .awsIAM,
        expected: """
            Identity     AWS IAM role session (IAM Identity Center), authenticated by EKS (aws-iam-authenticator)
            Cluster      EKS cluster demo in us-east-1, account 123456789012
            AWS          arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevOps_Admin_1234abcd/\
            john.doe@example.com
              account    123456789012
              role       AWSReservedSSO_DevOps_Admin_1234abcd — Identity Center permission set DevOps_Admin
              session    john.doe@example.com — IAM Identity Center user
              key        ASIA1234567890EXAMPLE — temporary STS credentials
              principal  AROA1234567890EXAMPLE — IAM role unique id
            Username     from template devops-{{SessionName}}
                         {{SessionName}} = session name john.doe@example.com with @ → -
            Mapped by    aws-auth ConfigMap (high confidence): group system:masters cannot come from an access entry
            Groups       system:masters — superuser: bypasses RBAC authorization entirely; only admission guardrails\
             can still stop it
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   exec aws eks get-token: cluster demo, region us-east-1, profile devops
            Expires      EKS token — valid 15 min after signing; the plugin mints a new one when it expires

            """)


    static let accessEntryDefault = IdentityCase(
        name: "EKS access entry with the default username",
        userInfo: UserInfo(
            username: "arn:aws:sts::111122223333:assumed-role/platform-admins/jane-example.com",
            uid: "aws-iam-authenticator:111122223333:AROATCKASJUUBCXRRKSFT", groups: ["system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::111122223333:assumed-role/platform-admins/jane@example.com"],
                "canonicalArn": ["arn:aws:iam::111122223333:role/platform-admins"],
                "sessionName": ["jane@example.com"], "accessKeyId": ["ASIATCKASJUUEXAMPLE1"],
                "principalId": ["AROATCKASJUUBCXRRKSFT"],
            ]),
        hints: CredentialHints(
            kind: .exec, server: "https://0123456789ABCDEF.yl4.eu-west-1.eks.amazonaws.com",
            exec: .init(command: "aws-iam-authenticator", args: ["token", "-i", "platform", "--region", "eu-west-1"]),
            bearerToken: BearerTokenFacts(token: eksToken(
                accessKey: "ASIATCKASJUUEXAMPLE1", region: "eu-west-1", amzDate: "20261129T035500Z"))),
        kind: .awsIAM,
        expected: """
            Identity     AWS IAM role session, authenticated by EKS (aws-iam-authenticator)
            Cluster      EKS cluster in eu-west-1
            AWS          arn:aws:sts::111122223333:assumed-role/platform-admins/jane@example.com
              account    111122223333
              role       platform-admins
              session    jane@example.com — looks like a federated (SAML/OIDC) user
              key        ASIATCKASJUUEXAMPLE1 — temporary STS credentials
              principal  AROATCKASJUUBCXRRKSFT — IAM role unique id
            Username     from template arn:aws:sts::111122223333:assumed-role/platform-admins/{{SessionName}}
                         {{SessionName}} = session name jane@example.com with @ → -
            Mapped by    EKS access entry (high confidence): username matches the access-entry default\
             assumed-role/<role>/{{SessionName}}
            Groups       system:authenticated — every authenticated caller (added by the API server)
            Credential   exec aws-iam-authenticator token: cluster platform, region eu-west-1
            Expires      EKS token 2026-11-29T04:10:00Z (valid 15 min after signing, in 10 min)

            """)

    static let mapAccounts = IdentityCase(
        name: "EKS aws-auth mapAccounts identity",
        userInfo: UserInfo(
            username: "arn:aws:iam::444455556666:role/ci-deployer",
            uid: "aws-iam-authenticator:444455556666:AROAEXAMPLECIDEPLOY1", groups: ["system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::444455556666:assumed-role/ci-deployer/botocore-session-1764388800"],
                "canonicalArn": ["arn:aws:iam::444455556666:role/ci-deployer"],
                "sessionName": ["botocore-session-1764388800"], "accessKeyId": ["ASIAEXAMPLECIKEY0001"],
                "principalId": ["AROAEXAMPLECIDEPLOY1"],
            ]),
        kind: .awsIAM,
        expected: """
            Identity     AWS IAM role session, authenticated by EKS (aws-iam-authenticator)
            AWS          arn:aws:sts::444455556666:assumed-role/ci-deployer/botocore-session-1764388800
              account    444455556666
              role       ci-deployer
              session    botocore-session-1764388800 — AWS CLI / Python SDK default
              key        ASIAEXAMPLECIKEY0001 — temporary STS credentials
              principal  AROAEXAMPLECIDEPLOY1 — IAM role unique id
            Username     the principal's canonical ARN itself
            Mapped by    aws-auth ConfigMap, mapAccounts (high confidence): username is the role ARN, with no groups
            Groups       system:authenticated — every authenticated caller (added by the API server)

            """)

    static let iamUser = IdentityCase(
        name: "EKS IAM user with a long-term access key",
        userInfo: UserInfo(
            username: "arn:aws:iam::111122223333:user/engineering/alice",
            uid: "aws-iam-authenticator:111122223333:AIDAEXAMPLEALICE0001", groups: ["system:authenticated"],
            extra: [
                "arn": ["arn:aws:iam::111122223333:user/engineering/alice"],
                "canonicalArn": ["arn:aws:iam::111122223333:user/engineering/alice"],
                "sessionName": [""], "accessKeyId": ["AKIAEXAMPLEALICEKEY1"], "principalId": ["AIDAEXAMPLEALICE0001"],
            ]),
        kind: .awsIAM,
        expected: """
            Identity     AWS IAM user, authenticated by EKS (aws-iam-authenticator)
            AWS          arn:aws:iam::111122223333:user/engineering/alice
              account    111122223333
              user       alice — path /engineering/
              key        AKIAEXAMPLEALICEKEY1 — long-term access key
              principal  AIDAEXAMPLEALICE0001 — IAM user unique id
            Username     the principal's canonical ARN itself
            Mapped by    access entry or aws-auth ConfigMap (cannot tell) — username is the IAM user ARN: an access\
             entry's default, or aws-auth mapAccounts
            Groups       system:authenticated — every authenticated caller (added by the API server)
            Warning      long-term access key (AKIA…): it never expires; prefer a role session

            """)

    static let ec2Node = IdentityCase(
        name: "EKS EC2 node (kubelet through the node role)",
        userInfo: UserInfo(
            username: "system:node:ip-10-0-1-23.us-west-2.compute.internal",
            uid: "aws-iam-authenticator:111122223333:AROAEXAMPLENODEROLE1",
            groups: ["system:bootstrappers", "system:nodes", "system:authenticated"],
            extra: [
                "arn": ["arn:aws:sts::111122223333:assumed-role/eks-node-role/i-0123456789abcdef0"],
                "canonicalArn": ["arn:aws:iam::111122223333:role/eks-node-role"],
                "sessionName": ["i-0123456789abcdef0"], "accessKeyId": ["ASIAEXAMPLENODEKEY01"],
                "principalId": ["AROAEXAMPLENODEROLE1"],
            ]),
        kind: .node,
        expected: """
            Identity     kubelet of node ip-10-0-1-23.us-west-2.compute.internal, via the node's IAM role on EKS
            AWS          arn:aws:sts::111122223333:assumed-role/eks-node-role/i-0123456789abcdef0
              account    111122223333
              role       eks-node-role
              session    i-0123456789abcdef0 — EC2 instance id: the instance profile role of a node
              key        ASIAEXAMPLENODEKEY01 — temporary STS credentials
              principal  AROAEXAMPLENODEROLE1 — IAM role unique id
            Username     from template system:node:{{EC2PrivateDNSName}}
                         {{EC2PrivateDNSName}} = private DNS name of instance i-0123456789abcdef0
            Mapped by    access entry or aws-auth ConfigMap (cannot tell) — node identity: an aws-auth node role\
             entry and an EC2/Fargate node access entry look the same
            Groups       system:bootstrappers — bootstrap credentials: may request a node client certificate
                         system:nodes — kubelets: authorized by the Node authorizer, limited by NodeRestriction
                         system:authenticated — every authenticated caller (added by the API server)

            """)

    static let podIdentity = IdentityCase(
        name: "EKS Pod Identity workload",
        userInfo: UserInfo(
            username: "system:serviceaccount:payments:api", uid: "5f0c8a52-7b1e-4c1e-9d3e-1a2b3c4d5e6f",
            groups: ["system:serviceaccounts", "system:serviceaccounts:payments", "system:authenticated"],
            extra: [
                "authentication.kubernetes.io/pod-name": ["api-7d9f8c6b5-x2x9q"],
                "authentication.kubernetes.io/pod-uid": ["0b6f4c3e-1111-2222-3333-444455556666"],
                "authentication.kubernetes.io/node-name": ["ip-10-0-1-23.us-west-2.compute.internal"],
                "authentication.kubernetes.io/credential-id": ["JTI=8c1e2f3a-aaaa-bbbb-cccc-ddddeeeeffff"],
            ]),
        cluster: ClusterFacts(
            serviceAccount: .found(["metadata": ["name": "api", "namespace": "payments"]]),
            pods: .found([
                podJSON(name: "api-7d9f8c6b5-x2x9q", namespace: "payments", serviceAccount: "api", env: [
                    ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"),
                    ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                     "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token"),
                ], volumes: [["name": "eks-pod-identity-token", "projected": ["sources": [
                    ["serviceAccountToken": ["audience": "pods.eks.amazonaws.com", "path": "eks-pod-identity-token"]],
                ]]]]),
                podJSON(name: "worker-1", namespace: "payments", serviceAccount: "worker"),
            ])),
        kind: .serviceAccount,
        expected: """
            Identity     service account payments/api, token bound to pod api-7d9f8c6b5-x2x9q
            Pod          api-7d9f8c6b5-x2x9q on node ip-10-0-1-23.us-west-2.compute.internal
              token id   JTI=8c1e2f3a-aaaa-bbbb-cccc-ddddeeeeffff — audit logs record this credential id
            AWS          EKS Pod Identity
                         pod api-7d9f8c6b5-x2x9q has\
             AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials
                         the IAM role of a Pod Identity association is not visible in Kubernetes (aws eks\
             list-pod-identity-associations shows it)
            Groups       system:serviceaccounts — every service account
                         system:serviceaccounts:payments — every service account in namespace payments
                         system:authenticated — every authenticated caller (added by the API server)

            """)

    static let irsa = IdentityCase(
        name: "EKS IRSA workload",
        userInfo: UserInfo(
            username: "system:serviceaccount:data:s3-reader", uid: "c0ffee00-1234-5678-9abc-def012345678",
            groups: ["system:serviceaccounts", "system:serviceaccounts:data", "system:authenticated"],
            extra: ["authentication.kubernetes.io/pod-name": ["s3-reader-0"]]),
        cluster: ClusterFacts(
            serviceAccount: .found(["metadata": ["name": "s3-reader", "namespace": "data", "annotations": [
                "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/s3-reader",
            ]]]),
            pods: .found([
                podJSON(name: "s3-reader-0", namespace: "data", serviceAccount: "s3-reader", env: [
                    ("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/s3-reader"),
                    ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"),
                ]),
            ])),
        kind: .serviceAccount,
        expected: """
            Identity     service account data/s3-reader, token bound to pod s3-reader-0
            Pod          s3-reader-0
            AWS          IRSA (IAM Roles for Service Accounts) role arn:aws:iam::111122223333:role/s3-reader
                         pod s3-reader-0 has AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE
                         service account annotated eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/s3-reader
            Groups       system:serviceaccounts — every service account
                         system:serviceaccounts:data — every service account in namespace data
                         system:authenticated — every authenticated caller (added by the API server)

            """)

    static let gkeUser = IdentityCase(
        name: "GKE Google account",
        userInfo: UserInfo(
            username: "dev@acme.io", groups: ["gke-security-groups@acme.io", "system:authenticated"],
            extra: [
                "iam.gke.io/user-assertion": ["AKUJVp5...opaque"],
                "user-assertion.cloud.google.com": ["AKUJVp5...opaque"],
            ]),
        hints: CredentialHints(
            kind: .exec, server: "https://34.118.0.10",
            exec: .init(command: "gke-gcloud-auth-plugin"), execExpiration: testNow.adding(seconds: 3300)),
        kind: .gke,
        expected: """
            Identity     Google account dev@acme.io, authenticated by GKE
              groups     1 Google Group — Google Groups for RBAC
              assertion  iam.gke.io/user-assertion — opaque; GKE's IAM authorizer reads it
              authz      Kubernetes RBAC, then Google Cloud IAM
            Groups       system:authenticated — every authenticated caller (added by the API server)
            Credential   exec gke-gcloud-auth-plugin
            Expires      exec credential 2026-11-29T04:55:00Z (in 55 min; the plugin runs again then)

            """)

    static let aksUser = IdentityCase(
        name: "AKS Entra ID user",
        userInfo: UserInfo(
            username: "alice@contoso.com",
            groups: ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                     "system:authenticated"],
            extra: ["oid": ["9a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"]]),
        hints: CredentialHints(
            kind: .exec, server: "https://contoso-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443",
            exec: .init(command: "kubelogin", args: ["get-token", "--login", "azurecli", "--server-id",
                                                     "6dae42f8-4368-4678-94ff-3960e28e3630"])),
        kind: .aks,
        expected: """
            Identity     Entra ID user alice@contoso.com, authenticated by AKS
            Cluster      AKS cluster
              groups     2 Entra ID group object ids — resolve with `az ad group show --group <id>`
              object id  9a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d — Entra ID oid claim
              authz      Kubernetes RBAC, or Azure RBAC when enabled
            Groups       system:authenticated — every authenticated caller (added by the API server)
            Credential   exec kubelogin (Azure): server id 6dae42f8-4368-4678-94ff-3960e28e3630 (AKS AAD server),\
             login azurecli

            """)

    static let kubeadmAdmin = IdentityCase(
        name: "x509 kubeadm admin.conf",
        userInfo: UserInfo(
            username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"],
            extra: ["authentication.kubernetes.io/credential-id": [
                "X509SHA256=" + Fixtures.fingerprint("kubeadm-admin"),
            ]]),
        hints: CredentialHints(kind: .clientCertificate, server: "https://192.168.49.2:6443",
                               clientCertificatePEM: Fixtures.bytes("kubeadm-admin.pem")),
        kind: .x509,
        expected: """
            Identity     kubeadm admin.conf client certificate (group kubeadm:cluster-admins)
            Certificate  CN=kubernetes-admin O=kubeadm:cluster-admins — issued by kubernetes; the API server saw this\
             certificate
            Groups       kubeadm:cluster-admins — kubeadm admins: bound to cluster-admin through RBAC (revocable,\
             unlike system:masters)
                         system:authenticated — every authenticated caller (added by the API server)
            Credential   client-certificate
            Expires      client certificate 2027-01-01T00:00:00Z (expires in 32 days; cannot be revoked before then)

            """)

    static let oidcUser = IdentityCase(
        name: "plain OIDC user through kubectl oidc-login",
        userInfo: UserInfo(username: "oidc:alice@example.com", groups: ["oidc:platform", "system:authenticated"]),
        hints: CredentialHints(
            kind: .exec, server: "https://k8s.example.com:6443",
            exec: .init(command: "kubectl", args: ["oidc-login", "get-token",
                                                   "--oidc-issuer-url=https://dex.example.com",
                                                   "--oidc-client-id=kubernetes"]),
            execExpiration: testNow.adding(seconds: 600)),
        kind: .oidc,
        expected: """
            Identity     OpenID Connect user from https://dex.example.com
              prefix     oidc: — added by the authenticator's username prefix setting
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 1 other group — no built-in meaning; rights come from bindings
            Credential   exec kubectl oidc-login: issuer https://dex.example.com, client id kubernetes
            Expires      exec credential 2026-11-29T04:10:00Z (in 10 min; the plugin runs again then)

            """)

    static let all: [IdentityCase] = [
        ssoAdmin, accessEntryDefault, mapAccounts, iamUser, ec2Node, podIdentity, irsa, gkeUser, aksUser,
        kubeadmAdmin, oidcUser,
    ]
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
