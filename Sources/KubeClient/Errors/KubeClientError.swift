import GuardrailCore

/// Why a request to the API server failed, with a description in kubectl's own words
/// (kubectl `pkg/cmd/util/helpers.go` `StandardErrorMessage`, client-go `rest/request.go`).
///
/// ``description`` is the complete text kubectl would print on stderr for the same failure, prefix
/// included (`error: You must be logged in to the server (Unauthorized)`, `Error from server
/// (Forbidden): …`, `The connection to the server … was refused - …`, `Unable to connect to the
/// server: …`): print it as it is. ``hint`` adds guardrail's own advice (which kubeconfig field to check)
/// as a separate line. Neither ever contains a token, key, password or exec plugin output.
public struct KubeClientError: Error, CustomStringConvertible, Sendable {
    /// The category of failure, for callers that branch on it (e.g. whoami's 404 fallback).
    public enum Kind: Sendable, Equatable, Hashable {
        /// HTTP 401: the credential was missing, unknown or expired.
        case unauthorized
        /// HTTP 403.
        case forbidden
        /// HTTP 404: unknown path or object.
        case notFound
        /// Any other HTTP error status; `reason` is the Status `reason` (or the one client-go derives).
        case status(code: Int, reason: String)
        /// The server (or the proxy) refused the TCP connection.
        case connectionRefused
        /// The server's host name does not resolve.
        case hostNotFound
        /// Other failures to reach the server (unreachable network, proxy failures, …).
        case cannotConnect
        /// The server's certificate is not signed by the configured certificate authority.
        case tlsUnknownAuthority
        /// The server's certificate is not valid for the host name (or `tls-server-name`).
        case tlsHostnameMismatch
        /// Other TLS handshake failures, including a client certificate the server refused or required.
        case tlsHandshake
        /// The client certificate or key could not be used (malformed PEM, key does not match).
        case clientCertificate
        /// The request did not finish within the request timeout.
        case timeout
        /// The server closed the connection without (a complete) response.
        case connectionDropped
        /// The response was larger than ``ClientOptions/maxResponseBytes``.
        case responseTooLarge
        /// A successful response that is not the JSON it should be.
        case invalidResponse
        /// The exec credential plugin could not be run or returned nothing usable.
        case exec
        /// The connection settings cannot be used (bad server URL, proxy scheme, …).
        case config
    }

    /// The category of failure.
    public var kind: Kind
    /// The complete message in kubectl's words (see the type's documentation).
    public var description: String
    /// Guardrail's advice on what to check, or `nil`.
    public var hint: String?
    /// The HTTP status code, when the server answered.
    public var httpStatus: Int?
    /// The `Status` object the server sent, when it sent one (its `message`, `reason`, `details`).
    public var status: JSONValue?
    /// The libcurl result code, for transport failures.
    public var curlCode: Int?

    /// Creates an error.
    public init(
        _ kind: Kind, _ description: String, hint: String? = nil, httpStatus: Int? = nil, status: JSONValue? = nil,
        curlCode: Int? = nil
    ) {
        self.kind = kind
        self.description = description
        self.hint = hint
        self.httpStatus = httpStatus
        self.status = status
        self.curlCode = curlCode
    }

    /// The Status `message` (or client-go's generic message when the body was not a Status).
    public var statusMessage: String? { status?["message"]?.stringValue }
    /// The Status `reason`, e.g. `Forbidden`, `NotFound`, `AlreadyExists`.
    public var statusReason: String? { status?["reason"]?.stringValue }
}

extension KubeClientError {
    /// A configuration problem found before any request was sent.
    static func config(_ message: String, hint: String? = nil) -> KubeClientError {
        KubeClientError(.config, "error: \(message)", hint: hint)
    }

    /// A failure of the exec credential plugin; kubectl reports these from inside the transport as
    /// `Unable to connect to the server: getting credentials: …`.
    static func exec(_ message: String, hint: String? = nil) -> KubeClientError {
        KubeClientError(.exec, "Unable to connect to the server: getting credentials: \(message)", hint: hint)
    }
}
