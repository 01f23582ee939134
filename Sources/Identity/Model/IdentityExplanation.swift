import GuardrailCore

/// Why the cluster thinks the caller is who it is: the structured result of ``IdentityExplainer``.
///
/// Everything here is derived from the SelfSubjectReview `UserInfo`, the kubeconfig hints and the
/// cluster facts the caller could read; guesses carry their confidence and signals. ``json`` is the
/// documented `--explain -o json|yaml` form (Documentation/Identity.md), ``ExplanationRenderer`` the
/// plain-language lines.
public struct IdentityExplanation: Sendable, Hashable {
    /// The identity exactly as the API server reported it.
    public var userInfo: UserInfo
    /// The broad kind of identity.
    public var kind: IdentityKind
    /// One line: what kind of identity this is and who vouched for it.
    public var headline: String
    /// The managed cluster the kubeconfig points at, when recognisable from the server URL or the EKS
    /// cluster ARN used as context name, e.g. `EKS cluster demo in us-east-1, account 123456789012`.
    public var cluster: String?
    /// The AWS principal behind an EKS IAM-authenticated identity.
    public var aws: AWSIdentity?
    /// Service-account details (also for pods' own identities).
    public var serviceAccount: ServiceAccountIdentity?
    /// The client certificate from kubeconfig.
    public var certificate: CertificateIdentity?
    /// GKE / AKS / OIDC / bootstrap-token / node details as labelled facts.
    public var details: [Fact]
    /// Where the kubeconfig gets the credential from.
    public var credential: CredentialSource?
    /// Known expiry of the credential(s) in use.
    public var expiry: [CredentialExpiry]
    /// Groups with a known meaning, in the order the API server listed them.
    public var groups: [GroupMeaning]
    /// How many further groups have no built-in meaning (listed on the card, bound through RBAC).
    public var otherGroupCount: Int
    /// Bindings whose subjects match the caller, as passed in ``ClusterFacts``.
    public var bindings: Lookup<[MatchedBinding]>
    /// Kyverno rules aimed at the caller, as passed in ``ClusterFacts``.
    public var guardrails: Lookup<[AimedGuardrail]>
    /// Things worth the reader's attention (superuser, long-term keys, expired certificates, …).
    public var findings: [Finding]

    /// Whether anything beyond the plain card was recognised; when `false` the CLI shows just the card.
    public var isRecognised: Bool { kind != .unrecognised || !groups.isEmpty || !findings.isEmpty }

    /// An explanation with no facts yet (``IdentityExplainer`` fills it in).
    public init(userInfo: UserInfo, kind: IdentityKind, headline: String) {
        self.userInfo = userInfo
        self.kind = kind
        self.headline = headline
        details = []
        expiry = []
        groups = []
        otherGroupCount = 0
        bindings = .notLookedUp
        guardrails = .notLookedUp
        findings = []
    }
}

/// The broad kind of identity.
public enum IdentityKind: String, Sendable, Hashable, CaseIterable {
    /// An IAM principal authenticated by aws-iam-authenticator (EKS access entry or aws-auth).
    case awsIAM = "aws-iam"
    /// A kubelet (`system:node:<name>` in `system:nodes`), on EKS or elsewhere.
    case node
    case serviceAccount = "service-account"
    case x509
    case oidc
    case gke
    case aks
    case staticToken = "static-token"
    case bootstrapToken = "bootstrap-token"
    case anonymous
    /// kube-controller-manager, kube-scheduler, kube-proxy and friends.
    case controlPlane = "control-plane"
    case unrecognised
}

/// A labelled fact, e.g. `account` = `123456789012` with a note.
public struct Fact: Sendable, Hashable {
    /// Short label, e.g. `object id`.
    public var label: String
    /// The value as found.
    public var value: String
    /// Plain-language gloss shown after the value (may be empty).
    public var note: String

    /// A fact with an optional gloss.
    public init(_ label: String, _ value: String, note: String = "") {
        self.label = label
        self.value = value
        self.note = note
    }
}

/// How much weight a guess deserves.
public enum Confidence: String, Sendable, Hashable {
    case high, medium, low
}

/// How serious a finding or line is; the CLI maps it to colour on a TTY.
public enum Severity: String, Sendable, Hashable, Comparable {
    case info, notice, warning, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .notice: 1
        case .warning: 2
        case .critical: 3
        }
    }

    /// Orders by seriousness: info < notice < warning < critical.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Something worth the reader's attention.
public struct Finding: Sendable, Hashable {
    /// How serious it is.
    public var severity: Severity
    /// One lowercase line.
    public var message: String

    /// A finding.
    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }
}

/// A group and what it means.
public struct GroupMeaning: Sendable, Hashable {
    /// The name as the API server reported it.
    public var name: String
    /// What membership means, in plain words.
    public var meaning: String
    /// How serious it is.
    public var severity: Severity

    /// A group meaning.
    public init(name: String, meaning: String, severity: Severity = .info) {
        self.name = name
        self.meaning = meaning
        self.severity = severity
    }
}

/// The AWS side of an EKS IAM identity (eks-identity.md §1, §3).
public struct AWSIdentity: Sendable, Hashable {
    /// `extra.arn`: what STS `GetCallerIdentity` returned.
    public var arn: String?
    /// The parsed ARN, when it is a principal ARN aws-iam-authenticator accepts.
    public var principal: AWSPrincipalARN?
    /// `extra.canonicalArn`: the path-less role ARN (or the user ARN) that mappings are compared with.
    public var canonicalArn: String?
    /// The 12-digit AWS account id (from `uid` or the ARN).
    public var account: String?
    /// `extra.principalId`: `AROA…` for roles, `AIDA…` for users, the account id for root.
    public var principalID: String?
    /// `extra.accessKeyId`: `ASIA…` temporary, `AKIA…` long-term.
    public var accessKeyID: String?
    /// `extra.sessionName` (empty for IAM users, root and federated users).
    public var sessionName: String?
    /// A hint at who named the session (`EKSGetTokenAuth`, `i-…`, an e-mail…).
    public var sessionOrigin: String?
    /// The IAM Identity Center permission set, for `AWSReservedSSO_…` roles.
    public var identityCenter: IdentityCenterRole?
    /// The username template that probably produced the Kubernetes username.
    public var usernameTemplate: UsernameTemplate?
    /// Access entry or aws-auth, as far as it can be told.
    public var mapping: MappingSource?
    /// `uid` is `aws-iam-authenticator:administrative:…`: an account AWS scrubs (EKS-internal); no extras.
    public var administrative: Bool

    /// An empty AWS identity (``IdentityExplainer`` fills it in).
    public init() {
        administrative = false
    }
}

/// A username template (`{{SessionName}}`, …) that reproduces the username from the IAM identity.
public struct UsernameTemplate: Sendable, Hashable {
    /// e.g. `devops-{{SessionName}}`; a literal username when it contains no placeholder.
    public var template: String
    /// The placeholders used, in order of appearance.
    public var placeholders: [String]
    /// Why: one line naming what each placeholder stood for.
    public var explanation: String

    /// A template from plain values.
    public init(template: String, placeholders: [String], explanation: String) {
        self.template = template
        self.placeholders = placeholders
        self.explanation = explanation
    }
}

/// Which EKS mechanism mapped the IAM principal to the username and groups (eks-identity.md §2.4).
public struct MappingSource: Sendable, Hashable {
    /// The mechanism that mapped the principal.
    public enum Source: String, Sendable, Hashable {
        case accessEntry = "access-entry"
        case awsAuth = "aws-auth"
        /// aws-auth `mapAccounts`: username = canonical ARN, no groups.
        case awsAuthMapAccounts = "aws-auth-mapAccounts"
        /// An AWS-internal static mapping (cluster creator in CONFIG_MAP mode, EKS components).
        case eksInternal = "eks-internal"
        /// Not decidable from what could be seen.
        case undetermined
    }

    /// The mechanism.
    public var source: Source
    /// How sure the guess is.
    public var confidence: Confidence
    /// The observations the guess rests on.
    public var signals: [String]

    /// A mapping guess from plain values.
    public init(source: Source, confidence: Confidence, signals: [String]) {
        self.source = source
        self.confidence = confidence
        self.signals = signals
    }
}

/// A service-account identity and, on EKS, where its pods get AWS credentials.
public struct ServiceAccountIdentity: Sendable, Hashable {
    /// The service account's namespace.
    public var namespace: String
    /// The name as the API server reported it.
    public var name: String
    /// Bound-token extras (`authentication.kubernetes.io/*`).
    public var podName: String?
    /// `authentication.kubernetes.io/pod-uid`.
    public var podUID: String?
    /// `authentication.kubernetes.io/node-name` (Kubernetes ≥ 1.30).
    public var nodeName: String?
    /// `authentication.kubernetes.io/node-uid`.
    public var nodeUID: String?
    /// `authentication.kubernetes.io/credential-id`, e.g. `JTI=<uuid>`.
    public var credentialID: String?
    /// Where the service account's pods get AWS credentials.
    public var workloadCredentials: Lookup<WorkloadCredentials>

    /// A service account with no further facts yet.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        workloadCredentials = .notLookedUp
    }
}

/// Where a workload's AWS SDK gets its credentials (eks-identity.md §4).
public struct WorkloadCredentials: Sendable, Hashable {
    /// Where the credentials come from.
    public enum Source: String, Sendable, Hashable {
        /// EKS Pod Identity: container credentials from the pod identity agent.
        case podIdentity = "pod-identity"
        /// IAM Roles for Service Accounts: web identity token + `AWS_ROLE_ARN`.
        case irsa
        /// `AWS_ACCESS_KEY_ID` in the pod spec: beats everything else in the SDK chain.
        case staticKeys = "static-keys"
        /// Nothing injected: the SDK falls back to the node's instance role (IMDS), if reachable.
        case nodeRole = "node-role"
    }

    /// What the SDKs will use (after the webhook's and the SDK chain's precedence).
    public var effective: Source
    /// The IAM role, when visible (IRSA: the annotation or `AWS_ROLE_ARN`; Pod Identity: not visible).
    public var roleARN: String?
    /// What was observed, e.g. `pod web-1 has AWS_CONTAINER_CREDENTIALS_FULL_URI`.
    public var signals: [String]
    /// Precedence and consistency remarks.
    public var notes: [String]

    /// Workload credentials from plain values.
    public init(effective: Source, roleARN: String? = nil, signals: [String] = [], notes: [String] = []) {
        self.effective = effective
        self.roleARN = roleARN
        self.signals = signals
        self.notes = notes
    }
}

/// The client certificate presented, as parsed from kubeconfig.
public struct CertificateIdentity: Sendable, Hashable {
    /// What the certificate says.
    public var summary: X509Summary
    /// Whether CN equals the username the API server reported.
    public var commonNameMatchesUsername: Bool
    /// Whether the certificate's SHA-256 equals the `X509SHA256=` credential id the API server reported;
    /// `nil` when it reported none (clusters before 1.29, or another authenticator answered).
    public var matchesCredentialID: Bool?

    /// A certificate identity from plain values.
    public init(summary: X509Summary, commonNameMatchesUsername: Bool, matchesCredentialID: Bool? = nil) {
        self.summary = summary
        self.commonNameMatchesUsername = commonNameMatchesUsername
        self.matchesCredentialID = matchesCredentialID
    }
}

/// What kubeconfig uses to obtain the credential.
public struct CredentialSource: Sendable, Hashable {
    /// `exec`, `client-certificate`, `token`, `basic-auth`, `auth-provider`.
    public var kind: String
    /// For exec plugins: the recognised plugin, e.g. `aws eks get-token`, `gke-gcloud-auth-plugin`.
    public var plugin: String?
    /// Labelled facts: cluster, region, profile, role-arn, server-id, …
    public var facts: [Fact]

    /// A credential source from plain values.
    public init(kind: String, plugin: String? = nil, facts: [Fact] = []) {
        self.kind = kind
        self.plugin = plugin
        self.facts = facts
    }
}

/// When a credential stops working.
public struct CredentialExpiry: Sendable, Hashable {
    /// `exec credential`, `client certificate`, `EKS token`, `token`.
    public var credential: String
    /// The instant, when known.
    public var expiresAt: UTCInstant?
    /// Plain words, e.g. `valid 15 min after signing; aws eks get-token refreshes it`.
    public var note: String

    /// An expiry from plain values.
    public init(credential: String, expiresAt: UTCInstant?, note: String = "") {
        self.credential = credential
        self.expiresAt = expiresAt
        self.note = note
    }
}
