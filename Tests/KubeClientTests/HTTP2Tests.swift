import Foundation
import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// HTTP/2 against a real HTTP/2 server: nghttpd (Debian's nghttp2-server), serving JSON files over TLS
/// with the test PKI. KubeTestServer speaks HTTP/1.1 only; real kube-apiservers negotiate h2 through
/// ALPN, and then a command's parallel requests must share one connection as streams.
@Suite(
    .enabled(if: HTTP2Server.nghttpd != nil, "nghttpd not found (apt-get install nghttp2-server); skipping h2 tests"),
    .serialized)
struct HTTP2Tests {
    @Test func negotiatesHTTP2AndMultiplexesParallelRequestsOnOneConnection() async throws {
        let server = try HTTP2Server(files: ["api": #"{"kind":"APIVersions","versions":["v1"]}"#])
        defer { server.stop() }
        let config = ConnectionConfig(
            server: server.url, certificateAuthorityPEM: Array(TestPKI.caCertificate.utf8),
            certificateAuthoritySource: "test-ca.crt")
        let client = try KubeAPIClient(config: config, options: ClientOptions(debugLog: nil))

        let first = try await client.send(KubeRequest(path: "/api"))
        #expect(first.httpVersion == "2")
        #expect(try first.json()["kind"] == "APIVersions")

        let versions = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await client.send(KubeRequest(path: "/api")).httpVersion } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(versions == Array(repeating: "2", count: 8))
        #expect(server.handshakes() == 1, "nghttpd log:\n\(server.log())")
    }
}

/// An nghttpd process on 127.0.0.1 with the test server certificate, serving `files` from a temporary
/// document root; `-v` logs each TLS handshake, which is how the tests count connections.
final class HTTP2Server: @unchecked Sendable {
    static let nghttpd: String? = ["/usr/sbin/nghttpd", "/usr/bin/nghttpd"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let url: String
    private let process = Process()
    private let directory: String
    private let logPath: String

    init(files: [String: String]) throws {
        directory = Support.temporaryDirectory()
        let root = directory + "/htdocs"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, content) in files { try content.write(toFile: root + "/" + name, atomically: true, encoding: .utf8) }
        try TestPKI.serverKey.write(toFile: directory + "/server.key", atomically: true, encoding: .utf8)
        try TestPKI.serverCertificate.write(toFile: directory + "/server.crt", atomically: true, encoding: .utf8)
        logPath = directory + "/nghttpd.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let port = try Self.freePort()
        url = "https://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: Self.nghttpd!)
        process.arguments = [
            "-v", "--address=127.0.0.1", "-d", root, String(port), directory + "/server.key", directory + "/server.crt",
        ]
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // Wait (bounded) until it accepts connections.
        for _ in 0..<200 {
            if Self.canConnect(port: port) { return }
            usleep(10_000)
        }
        stop()
        throw CocoaError(.fileReadUnknown)
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: nghttpd keeps serving open connections after SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// TLS handshakes nghttpd completed (one per connection).
    func handshakes() -> Int {
        log().split(separator: "\n").count { $0.contains("SSL/TLS handshake completed") }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
