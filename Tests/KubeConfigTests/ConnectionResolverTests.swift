import GuardrailCore
import Testing

@testable import KubeConfig

@Suite("connection resolution: selection, overrides, credentials, namespace")
struct ConnectionResolverTests {
    private func resolve(
        _ builder: KubeConfigBuilder, _ overrides: ConfigOverrides = ConfigOverrides(),
        files: [String: String] = [:], variables: [String: String] = [:]
    ) throws(KubeConfigError) -> ConnectionConfig {
        var all = files
        all["/home/user/.kube/config"] = builder.text
        return try ConnectionResolver(environment: InMemoryEnvironment(variables: variables, files: all)).resolve(overrides)
    }

    @Test("current-context selects cluster, user and namespace")
    func currentContext() throws {
        let c = try resolve(.simple(namespace: "team-a"))
        #expect(c.contextName == "dev")
        #expect(c.server == "https://dev.example:6443")
        #expect(c.namespace == "team-a")
        #expect(c.namespaceExplicit)
        guard case .bearerToken(let token, nil) = c.credential else {
            Issue.record("expected a bearer token, got \(c.credential)")
            return
        }
        #expect(token == "t0ken")
    }

    @Test("missing names use kubectl's wording")
    func missingNames() {
        #expect(throws: KubeConfigError(.notFound, "context \"x\" does not exist")) {
            try resolve(.simple(), ConfigOverrides(context: "x"))
        }
        #expect(throws: KubeConfigError(.notFound, "cluster \"nope\" does not exist")) {
            try resolve(.simple(), ConfigOverrides(cluster: "nope"))
        }
        #expect(throws: KubeConfigError(.notFound, "auth info \"nope\" does not exist")) {
            try resolve(.simple(), ConfigOverrides(user: "nope"))
        }
        #expect {
            try resolve(KubeConfigBuilder.simple().current("gone"))
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix(
                "context \"gone\" does not exist (it is the current-context of ~/.kube/config)") == true
        }
    }

    @Test("nothing configured: a clear message instead of localhost:8080")
    func nothingConfigured() {
        #expect {
            try ConnectionResolver(environment: InMemoryEnvironment()).resolve(ConfigOverrides())
        } throws: { error in
            let e = error as? KubeConfigError
            return e?.kind == .noConfiguration && e?.message.contains("~/.kube/config does not exist") == true
        }
        #expect {
            try resolve(KubeConfigBuilder().cluster("c", ["server": "https://x"]).context("c", cluster: "c", user: ""))
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix("no context selected: ~/.kube/config sets no current-context") == true
        }
    }

    @Test("--server alone works without any kubeconfig")
    func serverFlagAlone() throws {
        let c = try ConnectionResolver(environment: InMemoryEnvironment())
            .resolve(ConfigOverrides(server: "https://flag:6443", token: "abc"))
        #expect(c.server == "https://flag:6443")
        #expect(c.namespace == "default")
        #expect(!c.namespaceExplicit)
    }

    @Test("a cluster without server names the field to set")
    func clusterWithoutServer() {
        let builder = KubeConfigBuilder().cluster("c").user("u").context("x", cluster: "c", user: "u").current("x")
        #expect {
            try resolve(builder)
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix("cluster \"c\" has no server; set clusters[name=c].cluster.server") == true
        }
    }

    @Test("--server clears the kubeconfig's tls-server-name unless --tls-server-name is given")
    func serverClearsTLSServerName() throws {
        let builder = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "tls-server-name": "kubernetes.default.svc"])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        #expect(try resolve(builder).tlsServerName == "kubernetes.default.svc")
        #expect(try resolve(builder, ConfigOverrides(server: "https://b")).tlsServerName == nil)
        #expect(try resolve(builder, ConfigOverrides(server: "https://b", tlsServerName: "n")).tlsServerName == "n")
    }

    @Test("CA: data and file conflict; flag clears data and insecure; insecure flag clears the CA")
    func certificateAuthority() throws {
        let both = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "certificate-authority": "/ca.crt", "certificate-authority-data": base64("D")])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        #expect(throws: KubeConfigError(
            .conflict,
            "certificate-authority-data and certificate-authority are both specified for c. certificate-authority-data will override.")
        ) {
            try resolve(both)
        }
        let fromFlag = try resolve(both, ConfigOverrides(certificateAuthority: "/flag-ca.crt"), files: ["/flag-ca.crt": "FLAG"])
        #expect(fromFlag.certificateAuthorityPEM == Array("FLAG".utf8))
        #expect(fromFlag.certificateAuthoritySource == "/flag-ca.crt")
        let insecure = try resolve(both, ConfigOverrides(insecureSkipTLSVerify: true))
        #expect(insecure.insecureSkipTLSVerify)
        #expect(insecure.certificateAuthorityPEM == nil)

        let data = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "certificate-authority-data": base64("PEM")])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        #expect(try resolve(data).certificateAuthorityPEM == Array("PEM".utf8))
    }

    @Test("proxy-url and disable-compression are carried; a bad proxy scheme uses kubectl's message")
    func proxyAndCompression() throws {
        let builder = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "proxy-url": "socks5://p:1080", "disable-compression": true])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        let c = try resolve(builder)
        #expect(c.proxyURL == "socks5://p:1080")
        #expect(c.disableCompression)
        let ftp = KubeConfigBuilder()
            .cluster("fake", ["server": "https://a", "proxy-url": "ftp://x"])
            .user("u", ["token": "t"]).context("x", cluster: "fake", user: "u").current("x")
        #expect(throws: KubeConfigError(
            .invalidFile, "invalid 'proxy-url' \"ftp://x\" for cluster \"fake\": unsupported scheme \"ftp\", must be http, https, or socks5")
        ) {
            try resolve(ftp)
        }
    }

    @Test("an unreadable CA file names file and cluster")
    func unreadableCA() {
        let builder = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "certificate-authority": "/missing/ca.crt"])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        #expect(throws: KubeConfigError(
            .unreadableFile,
            "unable to read certificate-authority /missing/ca.crt for c due to open /missing/ca.crt: no such file or directory")
        ) {
            try resolve(builder)
        }
    }

    @Test("CA together with insecure-skip-tls-verify in the file is refused")
    func caAndInsecure() {
        let builder = KubeConfigBuilder()
            .cluster("c", ["server": "https://a", "certificate-authority-data": base64("P"), "insecure-skip-tls-verify": true])
            .user("u", ["token": "t"]).context("x", cluster: "c", user: "u").current("x")
        #expect(throws: KubeConfigError(.conflict, "specifying a root certificates file with the insecure flag is not allowed")) {
            try resolve(builder)
        }
    }

    private static func withUser(_ fields: JSONObject) -> KubeConfigBuilder {
        KubeConfigBuilder().cluster("c", ["server": "https://a"]).user("u", fields)
            .context("x", cluster: "c", user: "u").current("x")
    }

    private static let execV1: JSONValue = [
        "command": "helper", "apiVersion": "client.authentication.k8s.io/v1", "interactiveMode": "Never",
    ]

    @Test("client certificate from files and from data")
    func clientCertificate() throws {
        let files = try resolve(
            Self.withUser(["client-certificate": "/u.crt", "client-key": "/u.key"]),
            files: ["/u.crt": "CERT", "/u.key": "KEY"])
        guard case .clientCertificate(let cert, let key, let source) = files.credential else {
            Issue.record("expected a certificate")
            return
        }
        #expect(cert == Array("CERT".utf8) && key == Array("KEY".utf8) && source == "/u.crt")
        #expect(throws: KubeConfigError(
            .unreadableFile, "unable to read client-cert /u.crt for u due to open /u.crt: no such file or directory")
        ) {
            try resolve(Self.withUser(["client-certificate": "/u.crt", "client-key": "/u.key"]))
        }
        #expect(throws: KubeConfigError(
            .invalidFile, "client-key-data or client-key must be specified for u to use the clientCert authentication method.")
        ) {
            try resolve(Self.withUser(["client-certificate-data": base64("C")]))
        }
        #expect(throws: KubeConfigError(
            .conflict, "client-cert-data and client-cert are both specified for u. client-cert-data will override.")
        ) {
            try resolve(Self.withUser(["client-certificate-data": base64("C"), "client-certificate": "/u.crt", "client-key-data": base64("K")]))
        }
        // The flag clears client-certificate-data, so the conflict disappears.
        let flagged = try resolve(
            Self.withUser(["client-certificate-data": base64("C"), "client-key-data": base64("K")]),
            ConfigOverrides(clientCertificate: "/f.crt"), files: ["/f.crt": "FLAGCERT"])
        guard case .clientCertificate(let flagCert, _, _) = flagged.credential else {
            Issue.record("expected a certificate")
            return
        }
        #expect(flagCert == Array("FLAGCERT".utf8))
    }

    @Test("token beats exec; --token clears tokenFile; tokenFile wins over token when readable")
    func tokenPrecedence() throws {
        let tokenAndExec = try resolve(Self.withUser(["token": "inline", "exec": Self.execV1]))
        guard case .bearerToken("inline", nil) = tokenAndExec.credential else {
            Issue.record("token must beat exec, got \(tokenAndExec.credential)")
            return
        }
        let fileAndToken = try resolve(Self.withUser(["token": "inline", "tokenFile": "/tok"]), files: ["/tok": " fromfile\n"])
        guard case .bearerToken("fromfile", "/tok") = fileAndToken.credential else {
            Issue.record("tokenFile must win, got \(fileAndToken.credential)")
            return
        }
        let flag = try resolve(Self.withUser(["tokenFile": "/tok"]), ConfigOverrides(token: "flag"), files: ["/tok": "file"])
        guard case .bearerToken("flag", nil) = flag.credential else {
            Issue.record("--token must win, got \(flag.credential)")
            return
        }
        #expect(throws: KubeConfigError(
            .conflict, "more than one authentication method found for u; found [token basicAuth], only one is allowed")
        ) {
            try resolve(Self.withUser(["token": "t", "username": "a", "password": "b"]))
        }
    }

    @Test("exec config is validated and carried whole")
    func exec() throws {
        let c = try resolve(Self.withUser([
            "exec": ["command": "helper", "args": ["a"], "apiVersion": "client.authentication.k8s.io/v1beta1",
                     "env": [["name": "K", "value": "V"]]],
        ]))
        guard case .exec(let exec) = c.credential else {
            Issue.record("expected exec")
            return
        }
        #expect(exec == ExecConfig(
            command: "helper", args: ["a"], env: [("K", "V")], apiVersion: "client.authentication.k8s.io/v1beta1",
            interactiveMode: "IfAvailable", sourceFile: "/home/user/.kube/config"))
        #expect(throws: KubeConfigError(.invalidFile, "interactiveMode must be specified for u to use exec authentication plugin")) {
            try resolve(Self.withUser(["exec": ["command": "h", "apiVersion": "client.authentication.k8s.io/v1"]]))
        }
        #expect {
            try resolve(Self.withUser(["exec": ["command": "h", "apiVersion": "client.authentication.k8s.io/v1alpha1"]]))
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix(
                "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"") == true
        }
    }

    @Test("legacy auth-provider: client-go's removal messages, or a pointer to exec plugins")
    func authProvider() {
        #expect {
            try resolve(Self.withUser(["auth-provider": ["name": "gcp"]]))
        } throws: { error in
            let e = error as? KubeConfigError
            return e?.kind == .unsupported && e?.message.hasPrefix("The gcp auth plugin has been removed.") == true
        }
        #expect {
            try resolve(Self.withUser(["auth-provider": ["name": "oidc", "config": ["id-token": "secret"]]]))
        } throws: { error in
            let message = (error as? KubeConfigError)?.message ?? ""
            return message.contains("auth-provider \"oidc\"") && message.contains("exec") && !message.contains("secret")
        }
    }

    @Test("impersonation: flags override, --as-group replaces groups, as-uid and extra survive")
    func impersonation() throws {
        let builder = Self.withUser([
            "token": "t", "as": "file-user", "as-groups": ["g1"], "as-uid": "uid-1", "as-user-extra": ["k": ["v"]],
        ])
        let fromFile = try #require(try resolve(builder).impersonation)
        #expect(fromFile == Impersonation(user: "file-user", uid: "uid-1", groups: ["g1"], extra: ["k": ["v"]]))
        let flagged = try #require(try resolve(builder, ConfigOverrides(impersonateUser: "flag", impersonateGroups: ["g2", "g3"])).impersonation)
        #expect(flagged == Impersonation(user: "flag", uid: "uid-1", groups: ["g2", "g3"], extra: ["k": ["v"]]))
        #expect {
            try resolve(Self.withUser(["token": "t"]), ConfigOverrides(impersonateGroups: ["g"]))
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix("requesting uid, groups or user-extra for u without impersonating a user") == true
        }
    }

    @Test("namespace: flag, then context, then in-cluster, then default")
    func namespaceOrder() throws {
        #expect(try resolve(.simple(namespace: "ctx"), ConfigOverrides(namespace: "flag")).namespace == "flag")
        #expect(try resolve(.simple(namespace: "ctx")).namespace == "ctx")
        let inCluster = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "POD_NAMESPACE": "pod-ns"]
        let token = [InClusterConfig.tokenFile: "sa-token"]
        #expect(try resolve(.simple(), files: token, variables: inCluster).namespace == "pod-ns")
        #expect(try resolve(.simple(namespace: "ctx"), files: token, variables: inCluster).namespace == "ctx")
        let plain = try resolve(.simple())
        #expect(plain.namespace == "default" && !plain.namespaceExplicit)
    }

    @Test("in-cluster config is used only when nothing is configured")
    func inCluster() throws {
        let variables = ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"]
        let files = [
            InClusterConfig.tokenFile: "sa-token\n", InClusterConfig.certificateAuthorityFile: "SA CA",
            InClusterConfig.namespaceFile: "apps\n",
        ]
        let env = InMemoryEnvironment(variables: variables, files: files)
        let c = try ConnectionResolver(environment: env).resolve(ConfigOverrides(impersonateUser: "someone"))
        #expect(c.server == "https://[fd00::1]:443")
        #expect(c.certificateAuthorityPEM == Array("SA CA".utf8))
        #expect(c.namespace == "apps")
        #expect(c.impersonation?.user == "someone")
        guard case .bearerToken("sa-token", InClusterConfig.tokenFile) = c.credential else {
            Issue.record("expected the service-account token, got \(c.credential)")
            return
        }
        var withKubeconfig = env
        withKubeconfig.files["/home/user/.kube/config"] = Array(KubeConfigBuilder.simple().text.utf8)
        #expect(try ConnectionResolver(environment: withKubeconfig).resolve(ConfigOverrides()).server == "https://dev.example:6443")
    }

    @Test("--request-timeout parses like kubectl", arguments: [
        ("0", nil), ("30", 30.0), ("1m30s", 90.0), ("500ms", 0.5), ("2h", 7200.0),
    ] as [(String, Double?)])
    func requestTimeout(text: String, seconds: Double?) throws {
        #expect(try RequestTimeout.parse(text) == seconds)
    }

    @Test("an invalid --request-timeout gives kubectl's message")
    func invalidTimeout() {
        #expect {
            try RequestTimeout.parse("soon")
        } throws: { error in
            (error as? KubeConfigError)?.message.hasPrefix("Invalid timeout value.") == true
        }
    }
}
