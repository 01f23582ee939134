import KubeConfig

/// What may be said about the credential an exec plugin returned, without its secrets: when it expires,
/// the client certificate (public), and facts the caller derived from the token (its shape, issuer,
/// expiry) through a reducing function — the token itself is never stored or returned.
public struct ExecCredentialSummary<TokenFacts: Sendable>: Sendable {
    /// `status.expirationTimestamp`, seconds since the Unix epoch; `nil` when the plugin set none.
    public var expiresAt: Double?
    /// `status.clientCertificateData` (PEM): a certificate is public; the key is never exposed.
    public var clientCertificatePEM: [UInt8]?
    /// What `reduce` made of `status.token`; `nil` when the plugin returned no token.
    public var tokenFacts: TokenFacts?
}

extension KubeAPIClient {
    /// The summary of the exec credential this client uses, or `nil` when its kubeconfig user has no exec
    /// plugin. Served from the process's exec credential cache (the plugin already ran for the requests
    /// made so far), so the plugin runs only if it has not yet, or its credential expired.
    ///
    /// ```swift
    /// let summary = try await client.execCredentialSummary { token in BearerTokenFacts(token: token) }
    /// print(summary?.expiresAt as Any)
    /// ```
    ///
    /// `reduce` receives the token and must return only non-secret facts about it.
    public func execCredentialSummary<TokenFacts: Sendable>(
        reducingToken reduce: (String) -> TokenFacts
    ) async throws(KubeClientError) -> ExecCredentialSummary<TokenFacts>? {
        guard case .exec(let exec) = config.credential else { return nil }
        let credential = try await ExecAuthenticator(config: exec, connection: config, options: options).credential()
        return ExecCredentialSummary(
            expiresAt: credential.expiresAt, clientCertificatePEM: credential.clientCertificatePEM,
            tokenFacts: credential.token.map(reduce))
    }
}
