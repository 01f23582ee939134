import KubeConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Credentials from plugins, cached for the process like client-go's exec authenticator: keyed by
/// the exec configuration and the cluster, reused until `expirationTimestamp`, never written to disk.
/// The lock is held while a plugin runs, so runs are serialised (client-go holds one mutex too) and two
/// concurrent requests never start the same plugin twice.
private let execCredentialCache = Locked<[String: ExecCredential]>([:])

/// Runs one exec plugin configuration and caches its credential.
final class ExecAuthenticator: Sendable {
    let config: ExecConfig
    let cluster: ExecCredentialProtocol.ClusterInfo?
    let options: ClientOptions
    let cacheKey: String

    init(config: ExecConfig, connection: ConnectionConfig, options: ClientOptions) {
        self.config = config
        self.options = options
        cluster =
            config.provideClusterInfo
            ? ExecCredentialProtocol.ClusterInfo(
                config: connection, disableCompression: options.disableCompression || connection.disableCompression)
            : nil
        var key = [config.apiVersion, config.command] + config.args + config.env.map { "\($0.name)=\($0.value)" }
        key += [config.interactiveMode, connection.server, connection.tlsServerName ?? ""]
        cacheKey = key.joined(separator: "\u{0}")
    }

    /// The cached credential, or a new one from the plugin. With `replacing`, a credential that the
    /// server rejected: the plugin runs again unless another request already replaced it.
    func credential(replacing rejected: ExecCredential? = nil) async throws(KubeClientError) -> ExecCredential {
        let result = await runOnDedicatedThread { [self] in
            execCredentialCache.withLock { cache -> Result<ExecCredential, KubeClientError> in
                if let cached = cache[cacheKey], !cached.isExpired(now: wallClockSeconds()), cached != rejected {
                    return .success(cached)
                }
                let fresh = obtain()
                if case .success(let credential) = fresh { cache[cacheKey] = credential }
                return fresh
            }
        }
        return try result.get()
    }

    /// Removes every cached exec credential (for tests).
    static func clearCache() { execCredentialCache.withLock { $0.removeAll() } }

    private func obtain() -> Result<ExecCredential, KubeClientError> {
        guard ExecCredentialProtocol.supportedAPIVersions.contains(config.apiVersion) else {
            return .failure(.exec("exec plugin: invalid apiVersion \"\(config.apiVersion)\""))
        }
        let stdinIsTerminal = options.stdinIsTerminal ?? (isatty(0) == 1)
        let interactive: Bool
        switch config.interactiveMode {
        case "Never": interactive = false
        case "Always":
            guard stdinIsTerminal else {
                return .failure(.exec("exec plugin cannot support interactive mode: standard input is not a terminal"))
            }
            interactive = true
        default: interactive = stdinIsTerminal  // IfAvailable (and v1beta1's default)
        }
        let info = ExecCredentialProtocol.execInfo(
            apiVersion: config.apiVersion, interactive: interactive, cluster: cluster)
        let env = config.env.map { ($0.name, $0.value) } + [("KUBERNETES_EXEC_INFO", info)]
        let started = monotonicSeconds()
        let run = ExecPluginRunner.run(
            command: config.command, args: config.args, env: env, interactive: interactive,
            timeout: interactive ? nil : options.execTimeout)
        options.debugLog?(
            "exec plugin \(config.command) finished in \(Int((monotonicSeconds() - started) * 1000)) ms: "
                + "\(run.outcome), \(run.stdout.count) bytes on stdout (not shown)")
        let stderrLine = ExecStderrFilter.safeLastLine(run.stderr, stdout: run.stdout).map { " (stderr: \($0))" } ?? ""
        switch run.outcome {
        case .notFound:
            var message =
                "exec: executable \(config.command) not found\n\n"
                + "It looks like you are trying to use a client-go credential plugin that is not installed.\n\n"
                + "To learn more about this feature, consult the documentation available at:\n"
                + "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins"
            if let hint = config.installHint, !hint.isEmpty { message += "\n\n" + stripEscapes(hint) }
            return .failure(.exec(message))
        case .spawnFailed(let code):
            return .failure(.exec("exec: fork/exec \(config.command): \(String(cString: strerror(code)))"))
        case .timedOut:
            return .failure(
                .exec(
                    "exec: executable \(config.command) did not finish within \(goDurationString(seconds: options.execTimeout)) and was killed\(stderrLine)",
                    hint: "the plugin may be waiting for input; run it in a terminal, or check its own login state"))
        case .signaled(let signal):
            return .failure(
                .exec(
                    "exec: executable \(config.command) failed with exit code -1 (killed by signal \(signal))\(stderrLine)"
                ))
        case .exited(let code) where code != 0:
            return .failure(.exec("exec: executable \(config.command) failed with exit code \(code)\(stderrLine)"))
        case .exited:
            switch ExecCredentialProtocol.parse(stdout: run.stdout, expectedAPIVersion: config.apiVersion) {
            case .success(let credential): return .success(credential)
            case .failure(let error): return .failure(.exec(error.message))
            }
        }
    }

    /// Removes ANSI escape sequences (`ESC [ … letter`) and other control characters from the install
    /// hint, so a kubeconfig cannot drive the user's terminal through our error output.
    private func stripEscapes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                // Skip a CSI sequence up to its final byte (0x40–0x7E), or the single escaped character.
                if let next = scalars.next(), next == "[" {
                    while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
                }
                continue
            }
            if scalar == "\n" || scalar == "\t" || (scalar.value >= 0x20 && scalar.value != 0x7F) { out.append(scalar) }
        }
        return String(out)
    }
}
