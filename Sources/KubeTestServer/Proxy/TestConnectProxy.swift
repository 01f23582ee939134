#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tunnelling proxy on 127.0.0.1 for proxy tests, speaking HTTP `CONNECT` or SOCKS5 (no
/// authentication): opens the requested tunnel and pipes bytes both ways, recording each target (as the
/// client named it: a SOCKS5 client that lets the proxy resolve names sends the host name) and, for
/// HTTP, the `Proxy-Authorization` header.
public final class TestConnectProxy: @unchecked Sendable {
    /// The proxy protocol.
    public enum ProxyProtocol: Sendable {
        /// HTTP `CONNECT`.
        case http
        /// SOCKS5, CONNECT command, no authentication.
        case socks5
    }

    /// One tunnel request.
    public struct Tunnel: Sendable, Equatable {
        /// `host:port` asked for.
        public var target: String
        /// The `Proxy-Authorization` header, if sent.
        public var proxyAuthorization: String?
    }

    /// The proxy's port.
    public let port: Int
    /// `http://127.0.0.1:PORT` or `socks5://127.0.0.1:PORT`.
    public var url: String { "\(proxyProtocol == .http ? "http" : "socks5")://127.0.0.1:\(port)" }
    private let listenFD: Int32
    private let state = Protected<(tunnels: [Tunnel], fds: [Int32], stopped: Bool)>(([], [], false))
    private let refuse: Int?
    private let proxyProtocol: ProxyProtocol

    /// Starts the proxy; with `refuseWithStatus`, every HTTP CONNECT is answered with that status instead.
    public init(protocol proxyProtocol: ProxyProtocol = .http, refuseWithStatus: Int? = nil) throws {
        (listenFD, port) = try listenOnLoopback()
        self.proxyProtocol = proxyProtocol
        refuse = refuseWithStatus
        let fd = listenFD
        spawnThread { [self] in acceptLoop(fd) }
    }

    deinit { stop() }

    /// The tunnels opened so far.
    public var tunnels: [Tunnel] { state.withLock { $0.tunnels } }

    /// Stops the proxy and closes all tunnels.
    public func stop() {
        // Under the lock, like KubeTestServer.stop(): owners close their sockets under it too.
        state.withLock { s in
            guard !s.stopped else { return }
            s.stopped = true
            for fd in [listenFD] + s.fds { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop(_ listenFD: Int32) {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                if state.withLock({ $0.stopped }) { break }
                continue
            }
            let stopped = state.withLock { s -> Bool in
                if !s.stopped { s.fds.append(fd) }
                return s.stopped
            }
            if stopped {
                close(fd)
                break
            }
            setNoDelay(fd)
            spawnThread { [self] in handle(fd) }
        }
        // The listener stays open until stop() shut it down, so its number cannot be reused before.
        close(listenFD)
    }

    private func handle(_ client: Int32) {
        defer {
            state.withLock { s in
                s.fds.removeAll { $0 == client }
                close(client)
            }
        }
        if proxyProtocol == .socks5 {
            guard let target = socks5Handshake(client) else { return }
            state.withLock { $0.tunnels.append(Tunnel(target: target, proxyAuthorization: nil)) }
            guard let upstream = connectTarget(target) else {
                _ = sendBytes(client, [5, 5, 0, 1, 0, 0, 0, 0, 0, 0])  // connection refused
                return
            }
            defer { close(upstream) }
            guard sendBytes(client, [5, 0, 0, 1, 0, 0, 0, 0, 0, 0]) else { return }
            pipe(client, upstream)
            return
        }
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while head.count < 65536 {
            guard read(client, &byte, 1) == 1 else { return }
            head.append(byte)
            if head.count >= 4 && head.suffix(4) == [13, 10, 13, 10] { break }
        }
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3, requestLine[0] == "CONNECT" else {
            _ = sendAll(client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        }
        let target = String(requestLine[1])
        let authorization = lines.dropFirst().first { $0.lowercased().hasPrefix("proxy-authorization:") }
            .map { String($0.dropFirst("proxy-authorization:".count)).trimmingSpaces() }
        state.withLock { $0.tunnels.append(Tunnel(target: target, proxyAuthorization: authorization)) }
        if let refuse {
            _ = sendAll(client, "HTTP/1.1 \(refuse) \(HTTPResponse.reason(refuse))\r\nContent-Length: 0\r\n\r\n")
            return
        }
        guard let upstream = connectTarget(target) else {
            _ = sendAll(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        }
        defer { close(upstream) }
        guard sendAll(client, "HTTP/1.1 200 Connection established\r\n\r\n") else { return }
        pipe(client, upstream)
    }

    /// Connects to `host:port` (IPv4); `nil` on failure.
    private func connectTarget(_ target: String) -> Int32? {
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]) else {
            return nil
        }
        var host = String(target[..<colon])
        if host.hasPrefix("[") { host = String(host.dropFirst().dropLast()) }
        let fd = connectTCP(host: host, port: port)
        return fd >= 0 ? fd : nil
    }

    /// RFC 1928: greeting (no authentication), then CONNECT; returns the target as `host:port`.
    private func socks5Handshake(_ fd: Int32) -> String? {
        guard let greeting = readExactly(fd, 2), greeting[0] == 5, let methods = readExactly(fd, Int(greeting[1])),
            methods.contains(0), sendBytes(fd, [5, 0]), let request = readExactly(fd, 4), request[0] == 5,
            request[1] == 1
        else { return nil }
        var host: String
        switch request[3] {
        case 1:
            guard let a = readExactly(fd, 4) else { return nil }
            host = a.map { String($0) }.joined(separator: ".")
        case 3:
            guard let length = readExactly(fd, 1), let name = readExactly(fd, Int(length[0])) else { return nil }
            host = String(decoding: name, as: UTF8.self)
        default:
            return nil  // IPv6 is not needed by the tests
        }
        guard let portBytes = readExactly(fd, 2) else { return nil }
        host += ":\(Int(portBytes[0]) << 8 | Int(portBytes[1]))"
        return host
    }

    private func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = result.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, count - done) }
            if n <= 0 { return nil }
            done += n
        }
        return result
    }

    private func sendBytes(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    /// Copies bytes both ways until either side closes.
    private func pipe(_ client: Int32, _ upstream: Int32) {
        var fds = [
            pollfd(fd: client, events: Int16(POLLIN), revents: 0),
            pollfd(fd: upstream, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            guard poll(&fds, 2, 30_000) > 0 else { return }
            for (from, to) in [(client, upstream), (upstream, client)] {
                let index = from == client ? 0 : 1
                guard fds[index].revents != 0 else { continue }
                let n = read(from, &buffer, buffer.count)
                if n <= 0 { return }
                var sent = 0
                while sent < n {
                    let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                    if w <= 0 { return }
                    sent += w
                }
            }
        }
    }

    private func sendAll(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }
}

/// A plain-HTTP listener that records raw request heads and answers `200 {}` (for checking that no
/// credentials are sent over `http://`).
public final class PlainHTTPRecorder: @unchecked Sendable {
    /// The port.
    public let port: Int
    private let listenFD: Int32
    private let state = Protected<(heads: [String], stopped: Bool)>(([], false))

    /// Starts listening on 127.0.0.1.
    public init() throws {
        (listenFD, port) = try listenOnLoopback()
        let fd = listenFD
        spawnThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    if state.withLock({ $0.stopped }) { break }
                    continue
                }
                var head: [UInt8] = []
                var byte: UInt8 = 0
                while head.count < 65536, read(client, &byte, 1) == 1 {
                    head.append(byte)
                    if head.suffix(4) == [13, 10, 13, 10] { break }
                }
                state.withLock { $0.heads.append(String(decoding: head, as: UTF8.self)) }
                let response =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                _ = response.withCString { write(client, $0, strlen($0)) }
                close(client)
            }
            close(fd)
        }
    }

    deinit { stop() }

    /// Raw request heads received.
    public var received: [String] { state.withLock { $0.heads } }

    /// Stops listening.
    public func stop() {
        state.withLock { s in
            if !s.stopped { shutdown(listenFD, Int32(SHUT_RDWR)) }
            s.stopped = true
        }
    }
}
