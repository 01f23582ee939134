import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GuardrailCore
@testable import KubeClient
import KubeConfig
import KubeTestServer
import Testing

/// Failures of the connection itself, against real sockets and real TLS.
@Suite struct TransportErrorTests {
    static let token = Credential.bearerToken(token: "t", tokenFile: nil)
    static let tokens = ["t": UserInfo(username: "u")]

    @Test func connectionRefused() async throws {
        let port = Support.closedPort()
        let client = try KubeAPIClient(
            config: ConnectionConfig(server: "https://127.0.0.1:\(port)", credential: Self.token),
            options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .connectionRefused)
        #expect(
            error.description
                == "The connection to the server 127.0.0.1:\(port) was refused - did you specify the right host or port?"
        )
    }

    @Test func unknownHost() async throws {
        let client = try KubeAPIClient(
            config: ConnectionConfig(server: "https://no-such-host.invalid:6443"), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .hostNotFound)
        #expect(
            error.description == "Unable to connect to the server: dial tcp: lookup no-such-host.invalid: no such host")
    }

    @Test func wrongCertificateAuthority() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        var config = Support.config(server, credential: Self.token)
        config.certificateAuthorityPEM = Support.bytes(TestPKI.otherCaCertificate)
        config.certificateAuthoritySource = "/home/me/.kube/other-ca.crt"
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .tlsUnknownAuthority)
        #expect(
            error.description
                == "Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority"
        )
        #expect(error.hint?.contains("/home/me/.kube/other-ca.crt") == true)
        #expect(server.requests.isEmpty)
    }

    @Test func insecureSkipTLSVerifyAcceptsAnyServerCertificate() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        var config = Support.config(server, credential: Self.token)
        config.certificateAuthorityPEM = nil
        config.insecureSkipTLSVerify = true
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        #expect(try await Support.whoami(client).username == "u")
    }

    @Test func insecureWithACertificateAuthorityIsRefusedLikeKubectl() throws {
        var config = ConnectionConfig(
            server: "https://127.0.0.1:1", certificateAuthorityPEM: Support.bytes(TestPKI.caCertificate))
        config.insecureSkipTLSVerify = true
        #expect(throws: KubeClientError.self) { _ = try KubeAPIClient(config: config, options: Support.quiet) }
        do {
            _ = try KubeAPIClient(config: config, options: Support.quiet)
        } catch {
            #expect(
                error.description == "error: specifying a root certificates file with the insecure flag is not allowed")
        }
    }

    @Test func tlsServerNameIsUsedForSNIAndVerification() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        var config = Support.config(server, credential: Self.token)
        config.tlsServerName = "kubernetes.default.svc"
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        #expect(try await Support.whoami(client).username == "u")

        config.tlsServerName = "wrong.example"
        let wrong = try KubeAPIClient(config: config, options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await wrong.get("/api") })
        #expect(error.kind == .tlsHostnameMismatch)
        #expect(
            error.description
                == "Unable to connect to the server: tls: failed to verify certificate: x509: certificate is not valid for wrong.example"
        )
    }

    @Test func serverThatRequiresAClientCertificate() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens, requireClientCertificate: true))
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: Self.token, userName: "tok"), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .tlsHandshake)
        #expect(error.description == "Unable to connect to the server: remote error: tls: certificate required")
        #expect(
            error.hint
                == "the server requires a client certificate; user \"tok\" has none (client-certificate/client-key)")
    }

    @Test func clientCertificateFromAnotherCAIsRejected() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(
                server, credential: Support.certificate(TestPKI.malloryCertificate, TestPKI.malloryKey)),
            options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .tlsHandshake)
        #expect(error.description == "Unable to connect to the server: remote error: tls: bad certificate")
    }

    @Test func keyThatDoesNotMatchTheCertificate() async throws {
        let server = try KubeTestServer()
        defer { server.stop() }
        let client = try KubeAPIClient(
            config: Support.config(server, credential: Support.certificate(TestPKI.aliceCertificate, TestPKI.bobKey)),
            options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .clientCertificate)
        #expect(
            error.description.hasPrefix("error: the client certificate and key of user \"test-user\" cannot be used: "))
        #expect(!error.description.contains("PRIVATE KEY"))
    }

    @Test func droppedConnection() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        server.inject(.dropConnection, path: "/api")
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .connectionDropped)
        #expect(error.description == "Unable to connect to the server: EOF")
    }

    @Test func truncatedBody() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        server.inject(.truncatedBody, path: "/api")
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .connectionDropped)
        #expect(error.description == "Unable to connect to the server: unexpected EOF")
    }

    @Test func requestTimeoutNamesTheLimit() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        server.inject(.delay(3), path: "/api")
        let client = try KubeAPIClient(
            config: Support.config(server, credential: Self.token, timeout: 0.5), options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .timeout)
        #expect(
            error.description
                == "Unable to connect to the server: the server did not respond after 500ms (Client.Timeout exceeded)")
        #expect(error.hint?.contains("--request-timeout") == true)
        // kubectl also tells the server about the limit.
        #expect(server.requests.first?.queryValue("timeout") == "500ms")
    }

    @Test func hugeResponseIsRefusedAtTheCap() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        server.inject(.hugeBody(bytes: 4 << 20), path: "/api/v1/namespaces/big/configmaps/huge")
        var options = Support.quiet
        options.maxResponseBytes = 1 << 20
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: options)
        let error = try #require(
            await Support.expectError { _ = try await client.get("/api/v1/namespaces/big/configmaps/huge") })
        #expect(error.kind == .responseTooLarge)
        #expect(
            error.description
                == "error: the response to GET \(server.url)/api/v1/namespaces/big/configmaps/huge is larger than 1 MiB, the most guardrail reads into memory"
        )

        // Under the cap the same kind of body is fine.
        server.clearFaults()
        server.inject(.hugeBody(bytes: 512 << 10), path: "/api/v1/namespaces/big/configmaps/huge")
        let ok = try await client.get("/api/v1/namespaces/big/configmaps/huge")
        #expect(ok[path: "data", "big"]?.stringValue?.count ?? 0 > 500_000)
    }

    @Test func connectionIsReusedForAllRequestsOfAClient() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        for _ in 0..<4 { _ = try await client.get("/api") }
        _ = try await Support.whoami(client)
        #expect(server.requests.count == 5)
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
        #expect(server.connectionsAccepted == 1)
        // The client offers h2 through ALPN; this server speaks only HTTP/1.1, so it falls back.
        #expect(try await client.send(KubeRequest(path: "/api")).httpVersion == "1.1")
    }

    @Test func concurrentRequestsAllComplete() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens, latency: 0.05))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await Support.whoami(client).username } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names == Array(repeating: "u", count: 8))
    }

    /// Issue 2/4: the requests of one command run in parallel over ONE connection (multiplexed on
    /// HTTP/2; queued on the kept-alive connection by this HTTP/1.1 server), never one TLS handshake each.
    @Test(arguments: [2, 8])
    func parallelRequestsShareOneConnection(count: Int) async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens, latency: 0.02))
        defer { server.stop() }
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<count { group.addTask { try await Support.whoami(client).username } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names == Array(repeating: "u", count: count))
        #expect(server.requests.count == count)
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
        #expect(server.connectionsAccepted == 1)
    }

    /// On HTTP/1.1 a request waits for the one connection only while the request ahead of it is quick: one
    /// stuck behind a slow answer gets a connection of its own and finishes first.
    @Test func aSlowAnswerDoesNotHoldUpTheNextRequest() async throws {
        // The slow answer never comes while the test runs (the server is stopped first), so the outcome
        // does not depend on how fast this loaded machine schedules the two requests.
        let slowPath = "/api/v1/namespaces/slow/configmaps"
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        server.inject(.delay(60), path: slowPath, method: "GET")
        let client = try KubeAPIClient(config: Support.config(server, credential: Self.token), options: Support.quiet)
        let slow = Task { try? await client.get(slowPath) }
        while !server.requests.contains(where: { $0.path == slowPath }) {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        #expect(try await Support.whoami(client).username == "u")
        #expect(server.connectionsAccepted == 2)
        let connections = server.requests.map(\.connectionID)
        #expect(Set(connections).count == 2)
        server.stop()
        _ = await slow.value
    }

    @Test func httpsProxyTunnel() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        let proxy = try TestConnectProxy()
        defer { proxy.stop() }
        var config = Support.config(server, credential: Self.token)
        config.proxyURL = proxy.url
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        #expect(try await Support.whoami(client).username == "u")
        #expect(proxy.tunnels.map(\.target) == ["127.0.0.1:\(server.port)"])
    }

    @Test func socks5ProxyResolvesTheHostName() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        let proxy = try TestConnectProxy(protocol: .socks5)
        defer { proxy.stop() }
        var config = Support.config(server, credential: Self.token)
        config.server = "https://localhost:\(server.port)"
        config.proxyURL = proxy.url
        #expect(proxy.url.hasPrefix("socks5://"))
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        #expect(try await Support.whoami(client).username == "u")
        // socks5:// is sent as socks5h://, like Go's dialer: the proxy gets the name, not an address.
        #expect(proxy.tunnels.map(\.target) == ["localhost:\(server.port)"])
    }

    @Test func proxyThatRefusesTheTunnel() async throws {
        let server = try KubeTestServer(.init(tokens: Self.tokens))
        defer { server.stop() }
        let proxy = try TestConnectProxy(refuseWithStatus: 403)
        defer { proxy.stop() }
        var config = Support.config(server, credential: Self.token)
        config.proxyURL = proxy.url
        let client = try KubeAPIClient(config: config, options: Support.quiet)
        let error = try #require(await Support.expectError { _ = try await client.get("/api") })
        #expect(error.kind == .cannotConnect)
        #expect(error.description.hasPrefix("Unable to connect to the server: proxyconnect tcp: "))
        #expect(error.description.contains("403"))
    }

    @Test func unsupportedProxyScheme() throws {
        let config = ConnectionConfig(clusterName: "fake", server: "https://127.0.0.1:1", proxyURL: "ftp://x")
        do {
            _ = try KubeAPIClient(config: config, options: Support.quiet)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "error: invalid 'proxy-url' \"ftp://x\" for cluster \"fake\": unsupported scheme \"ftp\", must be http, https, or socks5"
            )
        }
    }
}

/// Resource hygiene: a client's transfer thread ends with the client.
@Suite(.serialized) struct ClientLifetimeTests {
    @Test func transferThreadsEndWithTheirClients() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "u")]))
        defer { server.stop() }
        // The engine thread keeps its engine alive until it returns, so an engine that is gone proves its
        // thread ended. Per client, hence independent of what other suites run meanwhile.
        var engines: [WeakEngine] = []
        for _ in 0..<30 {
            let client = try KubeAPIClient(
                config: Support.config(server, credential: .bearerToken(token: "t", tokenFile: nil)),
                options: Support.quiet)
            _ = try await client.get("/api")
            engines.append(WeakEngine(client.transferEngine))
        }
        for _ in 0..<500 where engines.contains(where: { $0.engine != nil }) {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(engines.filter { $0.engine != nil }.count == 0)
    }
}

final class WeakEngine: @unchecked Sendable {
    weak var engine: AnyObject?
    init(_ engine: AnyObject) { self.engine = engine }
}
