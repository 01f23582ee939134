import GuardrailCore
import CCurlShim
import KubeConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP request to the API server, for calls the JSON helpers do not cover (discovery with its
/// `Accept` header, raw bodies).
public struct KubeRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The API path, e.g. `/apis/kyverno.io/v1/clusterpolicies` (the server URL's path prefix is added).
    public var path: String
    /// Query parameters in order.
    public var query: [(String, String)]
    /// Extra headers; `Accept` defaults to `application/json`.
    public var headers: [(String, String)]
    /// The body (sent with `Content-Type: application/json` unless a header says otherwise).
    public var body: [UInt8]?

    /// Creates a request.
    public init(
        method: String = "GET", path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// A successful (2xx) response.
public struct KubeResponse: Sendable {
    /// The HTTP status code.
    public var statusCode: Int
    /// Response headers in order (names as the server wrote them).
    public var headers: [(String, String)]
    /// The body, decompressed.
    public var body: [UInt8]
    /// `1.1` or `2`.
    public var httpVersion: String

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    /// The `Content-Type` header.
    public var contentType: String? { header("Content-Type") }

    /// The texts of `Warning: 299 - "text"` headers (kubectl prints them as `Warning: text`).
    public var warnings: [String] {
        headers.filter { $0.0.lowercased() == "warning" }.compactMap { header in
            let value = header.1
            guard let open = value.firstIndex(of: "\""), let close = value.lastIndex(of: "\""), open < close else {
                return nil
            }
            return String(value[value.index(after: open)..<close]).replacingBackslashEscapes()
        }
    }

    /// The body parsed as JSON, without the parts in `omissions`.
    public func json(requestLine: String = "", omitting omissions: JSONParser.Omissions = [])
        throws(KubeClientError) -> JSONValue
    {
        do {
            return try JSONParser.parse(bytes: body, omitting: omissions)
        } catch {
            let type = contentType.map { " (Content-Type \($0))" } ?? ""
            throw KubeClientError(
                .invalidResponse,
                "error: the server returned a response that is not JSON\(type)\(requestLine.isEmpty ? "" : " for \(requestLine)"): \(error)",
                hint: "a proxy or load balancer in front of the API server may have answered instead",
                httpStatus: statusCode)
        }
    }
}

/// The one place that talks to the Kubernetes API server: libcurl underneath, `async` on top.
///
/// One client is one identity against one server. Its requests share one connection (HTTP/2 when the
/// server offers it, else HTTP/1.1 keep-alive) driven by a dedicated thread, never Swift's cooperative
/// pool. Credentials follow client-go: client certificates and keys as in-memory PEM, bearer tokens
/// (`tokenFile` re-read), basic auth, exec plugins (cached for the process, re-run once after a 401);
/// none of them are sent over plain `http://`. Impersonation headers, `tls-server-name`, `proxy-url`,
/// gzip, `--request-timeout` (also sent as `?timeout=`) and a response size cap are applied to every
/// request. Errors are ``KubeClientError``s in kubectl's words.
///
/// ```swift
/// let client = try KubeAPIClient(config: connection)
/// let review = try await client.post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
///                                    body: ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"])
/// let policies = try await client.list("/apis/kyverno.io/v1/clusterpolicies")
/// ```
public final class KubeAPIClient: Sendable {
    /// The connection settings.
    public let config: ConnectionConfig
    /// The client options.
    public let options: ClientOptions
    let server: ServerURL
    let proxy: String?
    private let engine: CurlEngine
    private let credentials: CredentialProvider

    /// Validates the settings and starts the transfer thread. Nothing is sent yet.
    public init(config: ConnectionConfig, options: ClientOptions = .init()) throws(KubeClientError) {
        self.config = config
        self.options = options
        server = try ServerURL(parsing: config.server)
        if config.insecureSkipTLSVerify, let ca = config.certificateAuthorityPEM, !ca.isEmpty {
            throw .config("specifying a root certificates file with the insecure flag is not allowed")
        }
        proxy = try ProxySelection.proxy(
            proxyURL: config.proxyURL, serverScheme: server.scheme, serverHost: server.host,
            clusterName: config.clusterName,
            environment: { name in getenv(name).map { String(cString: $0) } })
        guard let engine = CurlEngine() else {
            throw KubeClientError(.config, "error: " + String(cString: gr_curl_load_error()))
        }
        self.engine = engine
        credentials = CredentialProvider(connection: config, options: options)
    }

    deinit { engine.shutdown() }

    /// The transfer engine; its thread holds it until the thread ends (for lifetime tests).
    var transferEngine: AnyObject { engine }

    // MARK: JSON helpers

    /// `GET path` and the JSON body (without the parts in `omissions`).
    public func get(_ path: String, query: [(String, String)] = [], omitting omissions: JSONParser.Omissions = [])
        async throws(KubeClientError) -> JSONValue
    {
        try await send(KubeRequest(method: "GET", path: path, query: query))
            .json(requestLine: "GET \(path)", omitting: omissions)
    }

    /// `POST path` with a JSON body, and the JSON response (e.g. a SelfSubjectReview).
    public func post(_ path: String, body: JSONValue) async throws(KubeClientError) -> JSONValue {
        let bytes = Array(JSONWriter().string(from: body).utf8)
        return try await send(KubeRequest(method: "POST", path: path, body: bytes)).json(requestLine: "POST \(path)")
    }

    /// All `items` of a list, fetched in pages of `pageSize` (`limit`/`continue`, as kubectl's
    /// `--chunk-size` does) so no single response grows huge. When the server says a continue token has
    /// expired (410 `Expired`), the list is fetched again in one request, as client-go's pager does
    /// (`FullListIfExpired`). Items come without `metadata.managedFields`: server-side apply's bookkeeping
    /// is often the largest part of an object and no caller reads it (it is still checked as JSON).
    public func list(_ path: String, query: [(String, String)] = [], pageSize: Int = 500)
        async throws(KubeClientError) -> [JSONValue]
    {
        var items: [JSONValue] = []
        var continueToken: String?
        repeat {
            var pageQuery = query
            if pageSize > 0 { pageQuery.append(("limit", String(pageSize))) }
            if let continueToken { pageQuery.append(("continue", continueToken)) }
            let page: JSONValue
            do {
                page = try await get(path, query: pageQuery, omitting: .listItemManagedFields)
            } catch  where continueToken != nil && error.kind == .status(code: 410, reason: "Expired") {
                options.debugLog?("continue token expired for \(path): listing again without pages")
                return Self.itemsWithKind(of: try await get(path, query: query, omitting: .listItemManagedFields)) ?? []
            }
            guard let pageItems = Self.itemsWithKind(of: page) else {
                throw KubeClientError(
                    .invalidResponse, "error: the response to GET \(path) is not a list (no \"items\")")
            }
            items.append(contentsOf: pageItems)
            continueToken = page[path: "metadata", "continue"]?.stringValue
            if continueToken?.isEmpty == true { continueToken = nil }
        } while continueToken != nil
        return items
    }

    /// The items of a list response, each carrying `kind` and `apiVersion`; `nil` when `page` is no list.
    ///
    /// The API server leaves `kind` and `apiVersion` out of the items of built-in lists (a
    /// `RoleBindingList`'s items are bare RoleBindings); only custom resources keep them. Consumers such
    /// as the Kyverno engine classify objects by kind, so restore them from the list's own `kind`
    /// (minus the `List` suffix) and `apiVersion`, as client-go's unstructured lists do.
    static func itemsWithKind(of page: JSONValue) -> [JSONValue]? {
        guard let items = page["items"]?.arrayValue ?? (page["items"]?.isNull == true ? [] : nil) else { return nil }
        guard let listKind = page["kind"]?.stringValue, listKind.hasSuffix("List"), listKind.count > 4,
            let apiVersion = page["apiVersion"]?.stringValue
        else { return items }
        let kind = String(listKind.dropLast(4))
        return items.map { item in
            guard case .object(var object) = item, object["kind"] == nil || object["apiVersion"] == nil else {
                return item
            }
            var stamped = JSONObject()
            stamped["apiVersion"] = object["apiVersion"] ?? .string(apiVersion)
            stamped["kind"] = object["kind"] ?? .string(kind)
            for entry in object where entry.key != "apiVersion" && entry.key != "kind" {
                stamped[entry.key] = entry.value
            }
            object = stamped
            return .object(object)
        }
    }

    // MARK: Raw requests

    /// Sends `request`; returns 2xx responses and throws ``KubeClientError`` for everything else.
    public func send(_ request: KubeRequest) async throws(KubeClientError) -> KubeResponse {
        var credential = server.isTLS ? try await credentials.resolve() : ResolvedCredential()
        var response = try await perform(request, credential: credential)
        if response.statusCode == 401, options.retryUnauthorizedAfterExecRefresh, server.isTLS,
            let refreshed = try await credentials.refresh(rejected: credential)
        {
            options.debugLog?("401 Unauthorized with an exec plugin credential: ran the plugin again, retrying once")
            credential = refreshed
            response = try await perform(request, credential: credential)
        }
        guard (200..<300).contains(response.statusCode) else {
            var error = ResponseErrorMapping.error(
                statusCode: response.statusCode, body: response.body, contentType: response.contentType,
                method: request.method, path: request.path)
            error.hint = hint(for: error) ?? error.hint
            throw error
        }
        return response
    }

    private func perform(_ request: KubeRequest, credential: ResolvedCredential) async throws(KubeClientError)
        -> KubeResponse
    {
        var query = request.query
        if let timeout = config.requestTimeout, timeout > 0 {
            query.append(("timeout", goDurationString(seconds: timeout)))
        }
        var url = server.url(path: request.path, query: query)
        // Only an explicit --request-timeout goes into `?timeout=` (as kubectl); the default budget is ours.
        let usesDefaultTimeout = config.requestTimeout == nil && !config.requestTimeoutGiven
        let effectiveTimeout = usesDefaultTimeout ? options.defaultRequestTimeout : config.requestTimeout
        var connectTo: String?
        let verifiedHost = config.tlsServerName.flatMap { $0.isEmpty ? nil : $0 } ?? server.host
        if server.isTLS, verifiedHost != server.host {
            // tls-server-name: put the name in the URL so libcurl sends it as SNI and verifies the
            // certificate against it, and CONNECT_TO the real host (kubectl-conventions.md §2.6).
            url = server.url(path: request.path, query: query, hostOverride: verifiedHost)
            connectTo =
                "\(verifiedHost.contains(":") ? "[\(verifiedHost)]" : verifiedHost):\(server.port):"
                + "\(server.bracketedHost):\(server.port)"
        }
        var headers: [(String, String)] = []
        if !request.headers.contains(where: { $0.0.lowercased() == "accept" }) {
            headers.append(("Accept", "application/json"))
        }
        if request.body != nil, !request.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", "application/json"))
        }
        headers += request.headers
        headers += credential.headers
        if let impersonation = config.impersonation, !request.headers.contains(where: { $0.0 == "Impersonate-User" }) {
            headers += RequestHeaders.impersonation(impersonation)
        }
        let prepared = PreparedRequest(
            method: request.method, url: url, headers: headers, body: request.body,
            certificateAuthorityPEM: config.certificateAuthorityPEM,
            insecureSkipTLSVerify: config.insecureSkipTLSVerify,
            clientCertificatePEM: credential.clientCertificatePEM, clientKeyPEM: credential.clientKeyPEM,
            connectTo: connectTo, proxy: proxy, timeout: effectiveTimeout, connectTimeout: options.connectTimeout,
            acceptEncoding: options.disableCompression || config.disableCompression ? nil : "gzip",
            userAgent: options.userAgent,
            preferHTTP2: options.preferHTTP2, maxResponseBytes: options.maxResponseBytes)

        let started = monotonicSeconds()
        let result = await engine.perform(prepared)
        let millis = Int((monotonicSeconds() - started) * 1000)
        switch result {
        case .success(let raw):
            if let log = options.debugLog {
                log(
                    "\(request.method) \(url) \(raw.statusCode) \(reasonPhrase(raw.statusCode)) in \(millis) milliseconds"
                        + " (HTTP/\(raw.httpVersion))")
                let shown = headers.map(RequestHeaders.redacted).map { "\($0.0): \($0.1)" }.joined(separator: ", ")
                log("  request headers: \(shown)")
            }
            return KubeResponse(
                statusCode: raw.statusCode, headers: raw.headers, body: raw.body, httpVersion: raw.httpVersion)
        case .failure(let failure):
            options.debugLog?(
                "\(request.method) \(url) failed in \(millis) milliseconds: curl error \(failure.code): \(failure.message)"
            )
            let context = TransportErrorMapping.Context(
                serverHostPort: server.hostPort, verifiedHostName: verifiedHost,
                certificateAuthoritySource: config.certificateAuthorityPEM == nil
                    ? nil : (config.certificateAuthoritySource ?? "certificate-authority-data"),
                sentClientCertificate: credential.clientCertificatePEM != nil, userName: config.userName,
                proxy: proxy.map(ProxySelection.redacted), requestTimeout: effectiveTimeout,
                requestTimeoutIsDefault: usesDefaultTimeout && effectiveTimeout != nil,
                connectTimeout: options.connectTimeout, requestLine: "\(request.method) \(url)",
                maxResponseBytes: options.maxResponseBytes)
            throw TransportErrorMapping.error(
                code: failure.code, message: failure.message, osErrno: failure.osErrno,
                responseTooLarge: failure.responseTooLarge, context: context)
        }
    }

    private func hint(for error: KubeClientError) -> String? {
        guard error.kind == .unauthorized else { return nil }
        let user = config.userName.isEmpty ? "the kubeconfig user" : "user \"\(config.userName)\""
        switch config.credential {
        case .none: return "\(user) has no credentials: add a token, client certificate or exec plugin to kubeconfig"
        case .clientCertificate:
            return "the server did not accept the client certificate of \(user) (expired, or from another cluster?)"
        case .bearerToken: return "the server did not accept the token of \(user) (expired or revoked?)"
        case .basicAuth: return "the server did not accept the username and password of \(user)"
        case .exec(let exec):
            return "the server did not accept the credential from the exec plugin \(exec.command) of \(user)"
        }
    }

    private func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return ""
        }
    }
}

extension String {
    /// Undoes `\"` and `\\` inside a quoted Warning header text.
    func replacingBackslashEscapes() -> String {
        var out = ""
        var escaping = false
        for c in self {
            if escaping {
                out.append(c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension KubeAPIClient {
    /// Forgets every exec plugin credential cached in this process (credentials are otherwise reused
    /// until they expire, like client-go's). For tests and long-running callers that switch identities.
    public static func clearExecCredentialCache() { ExecAuthenticator.clearCache() }
}
