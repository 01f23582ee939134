import GuardrailCore
import KubeClient
import KubeConfig
import Testing

/// The pure pieces: header building, escaping, exec JSON, proxy choice, error mapping.
@Suite struct PureFunctionTests {
    @Test(arguments: [
        ("acme.com/project", "acme.com%2Fproject"),
        ("scopes", "scopes"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("a!#$&'*+-.^_`|~z", "a!#$&'*+-.^_`|~z"),
    ])
    func impersonateExtraKeyEscaping(key: String, escaped: String) {
        #expect(RequestHeaders.escapeExtraKey(key) == escaped)
        #expect(RequestHeaders.unescapeExtraKey(escaped) == key)
    }

    @Test func impersonationHeaderOrder() {
        let headers = RequestHeaders.impersonation(
            Impersonation(
                user: "jane", uid: "1", groups: ["a", "b"], extra: ["z": ["1"], "acme.com/p": ["x", "y"]]))
        #expect(
            headers.map { "\($0.0): \($0.1)" } == [
                "Impersonate-User: jane", "Impersonate-Uid: 1", "Impersonate-Group: a", "Impersonate-Group: b",
                "Impersonate-Extra-acme.com%2Fp: x", "Impersonate-Extra-acme.com%2Fp: y", "Impersonate-Extra-z: 1",
            ])
    }

    @Test func userAgentShape() {
        let agent = RequestHeaders.userAgent(version: "v0.1.0-dirty", commit: "0123456789abcdef")
        #expect(
            agent == "kubectl-guardrail/v0.1.0 (linux/amd64) kubernetes/0123456"
                || agent.hasSuffix("kubernetes/0123456"))
        #expect(RequestHeaders.userAgent(version: "", commit: "").hasSuffix("kubernetes/unknown"))
    }

    @Test func authorizationIsMaskedInDebugOutput() {
        #expect(RequestHeaders.redacted(("Authorization", "Bearer abc")) == ("Authorization", "Bearer <masked>"))
        #expect(RequestHeaders.redacted(("Accept", "application/json")) == ("Accept", "application/json"))
    }

    @Test func execInfoJSON() {
        var config = ConnectionConfig(server: "https://h:6443", certificateAuthorityPEM: Array("PEM".utf8))
        config.tlsServerName = "k.svc"
        let info = ExecCredentialProtocol.execInfo(
            apiVersion: "client.authentication.k8s.io/v1", interactive: true,
            cluster: ExecCredentialProtocol.ClusterInfo(config: config))
        #expect(
            info
                == #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"cluster":{"server":"https://h:6443","tls-server-name":"k.svc","certificate-authority-data":"UEVN","config":null},"interactive":true}}"# + "\n"
        )
        #expect(
            ExecCredentialProtocol.execInfo(apiVersion: "v", interactive: false, cluster: nil)
                == #"{"kind":"ExecCredential","apiVersion":"v","spec":{"interactive":false}}"# + "\n")
    }

    @Test(arguments: [
        (
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#,
            "exec plugin didn't return a status field"
        ),
        (
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#,
            "exec plugin didn't return a token or cert/key pair"
        ),
        (
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x"}}"#,
            "exec plugin returned only certificate or key, not both"
        ),
        (#"{"kind":"ExecCredential","status":{"token":"secret"}}"#, "decoding stdout: Object 'apiVersion' is missing"),
        (
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"soon"}}"#,
            "decoding stdout: status.expirationTimestamp is not an RFC 3339 time"
        ),
    ])
    func execCredentialProtocolErrors(stdout: String, message: String) {
        let result = ExecCredentialProtocol.parse(
            stdout: Array(stdout.utf8), expectedAPIVersion: "client.authentication.k8s.io/v1")
        guard case .failure(let error) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(error.message == message)
    }

    @Test func execCredentialWithExpiry() throws {
        let stdout =
            #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2026-11-29T03:49:00Z"}}"#
        let credential = try ExecCredentialProtocol.parse(
            stdout: Array(stdout.utf8), expectedAPIVersion: "client.authentication.k8s.io/v1beta1"
        ).get()
        #expect(credential.token == "t")
        #expect(credential.expiresAt == 1_795_924_140)
        #expect(credential.isExpired(now: 1_795_924_140))
        #expect(!credential.isExpired(now: 1_795_924_139))
        #expect(!credential.description.contains("\"t\"") && !credential.description.contains("token: t"))
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T12:30:15.5Z", 951_827_415.5),
        ("2026-11-29T04:49:00+01:00", 1_795_924_140.0),
        ("2026-11-29T03:49:00-00:30", 1_795_925_940.0),
    ])
    func rfc3339(text: String, seconds: Double) {
        #expect(ExecCredentialProtocol.parseRFC3339(text) == seconds)
    }

    @Test func rfc3339Rejects() {
        for bad in ["2026-11-29", "2026-13-01T00:00:00Z", "2026-11-29T03:49:00", "x"] {
            #expect(ExecCredentialProtocol.parseRFC3339(bad) == nil)
        }
    }

    @Test func proxyFromEnvironmentFollowsGo() throws {
        let env = ["HTTPS_PROXY": "proxy.corp:3128", "NO_PROXY": ".internal,10.0.0.0/8,exact.example"]
        func pick(_ host: String) throws -> String? {
            try ProxySelection.proxy(proxyURL: nil, serverScheme: "https", serverHost: host, environment: { env[$0] })
        }
        #expect(try pick("api.example.com") == "http://proxy.corp:3128")
        #expect(try pick("127.0.0.1") == nil)
        #expect(try pick("localhost") == nil)
        #expect(try pick("k8s.internal") == nil)
        #expect(try pick("10.1.2.3") == nil)
        #expect(try pick("exact.example") == nil)
        #expect(try pick("sub.exact.example") == nil)
        #expect(try pick("other.example") == "http://proxy.corp:3128")
        #expect(
            try ProxySelection.proxy(
                proxyURL: "socks5://p:1080", serverScheme: "https", serverHost: "h", environment: { _ in nil })
                == "socks5h://p:1080")
        #expect(ProxySelection.redacted("http://user:pw@p:1") == "http://***@p:1")
    }

    @Test func transportErrorMapping() {
        let context = TransportErrorMapping.Context(serverHostPort: "10.0.0.1:6443", verifiedHostName: "10.0.0.1")
        #expect(
            TransportErrorMapping.error(code: 7, message: "Failed to connect", osErrno: 111, context: context)
                .description
                == "The connection to the server 10.0.0.1:6443 was refused - did you specify the right host or port?")
        #expect(
            TransportErrorMapping.error(code: 7, message: "Network is unreachable", osErrno: 101, context: context).kind
                == .cannotConnect)
        #expect(
            TransportErrorMapping.error(
                code: 35, message: "error:0A00010B:SSL routines::wrong version number", context: context
            ).description
                == "Unable to connect to the server: tls: first record does not look like a TLS handshake")
        #expect(
            TransportErrorMapping.error(
                code: 60, message: "SSL certificate problem: certificate has expired", context: context
            ).description
                == "Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid"
        )
    }

    @Test func responseErrorMapping() {
        let status =
            #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"admission webhook \"v\" denied the request: no","code":400}"#
        let error = ResponseErrorMapping.error(
            statusCode: 400, body: Array(status.utf8), contentType: "application/json",
            method: "POST", path: "/api/v1/namespaces/x/pods")
        #expect(error.description == "Error from server: admission webhook \"v\" denied the request: no")
        let named = ResponseErrorMapping.error(
            statusCode: 404, body: [], contentType: nil, method: "GET",
            path: "/apis/apps/v1/namespaces/x/deployments/web")
        #expect(
            named.description
                == "Error from server (NotFound): the server could not find the requested resource (get deployments.apps web)"
        )
    }
}
