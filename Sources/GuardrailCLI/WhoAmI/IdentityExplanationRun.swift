import GuardrailCore
import Identity
import KubeClient
import KubeConfig

/// Builds whoami's explanation: the kubeconfig's credential hints (completed, for exec plugins, with the
/// non-secret facts of the credential the plugin returned), and — with `--explain` — what the caller may
/// read about themselves in the cluster (``ClusterFactsGatherer``). Never fails: whatever cannot be
/// learned is left out or reported as "could not check".
enum IdentityExplanationRun {
    /// The explanation of `user` (the SelfSubjectReview's `status.userInfo`).
    /// The lookups share one time budget: `--request-timeout` when set, else ``defaultBudget``.
    static func explain(_ user: UserInfo, connection: ConnectionConfig, lookUpClusterFacts: Bool, now: UTCInstant,
                        budget: Double? = nil) async -> IdentityExplanation
    {
        let budget = budget ?? connection.requestTimeout.flatMap { $0 > 0 ? $0 : nil } ?? defaultBudget
        var hints = CredentialHints(connection)
        var facts = ClusterFacts()
        // A client only when there is something to ask: the plain card of a non-exec user makes no more requests.
        if hints.kind == .exec || lookUpClusterFacts,
            let client = try? KubeAPIClient(config: connection, options: APIRequest.options(for: connection))
        {
            await addExecCredential(to: &hints, client: client)
            if lookUpClusterFacts {
                facts = await ClusterFactsGatherer(client: client, budget: budget).facts(for: user)
            }
        }
        return IdentityExplainer.explain(user, credential: hints, cluster: facts, now: now)
    }

    /// Seconds all cluster lookups may take together when `--request-timeout` is not set.
    static let defaultBudget: Double = 10

    /// The exec plugin's credential, reduced to facts: the token's shape (never the token), its
    /// `expirationTimestamp`, a client certificate it returned. Served from the process's credential
    /// cache: the SelfSubjectReview just ran the plugin.
    static func addExecCredential(to hints: inout CredentialHints, client: KubeAPIClient) async {
        guard hints.kind == .exec,
            let summary = try? await client.execCredentialSummary(reducingToken: { BearerTokenFacts(token: $0) })
        else { return }
        hints.bearerToken = summary.tokenFacts ?? hints.bearerToken
        if let expiresAt = summary.expiresAt, expiresAt.isFinite, abs(expiresAt) < 1e15 {
            hints.execExpiration = UTCInstant(secondsSince1970: Int64(expiresAt))
        }
        if hints.clientCertificatePEM == nil { hints.clientCertificatePEM = summary.clientCertificatePEM }
    }
}
