import CKubeTestTLS

/// A server-side TLS context (system OpenSSL through CKubeTestTLS).
final class TLSContext: @unchecked Sendable {
    let handle: OpaquePointer

    init(certificatePEM: String, keyPEM: String, clientCAPEM: String?, requireClientCertificate: Bool)
        throws(TestServerError)
    {
        var error = [CChar](repeating: 0, count: 512)
        let context: OpaquePointer? = certificatePEM.withCString { cert in
            keyPEM.withCString { key in
                if let clientCAPEM {
                    return clientCAPEM.withCString { ca in
                        kts_context_new(cert, key, ca, requireClientCertificate ? 1 : 0, &error, error.count)
                    }
                }
                return kts_context_new(cert, key, nil, 0, &error, error.count)
            }
        }
        guard let context else { throw TestServerError("TLS setup failed: \(cString(error))") }
        handle = context
    }

    deinit { kts_context_free(handle) }
}

/// The client certificate a connection presented and the server verified.
public struct ClientCertificateIdentity: Sendable, Hashable {
    /// Subject CN (the Kubernetes user name).
    public var commonName: String
    /// Subject O values (the Kubernetes groups).
    public var organizations: [String]
    /// Lowercase hex SHA-256 of the DER certificate (kube-apiserver's `X509SHA256=` credential id).
    public var sha256: String
}

/// One accepted TLS connection on a blocking socket.
final class TLSConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    let clientCertificate: ClientCertificateIdentity?
    let protocolVersion: String

    init(context: TLSContext, fd: Int32) throws(TestServerError) {
        var error = [CChar](repeating: 0, count: 512)
        guard let connection = kts_accept(context.handle, fd, &error, error.count) else {
            throw TestServerError("TLS handshake failed: \(cString(error))")
        }
        handle = connection
        var cn = [CChar](repeating: 0, count: 256)
        var orgs = [CChar](repeating: 0, count: 2048)
        var sha = [CChar](repeating: 0, count: 65)
        if kts_peer_identity(connection, &cn, cn.count, &orgs, orgs.count, &sha) == 1 {
            let orgText = cString(orgs)
            clientCertificate = ClientCertificateIdentity(
                commonName: cString(cn),
                organizations: orgText.isEmpty ? [] : orgText.split(separator: "\n").map(String.init),
                sha256: cString(sha))
        } else {
            clientCertificate = nil
        }
        protocolVersion = String(cString: kts_protocol(connection))
    }

    deinit { kts_connection_free(handle) }

    func read(into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { Int(kts_read(handle, $0.baseAddress, $0.count)) }
    }

    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { kts_write(handle, $0.baseAddress, $0.count) == $0.count }
    }
}

/// A failure inside the test server (setup problems are thrown to the test).
public struct TestServerError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The text of a NUL-terminated C buffer.
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
