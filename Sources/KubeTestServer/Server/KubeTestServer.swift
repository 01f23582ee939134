import GuardrailCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an authorizer decides (the `status` of a SubjectAccessReview).
public struct AuthorizationDecision: Sendable, Equatable {
    /// Allowed.
    public var allowed: Bool
    /// Explicitly denied (only deny-capable authorizers set it).
    public var denied: Bool
    /// Why, e.g. `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "alice"`.
    public var reason: String
    /// An error met while evaluating.
    public var evaluationError: String

    /// Creates a decision.
    public init(allowed: Bool, denied: Bool = false, reason: String = "", evaluationError: String = "") {
        self.allowed = allowed
        self.denied = denied
        self.reason = reason
        self.evaluationError = evaluationError
    }

    /// Allowed without a reason.
    public static let allow = AuthorizationDecision(allowed: true)
    /// No opinion (RBAC's "no": not allowed, not denied, empty reason).
    public static let noOpinion = AuthorizationDecision(allowed: false)
}

/// Decides whether `user` may do what `attributes` describe. `attributes` has the shape of a
/// SubjectAccessReview `spec` without the user fields: `{"resourceAttributes": {"namespace", "verb",
/// "group", "version", "resource", "subresource", "name"}}` or `{"nonResourceAttributes": {"path", "verb"}}`.
/// The RBAC module's authorizer plugs in here.
public typealias Authorizer = @Sendable (_ user: UserInfo, _ attributes: JSONValue) -> AuthorizationDecision

extension KubeTestServer.Configuration {
    /// The decision for `user` and `attributes`: members of ``privilegedGroups`` are allowed, then the
    /// authorizer decides (no authorizer: everything is allowed).
    func authorize(_ user: UserInfo, _ attributes: JSONValue) -> AuthorizationDecision {
        if user.groups.contains(where: privilegedGroups.contains) { return .allow }
        return authorizer?(user, attributes) ?? .allow
    }
}

/// What an admission hook sees for a write (a subset of `admission.k8s.io/v1` AdmissionRequest).
public struct AdmissionReview: Sendable {
    /// Who makes the request (after impersonation).
    public var user: UserInfo
    /// `CREATE` (the only write the server implements so far).
    public var operation: String
    /// The resource written.
    public var resource: APIResource
    /// The namespace, for namespaced resources.
    public var namespace: String?
    /// The object as sent.
    public var object: JSONValue
    /// Whether this is a server-side dry run (`dryRun=All`).
    public var dryRun: Bool
}

/// A denial by an admission webhook, rendered as kube-apiserver does:
/// `admission webhook "<webhook>" denied the request: <message>`.
public struct AdmissionDenial: Sendable, Equatable {
    /// The webhook name, e.g. `validate.kyverno.svc-fail`.
    public var webhook: String
    /// The webhook's message (empty: "denied the request without explanation").
    public var message: String
    /// The HTTP code (values below 400 become 400, as in the apiserver).
    public var code: Int

    /// Creates a denial.
    public init(webhook: String = "validate.kyverno.svc-fail", message: String, code: Int = 400) {
        self.webhook = webhook
        self.message = message
        self.code = code
    }
}

/// Decides admission for writes; `nil` admits. Stands in for Kyverno's validating webhook.
public typealias AdmissionHook = @Sendable (AdmissionReview) -> AdmissionDenial?

/// A misbehaviour to inject for matching requests.
public enum Fault: Sendable {
    /// Answer with this status code and body (`nil`: the apiserver-shaped Status for the code).
    case status(Int, body: JSONValue? = nil)
    /// Answer with arbitrary bytes and content type (HTML from a proxy, text/plain errors).
    case raw(status: Int, contentType: String, body: [UInt8])
    /// Close the connection without answering.
    case dropConnection
    /// Wait this many seconds, then answer normally.
    case delay(Double)
    /// Answer 200 with a JSON body of about this many bytes, streamed.
    case hugeBody(bytes: Int)
    /// Announce a body, send half of it, close the connection.
    case truncatedBody
    /// Answer normally, with a `Warning: 299 - "text"` header (deprecation and admission warnings).
    case warning(String)
}

/// A request as the server received it.
public struct RecordedRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path (percent-decoded), without the query.
    public var path: String
    /// Query parameters in order (decoded).
    public var query: [(String, String)]
    /// Headers in order, names as sent.
    public var headers: [(String, String)]
    /// The body.
    public var body: [UInt8]
    /// The verified client certificate of the connection, if one was presented.
    public var clientCertificate: ClientCertificateIdentity?
    /// Which TCP connection (1, 2, …) carried it: equal ids mean the connection was reused.
    public var connectionID: Int
    /// Who the request was authenticated as (before impersonation); `nil` when authentication failed.
    public var authenticatedUser: UserInfo?
    /// The user the request acted as (after impersonation).
    public var effectiveUser: UserInfo?

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    /// All values of headers named `name` (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.0.lowercased() == lower }.map(\.1)
    }

    /// The value of query parameter `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    /// The body parsed as JSON, if it is JSON.
    public var jsonBody: JSONValue? { try? JSONParser.parse(bytes: body) }
}

/// An HTTPS Kubernetes API server inside the test process: real TLS (system OpenSSL), client-certificate
/// and token authentication, impersonation, SelfSubjectReview, SelfSubjectAccessReview through a
/// pluggable authorizer, an object store served at the real paths with pagination, discovery (legacy
/// and aggregated v2), Status errors in the apiserver's shapes, request recording and fault injection.
///
/// It runs on plain OS threads (one per connection, blocking sockets, HTTP/1.1 keep-alive) so that it
/// never competes with the client for Swift's cooperative pool.
///
/// ```swift
/// let server = try KubeTestServer(.init(tokens: ["t0ken": UserInfo(username: "jane", groups: ["devs"])]))
/// defer { server.stop() }
/// let config = server.connectionConfig(credential: .bearerToken(token: "t0ken", tokenFile: nil))
/// ```
public final class KubeTestServer: @unchecked Sendable {
    /// How the server behaves.
    public struct Configuration: Sendable {
        /// Bearer token → user.
        public var tokens: [String: UserInfo]
        /// Basic-auth user name → (password, user).
        public var basicAuth: [String: BasicAuthEntry]
        /// Reject connections without a client certificate at the TLS layer (kube-apiserver never does;
        /// for testing the client's "certificate required" message).
        public var requireClientCertificate: Bool
        /// Requests without credentials act as `system:anonymous` instead of getting 401.
        public var allowAnonymous: Bool
        /// User names or groups that may impersonate anyone (without asking the authorizer).
        public var impersonators: Set<String>
        /// Versions of `authentication.k8s.io` SelfSubjectReview served (`v1`, `v1beta1`, `v1alpha1`).
        public var selfSubjectReviewVersions: [String]
        /// Authorizes requests, SelfSubjectAccessReviews and impersonation; `nil` allows everything.
        public var authorizer: Authorizer?
        /// Self reviews (SelfSubjectReview/AccessReview/RulesReview) and discovery are allowed for every
        /// authenticated user without asking the authorizer, as the bootstrap roles `system:basic-user`
        /// and `system:discovery` do.
        public var bootstrapAllowsSelfReviewsAndDiscovery: Bool
        /// Groups whose members are allowed everything without asking the authorizer, like
        /// kube-apiserver's privileged-group authorizer for `system:masters` (SSARs answer `allowed`
        /// with an empty reason for them).
        public var privilegedGroups: Set<String>
        /// Admission for writes (POST to a collection, also with `dryRun=All`); `nil` admits everything.
        public var admission: AdmissionHook?
        /// The resources served (and listed in discovery).
        public var resources: [APIResource]
        /// Server certificate (PEM); defaults to the test PKI's.
        public var serverCertificatePEM: String
        /// Server key (PEM); defaults to the test PKI's.
        public var serverKeyPEM: String
        /// CAs whose client certificates are accepted; `nil` disables client-certificate authentication.
        public var clientCAPEM: String?
        /// `gitVersion` reported by `/version`.
        public var gitVersion: String
        /// Seconds to wait before answering every request.
        public var latency: Double

        /// Defaults: no tokens, test PKI, client CA = test CA, only `v1` SelfSubjectReview, allow-all.
        public init(
            tokens: [String: UserInfo] = [:], basicAuth: [String: BasicAuthEntry] = [:],
            requireClientCertificate: Bool = false, allowAnonymous: Bool = false,
            impersonators: Set<String> = ["system:masters"], selfSubjectReviewVersions: [String] = ["v1"],
            authorizer: Authorizer? = nil, bootstrapAllowsSelfReviewsAndDiscovery: Bool = true,
            privilegedGroups: Set<String> = ["system:masters"], admission: AdmissionHook? = nil,
            resources: [APIResource] = APIResource.defaultTable,
            serverCertificatePEM: String = TestPKI.serverCertificate,
            serverKeyPEM: String = TestPKI.serverKey, clientCAPEM: String? = TestPKI.caCertificate,
            gitVersion: String = "v1.32.0", latency: Double = 0
        ) {
            self.tokens = tokens
            self.basicAuth = basicAuth
            self.requireClientCertificate = requireClientCertificate
            self.allowAnonymous = allowAnonymous
            self.impersonators = impersonators
            self.selfSubjectReviewVersions = selfSubjectReviewVersions
            self.authorizer = authorizer
            self.bootstrapAllowsSelfReviewsAndDiscovery = bootstrapAllowsSelfReviewsAndDiscovery
            self.privilegedGroups = privilegedGroups
            self.admission = admission
            self.resources = resources
            self.serverCertificatePEM = serverCertificatePEM
            self.serverKeyPEM = serverKeyPEM
            self.clientCAPEM = clientCAPEM
            self.gitVersion = gitVersion
            self.latency = latency
        }
    }

    /// A basic-auth account.
    public struct BasicAuthEntry: Sendable {
        /// The password.
        public var password: String
        /// Who the account authenticates as.
        public var user: UserInfo
        /// Creates an account.
        public init(password: String, user: UserInfo) {
            self.password = password
            self.user = user
        }
    }

    struct FaultRule {
        var fault: Fault
        var path: String
        var method: String?
        var remaining: Int?
        var skip: Int
    }

    struct State {
        var configuration: Configuration
        var store = ObjectStore()
        var requests: [RecordedRequest] = []
        var faults: [FaultRule] = []
        var connectionsAccepted = 0
        var openConnections: [Int: Int32] = [:]
        var stopped = false
        var listenerClosed = false
    }

    /// The port on 127.0.0.1.
    public let port: Int
    /// `https://127.0.0.1:PORT`.
    public var url: String { "https://127.0.0.1:\(port)" }
    /// The CA that signed the server certificate (PEM), for `certificate-authority-data`.
    public let caPEM: String

    let state: Protected<State>
    private let listenFD: Int32
    private let tls: TLSContext

    /// Starts serving on 127.0.0.1 with an ephemeral port.
    public init(_ configuration: Configuration = .init(), caPEM: String = TestPKI.caCertificate) throws {
        tls = try TLSContext(
            certificatePEM: configuration.serverCertificatePEM, keyPEM: configuration.serverKeyPEM,
            clientCAPEM: configuration.clientCAPEM, requireClientCertificate: configuration.requireClientCertificate)
        (listenFD, port) = try listenOnLoopback()
        self.caPEM = caPEM
        state = Protected(State(configuration: configuration))
        let fd = listenFD
        spawnThread { [self] in acceptLoop(fd) }
    }

    deinit { stop() }

    /// Stops accepting and closes every open connection.
    public func stop() {
        // Shut sockets down while holding the lock: their owners close them under the same lock, so a
        // descriptor number can never be reused by another socket (another test's) between the two.
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if !state.listenerClosed { shutdown(listenFD, Int32(SHUT_RDWR)) }
            for fd in state.openConnections.values { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    // MARK: Test controls

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Forgets the recorded requests.
    public func clearRequests() { state.withLock { $0.requests.removeAll() } }

    /// How many TCP connections were accepted.
    public var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    /// Changes the configuration while running (tokens, authorizer, served versions, latency, …).
    public func configure(_ change: (inout Configuration) -> Void) { state.withLock { change(&$0.configuration) } }

    /// Sets the authorizer.
    public func setAuthorizer(_ authorizer: Authorizer?) { configure { $0.authorizer = authorizer } }

    /// Stores objects (by `apiVersion` and `kind`) so they are listed and fetched at their real paths.
    public func add(_ objects: JSONValue...) throws { try add(contentsOf: objects) }

    /// Stores objects; a `List` is unpacked.
    public func add(contentsOf objects: [JSONValue]) throws {
        try state.withLock { state in
            for object in objects {
                if let items = object["items"]?.arrayValue, object["kind"]?.stringValue?.hasSuffix("List") == true {
                    for item in items { try Self.put(item, into: &state) }
                } else {
                    try Self.put(object, into: &state)
                }
            }
        }
    }

    private static func put(_ object: JSONValue, into state: inout State) throws {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else {
            throw TestServerError("object without apiVersion/kind")
        }
        guard
            let resource = state.configuration.resources.first(where: {
                $0.groupVersion == apiVersion && $0.kind == kind
            })
        else {
            throw TestServerError("no resource for \(apiVersion) \(kind): add an APIResource to the configuration")
        }
        state.store.put(object, resource: resource)
    }

    /// Removes every stored object.
    public func removeAllObjects() { state.withLock { $0.store.removeAll() } }

    /// Injects `fault` for requests whose path equals `path` (or starts with it when it ends in `*`),
    /// optionally only for `method`, after letting the first `after` matching requests through, `times`
    /// times (forever when `nil`).
    public func inject(_ fault: Fault, path: String, method: String? = nil, after: Int = 0, times: Int? = nil) {
        state.withLock {
            $0.faults.append(FaultRule(fault: fault, path: path, method: method, remaining: times, skip: after))
        }
    }

    /// Removes all injected faults.
    public func clearFaults() { state.withLock { $0.faults.removeAll() } }

    // MARK: Connections

    private func acceptLoop(_ listenFD: Int32) {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                let stopped = state.withLock { $0.stopped }
                if stopped { break }
                if errno != EINTR { sleepSeconds(0.01) }  // EMFILE and friends: try again
                continue
            }
            let id = state.withLock { state -> Int? in
                guard !state.stopped else { return nil }
                state.connectionsAccepted += 1
                state.openConnections[state.connectionsAccepted] = fd
                return state.connectionsAccepted
            }
            guard let id else {
                close(fd)
                break
            }
            spawnThread { [self] in serve(fd: fd, connectionID: id) }
        }
        state.withLock { state in
            state.listenerClosed = true
            close(listenFD)
        }
    }

    private func serve(fd: Int32, connectionID: Int) {
        defer {
            state.withLock { state in
                state.openConnections.removeValue(forKey: connectionID)
                close(fd)
            }
        }
        // Generous idle timeout: under a loaded test run a client task may wait long between requests, and
        // closing its kept-alive connection early would make connection-reuse assertions flaky.
        setReceiveTimeout(fd, seconds: 600)
        setNoDelay(fd)  // like Go's net/http: avoids a ~40 ms delayed-ACK stall per handshake
        let accepted: TLSConnection?
        do {
            accepted = try TLSConnection(context: tls, fd: fd)
        } catch {
            if getenv("KUBE_TEST_SERVER_DEBUG") != nil {
                let line = "kube-test-server: connection \(connectionID): \(error)\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
            }
            accepted = nil
        }
        guard let connection = accepted else {
            // Let the TLS alert reach the client: closing with unread data would send a TCP reset that
            // can overtake it. Stop writing, drain what the client sent, then close.
            shutdown(fd, Int32(SHUT_WR))
            setReceiveTimeout(fd, seconds: 1)
            var scratch = [UInt8](repeating: 0, count: 4096)
            while read(fd, &scratch, scratch.count) > 0 {}
            return
        }
        var reader = HTTPRequestReader()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            switch reader.next() {
            case .needMore:
                let n = connection.read(into: &buffer)
                if n <= 0 { return }
                reader.append(buffer[0..<n])
            case .malformed(let why):
                _ = connection.write(
                    HTTPResponse.json(400, StatusBodies.failure(code: 400, reason: "BadRequest", message: why))
                        .serialized(keepAlive: false))
                return
            case .request(let request):
                let keepAlive = request.header("Connection")?.lowercased() != "close"
                guard respond(to: request, connection: connection, connectionID: connectionID, keepAlive: keepAlive),
                    keepAlive
                else { return }
            }
        }
    }

    /// Handles one request; `false` when the connection must close.
    private func respond(to request: HTTPRequest, connection: TLSConnection, connectionID: Int, keepAlive: Bool) -> Bool
    {
        let (configuration, fault) = state.withLock { state -> (Configuration, Fault?) in
            var chosen: Fault?
            if let index = state.faults.firstIndex(where: { rule in
                (rule.method == nil || rule.method == request.method)
                    && (rule.path.hasSuffix("*")
                        ? request.path.hasPrefix(String(rule.path.dropLast())) : rule.path == request.path)
            }) {
                if state.faults[index].skip > 0 {
                    state.faults[index].skip -= 1
                    return (state.configuration, nil)
                }
                chosen = state.faults[index].fault
                if let remaining = state.faults[index].remaining {
                    if remaining <= 1 {
                        state.faults.remove(at: index)
                    } else {
                        state.faults[index].remaining = remaining - 1
                    }
                }
            }
            return (state.configuration, chosen)
        }
        sleepSeconds(configuration.latency)

        let authentication = authenticate(
            request, clientCertificate: connection.clientCertificate, configuration: configuration)
        var record = RecordedRequest(
            method: request.method, path: request.path, query: request.query, headers: request.headers,
            body: request.body,
            clientCertificate: connection.clientCertificate, connectionID: connectionID,
            authenticatedUser: authentication.authenticated, effectiveUser: authentication.effective)
        record.effectiveUser = authentication.effective
        state.withLock { $0.requests.append(record) }

        var warning: String?
        if let fault {
            switch fault {
            case .warning(let text):
                warning = text
            case .dropConnection:
                return false
            case .delay(let seconds):
                sleepSeconds(seconds)
            case .status(let code, let body):
                return connection.write(
                    HTTPResponse.json(code, body ?? StatusBodies.generic(code: code))
                        .serialized(keepAlive: keepAlive))
            case .raw(let status, let contentType, let body):
                return connection.write(
                    HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: body)
                        .serialized(keepAlive: keepAlive))
            case .hugeBody(let bytes):
                return writeHugeBody(bytes: bytes, connection: connection)
            case .truncatedBody:
                let body = Array(#"{"kind":"Status","apiVersion":"v1","status":"Success","message":"truncated"#.utf8)
                let head =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count * 2)\r\n\r\n"
                _ = connection.write(Array(head.utf8) + body)
                return false
            }
        }
        let response = route(request, authentication: authentication, configuration: configuration)
        var withAudit = response
        withAudit.headers.append(("Audit-Id", "00000000-0000-4000-8000-\(String(connectionID).leftPadded(12))"))
        if let warning {
            let escaped = warning.reduce(into: "") { out, c in
                if c == "\\" || c == "\"" { out.append("\\") }
                out.append(c)
            }
            withAudit.headers.append(("Warning", "299 - \"\(escaped)\""))
        }
        return connection.write(withAudit.serialized(keepAlive: keepAlive))
    }

    private func writeHugeBody(bytes: Int, connection: TLSConnection) -> Bool {
        let prefix = Array(#"{"kind":"ConfigMap","apiVersion":"v1","data":{"big":""#.utf8)
        let suffix = Array(#""}}"#.utf8)
        let fill = max(0, bytes - prefix.count - suffix.count)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(prefix.count + fill + suffix.count)\r\n\r\n"
        guard connection.write(Array(head.utf8) + prefix) else { return false }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
        var left = fill
        while left > 0 {
            let n = min(left, chunk.count)
            guard connection.write(Array(chunk[0..<n])) else { return false }
            left -= n
        }
        return connection.write(suffix)
    }
}
