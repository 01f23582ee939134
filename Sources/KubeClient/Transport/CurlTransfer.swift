import CCurl
import CCurlShim

/// A request with everything resolved: URL, headers (credentials included), TLS material, proxy,
/// limits. Built by ``KubeAPIClient``; executed by ``CurlEngine``.
struct PreparedRequest: Sendable {
    var method: String
    var url: String
    var headers: [(String, String)]
    var body: [UInt8]?
    var certificateAuthorityPEM: [UInt8]?
    var insecureSkipTLSVerify: Bool
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    /// A CURLOPT_CONNECT_TO entry `name:port:host:port` (for `tls-server-name`).
    var connectTo: String?
    /// The proxy URL, or `nil` for a direct connection (environment proxies are resolved by the caller).
    var proxy: String?
    var timeout: Double?
    var connectTimeout: Double?
    var acceptEncoding: String?
    var userAgent: String
    var preferHTTP2: Bool
    var maxResponseBytes: Int
}

/// A complete HTTP response.
struct RawResponse: Sendable {
    var statusCode: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var httpVersion: String
}

/// A transfer that produced no HTTP response (or one that had to be abandoned).
struct TransportFailure: Error, Sendable, Equatable {
    /// The CURLcode.
    var code: Int
    /// libcurl's error buffer (or `curl_easy_strerror`); never contains request headers or bodies.
    var message: String
    /// `CURLINFO_OS_ERRNO`: e.g. ECONNREFUSED for a refused connection.
    var osErrno: Int
    /// The body exceeded ``PreparedRequest/maxResponseBytes``.
    var responseTooLarge: Bool
}

/// One libcurl easy handle and the buffers its callbacks fill. Lives on the engine thread only.
final class CurlTransfer: @unchecked Sendable {
    let request: PreparedRequest
    private let completion: @Sendable (Result<RawResponse, TransportFailure>) -> Void
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var connectToList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var body: [UInt8] = []
    private var headerLines: [String] = []
    private var tooLarge = false

    init(_ request: PreparedRequest, completion: @escaping @Sendable (Result<RawResponse, TransportFailure>) -> Void) {
        self.request = request
        self.completion = completion
        errorBuffer = .allocate(capacity: Int(GR_CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(GR_CURL_ERROR_SIZE))
    }

    deinit {
        if let easy { gr_easy_cleanup(easy) }
        gr_slist_free_all(headerList)
        gr_slist_free_all(connectToList)
        errorBuffer.deallocate()
    }

    /// Creates and configures the easy handle; `nil` (after completing with a failure) if libcurl refuses.
    func setUp() -> UnsafeMutableRawPointer? {
        guard let easy = gr_easy_init() else {
            completion(
                .failure(
                    TransportFailure(code: 2, message: "curl_easy_init failed", osErrno: 0, responseTooLarge: false)))
            return nil
        }
        self.easy = easy
        let r = request
        var failed: CURLcode = CURLE_OK
        func check(_ code: CURLcode) { if code != CURLE_OK && failed == CURLE_OK { failed = code } }

        check(gr_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        check(gr_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(r.url.withCString { gr_easy_setopt_ptr(easy, CURLOPT_URL, $0) })
        check("http,https".withCString { gr_easy_setopt_ptr(easy, CURLOPT_PROTOCOLS_STR, $0) })
        check(gr_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        check(
            gr_easy_setopt_long(
                easy, CURLOPT_HTTP_VERSION,
                r.preferHTTP2 ? Int(CURL_HTTP_VERSION_2TLS) : Int(CURL_HTTP_VERSION_1_1)))
        // Wait for an HTTP/2 connection being set up rather than open a second one (see CurlEngine).
        check(gr_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1))
        check(r.userAgent.withCString { gr_easy_setopt_ptr(easy, CURLOPT_USERAGENT, $0) })
        if let encoding = r.acceptEncoding {
            check(encoding.withCString { gr_easy_setopt_ptr(easy, CURLOPT_ACCEPT_ENCODING, $0) })
        }

        // Method and body. COPYPOSTFIELDS copies, so the Swift array need not outlive this call.
        switch r.method {
        case "GET": check(gr_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "HEAD": check(gr_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        default:
            if r.method != "POST" {
                check(r.method.withCString { gr_easy_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, $0) })
            }
        }
        if r.method != "GET" && r.method != "HEAD" {
            let body = r.body ?? []
            check(gr_easy_setopt_long(easy, CURLOPT_POST, 1))
            check(gr_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            check(
                body.withUnsafeBytes {
                    gr_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(errorBuffer))
                })
        }

        // Headers. "Expect:" stops libcurl from waiting for 100-continue on POSTs.
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in r.headers + [("Expect", "")] {
            let line = value.isEmpty ? "\(name):" : "\(name): \(value)"
            list = line.withCString { gr_slist_append(list, $0) }
        }
        headerList = list
        check(gr_easy_setopt_ptr(easy, CURLOPT_HTTPHEADER, list))

        // TLS. In-memory PEM blobs, copied by libcurl (CURL_BLOB_COPY): secrets never touch the disk.
        if let ca = r.certificateAuthorityPEM {
            check(ca.withUnsafeBytes { gr_easy_setopt_blob(easy, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) })
        }
        if r.insecureSkipTLSVerify {
            check(gr_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0))
            check(gr_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0))
        }
        if let cert = r.clientCertificatePEM, let key = r.clientKeyPEM {
            check("PEM".withCString { gr_easy_setopt_ptr(easy, CURLOPT_SSLCERTTYPE, $0) })
            check(cert.withUnsafeBytes { gr_easy_setopt_blob(easy, CURLOPT_SSLCERT_BLOB, $0.baseAddress, $0.count) })
            check("PEM".withCString { gr_easy_setopt_ptr(easy, CURLOPT_SSLKEYTYPE, $0) })
            check(key.withUnsafeBytes { gr_easy_setopt_blob(easy, CURLOPT_SSLKEY_BLOB, $0.baseAddress, $0.count) })
        }
        if let connectTo = r.connectTo {
            connectToList = connectTo.withCString { gr_slist_append(nil, $0) }
            check(gr_easy_setopt_ptr(easy, CURLOPT_CONNECT_TO, connectToList))
        }
        // An empty proxy string disables libcurl's own environment lookup: the caller already applied
        // Go's rules (HTTPS_PROXY/NO_PROXY, loopback bypass), which differ from libcurl's.
        check((r.proxy ?? "").withCString { gr_easy_setopt_ptr(easy, CURLOPT_PROXY, $0) })

        if let timeout = r.timeout, timeout > 0 {
            check(gr_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int((timeout * 1000).rounded(.up))))
        }
        if let connectTimeout = r.connectTimeout, connectTimeout > 0 {
            check(gr_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int((connectTimeout * 1000).rounded(.up))))
        }

        // Callbacks: non-capturing closures; the transfer travels in userdata. The engine keeps the
        // transfer alive until the handle is removed from the multi handle.
        let me = Unmanaged.passUnretained(self).toOpaque()
        check(
            gr_easy_setopt_write_function(easy) { data, size, count, userdata in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
                let n = size * count
                if transfer.body.count + n > transfer.request.maxResponseBytes {
                    transfer.tooLarge = true
                    return 0  // makes libcurl abort with CURLE_WRITE_ERROR
                }
                if let data { transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n)) }
                return n
            })
        check(gr_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me))
        check(
            gr_easy_setopt_header_function(easy) { data, size, count, userdata in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
                let n = size * count
                guard let data else { return n }
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
                // A new status line starts a new header block (proxy CONNECT replies, 100 Continue).
                if line.hasPrefix("HTTP/") { transfer.headerLines.removeAll() }
                transfer.headerLines.append(line)
                return n
            })
        check(gr_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me))

        if failed != CURLE_OK {
            let message = String(cString: gr_easy_strerror(failed))
            completion(
                .failure(
                    TransportFailure(
                        code: Int(failed.rawValue), message: "setting up the request: \(message)",
                        osErrno: 0, responseTooLarge: false)))
            return nil
        }
        return easy
    }

    /// Completes the transfer after libcurl reported it done with `result`.
    func finish(result: CURLcode) {
        guard let easy else { return }
        if result != CURLE_OK {
            var osErrno = 0
            gr_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
            var message = String(cString: errorBuffer)
            if message.isEmpty { message = String(cString: gr_easy_strerror(result)) }
            completion(
                .failure(
                    TransportFailure(
                        code: Int(result.rawValue), message: message, osErrno: osErrno,
                        responseTooLarge: tooLarge)))
            return
        }
        var status = 0
        gr_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var version = 0
        gr_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        let versionText: String
        switch version {
        case Int(CURL_HTTP_VERSION_2_0): versionText = "2"
        case Int(CURL_HTTP_VERSION_1_0): versionText = "1.0"
        default: versionText = "1.1"
        }
        var headers: [(String, String)] = []
        for line in headerLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingWhitespace()))
        }
        completion(.success(RawResponse(statusCode: status, headers: headers, body: body, httpVersion: versionText)))
    }
}
