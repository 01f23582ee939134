import GuardrailCore
import KubeClient
import KubeConfig
import KubeTestServer

#if canImport(Glibc)
    import Glibc
#endif

/// Shared helpers for the client tests: every test starts its own server on an ephemeral port.
enum Support {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A ConnectionConfig for `server` trusting the test CA.
    static func config(
        _ server: KubeTestServer, credential: Credential, userName: String = "test-user",
        impersonation: Impersonation? = nil, timeout: Double? = nil
    ) -> ConnectionConfig {
        ConnectionConfig(
            userName: userName, server: server.url, certificateAuthorityPEM: bytes(TestPKI.caCertificate),
            certificateAuthoritySource: "test-ca.crt", requestTimeout: timeout, credential: credential,
            impersonation: impersonation)
    }

    static func certificate(_ cert: String, _ key: String) -> Credential {
        .clientCertificate(certificatePEM: bytes(cert), keyPEM: bytes(key), source: "test")
    }

    /// Options without debug output to stderr.
    static let quiet = ClientOptions(debugLog: nil)

    static let selfSubjectReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
    static let selfSubjectReviewBody: JSONValue = [
        "apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview",
    ]

    /// POSTs a SelfSubjectReview and returns `status.userInfo`.
    static func whoami(_ client: KubeAPIClient) async throws -> UserInfo {
        let review = try await client.post(selfSubjectReviewPath, body: selfSubjectReviewBody)
        return UserInfo(json: review[path: "status", "userInfo"] ?? .null)
    }

    /// Runs `body` expecting a KubeClientError and returns it.
    static func expectError(_ body: () async throws -> Void) async -> KubeClientError? {
        do {
            try await body()
            return nil
        } catch let error as KubeClientError {
            return error
        } catch {
            return nil
        }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/guardrail-client-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

    static func write(_ text: String, to path: String, executable: Bool = false) {
        // O_CLOEXEC: see TemporaryDirectory.write (a concurrently spawned process would keep it open → ETXTBSY).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o755 : 0o600)
        precondition(fd >= 0, "cannot write \(path)")
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    /// A port nothing listens on: bind, read the port, close.
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        close(fd)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Reads a file the test (or a plugin script) wrote; `nil` when it does not exist.
func readFileForTest(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        result.append(contentsOf: buffer[0..<n])
    }
    return result
}

/// Test access to the process-wide exec credential cache.
enum ExecAuthenticatorTestHooks {
    static func clearCache() { KubeAPIClient.clearExecCredentialCache() }
}
