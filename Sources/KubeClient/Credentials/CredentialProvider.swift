import KubeConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The credential material for one request.
struct ResolvedCredential: Sendable {
    var headers: [(String, String)] = []
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    /// The exec credential it came from, for the 401 refresh.
    var exec: ExecCredential?
}

/// Turns a ``KubeConfig/Credential`` into headers and TLS material for each request: re-reads a
/// `tokenFile` (at most once a minute, as client-go's cached file token source does), runs exec plugins
/// through ``ExecAuthenticator``.
final class CredentialProvider: Sendable {
    private struct TokenFileState {
        var token: String
        var readAt: Double?
    }

    let credential: Credential
    private let exec: ExecAuthenticator?
    private let tokenState: Locked<TokenFileState>

    init(connection: ConnectionConfig, options: ClientOptions) {
        credential = connection.credential
        if case .exec(let config) = connection.credential {
            exec = ExecAuthenticator(config: config, connection: connection, options: options)
        } else {
            exec = nil
        }
        if case .bearerToken(let token, _) = connection.credential {
            tokenState = Locked(TokenFileState(token: token, readAt: nil))
        } else {
            tokenState = Locked(TokenFileState(token: "", readAt: nil))
        }
    }

    /// Whether the credential comes from an exec plugin (and can be refreshed after a 401).
    var isExec: Bool { exec != nil }

    /// The credential for the next request.
    func resolve() async throws(KubeClientError) -> ResolvedCredential {
        switch credential {
        case .none:
            return ResolvedCredential()
        case .clientCertificate(let cert, let key, _):
            return ResolvedCredential(clientCertificatePEM: cert, clientKeyPEM: key)
        case .bearerToken(_, let tokenFile):
            let token = currentToken(tokenFile: tokenFile)
            return ResolvedCredential(headers: token.isEmpty ? [] : [RequestHeaders.authorization(bearerToken: token)])
        case .basicAuth(let username, let password):
            return ResolvedCredential(headers: [RequestHeaders.authorization(username: username, password: password)])
        case .exec:
            return Self.resolved(try await exec!.credential())
        }
    }

    /// After a 401 with an exec credential: a new credential (the plugin re-run), or `nil` when the
    /// credential does not come from a plugin.
    func refresh(rejected: ResolvedCredential) async throws(KubeClientError) -> ResolvedCredential? {
        guard let exec, let used = rejected.exec else { return nil }
        return Self.resolved(try await exec.credential(replacing: used))
    }

    private static func resolved(_ credential: ExecCredential) -> ResolvedCredential {
        var resolved = ResolvedCredential(exec: credential)
        if let token = credential.token { resolved.headers = [RequestHeaders.authorization(bearerToken: token)] }
        resolved.clientCertificatePEM = credential.clientCertificatePEM
        resolved.clientKeyPEM = credential.clientKeyPEM
        return resolved
    }

    /// client-go `transport/token_source.go`: the file is re-read after a minute; a failed or empty
    /// read keeps the last good token (initially the inline `token`).
    private func currentToken(tokenFile: String?) -> String {
        guard let tokenFile, !tokenFile.isEmpty else { return tokenState.withLock { $0.token } }
        return tokenState.withLock { state in
            let now = monotonicSeconds()
            if let readAt = state.readAt, now - readAt < 60 { return state.token }
            if let bytes = readFile(tokenFile) {
                let token = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
                if !token.isEmpty {
                    state.token = token
                    state.readAt = now
                }
            }
            return state.token
        }
    }
}

/// Reads a whole (small) file; `nil` when it cannot be read.
func readFile(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while result.count < limit {
        let n = read(fd, &buffer, buffer.count)
        if n < 0 { if errno == EINTR { continue } else { return nil } }
        if n == 0 { break }
        result.append(contentsOf: buffer[0..<n])
    }
    return result
}
