import GuardrailCore
import KubeConfig

/// A credential returned by an exec plugin (`ExecCredential.status`): a token, or a client certificate
/// and key, with an optional expiry. Its secrets never reach logs or messages.
public struct ExecCredential: Sendable, Equatable, CustomStringConvertible {
    /// `status.token`.
    public var token: String?
    /// `status.clientCertificateData`, PEM.
    public var clientCertificatePEM: [UInt8]?
    /// `status.clientKeyData`, PEM.
    public var clientKeyPEM: [UInt8]?
    /// `status.expirationTimestamp` as seconds since the Unix epoch; `nil` = valid for the whole process.
    public var expiresAt: Double?

    /// Creates a credential.
    public init(
        token: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        expiresAt: Double? = nil
    ) {
        self.token = token
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.expiresAt = expiresAt
    }

    /// Whether the credential has expired at wall-clock time `now` (seconds since the epoch).
    public func isExpired(now: Double) -> Bool {
        guard let expiresAt else { return false }
        return now >= expiresAt
    }

    /// Never shows the secrets.
    public var description: String {
        let what = token != nil ? "token" : "client certificate"
        return "ExecCredential(\(what)\(expiresAt.map { ", expires at \(Int($0))" } ?? ""))"
    }
}

/// The JSON side of the exec credential protocol (client-go `plugin/pkg/client/auth/exec`): the
/// `KUBERNETES_EXEC_INFO` input and the plugin's `ExecCredential` output. Pure and unit-tested.
public enum ExecCredentialProtocol {
    /// The API versions client-go accepts.
    public static let supportedAPIVersions = [
        "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
    ]

    /// The `spec.cluster` part of `KUBERNETES_EXEC_INFO` (only sent with `provideClusterInfo: true`).
    public struct ClusterInfo: Sendable, Equatable {
        /// `server`.
        public var server: String
        /// `tls-server-name`.
        public var tlsServerName: String?
        /// `insecure-skip-tls-verify`.
        public var insecureSkipTLSVerify: Bool
        /// The CA PEM, sent base64-encoded as `certificate-authority-data`.
        public var certificateAuthorityPEM: [UInt8]?
        /// `proxy-url`.
        public var proxyURL: String?
        /// `disable-compression`.
        public var disableCompression: Bool
        /// `config`: the cluster's exec extension (``ExecClusterExtension``).
        public var config: JSONValue?

        /// The cluster information of a connection.
        public init(config: ConnectionConfig, disableCompression: Bool = false) {
            server = config.server
            tlsServerName = config.tlsServerName
            insecureSkipTLSVerify = config.insecureSkipTLSVerify
            certificateAuthorityPEM = config.certificateAuthorityPEM
            proxyURL = config.proxyURL
            self.disableCompression = disableCompression
            if case .exec(let exec) = config.credential { self.config = exec.clusterConfig }
        }
    }

    /// `KUBERNETES_EXEC_INFO`: `{"kind":"ExecCredential","apiVersion":…,"spec":{"cluster":…,"interactive":…}}`.
    /// Field names and omissions follow `clientauthentication/v1` (`omitempty` on every cluster field but
    /// `config`, which is `null` without an exec extension;
    /// `certificate-authority-data` is base64 of the PEM, also when kubeconfig named a CA file).
    public static func execInfo(apiVersion: String, interactive: Bool, cluster: ClusterInfo?) -> String {
        var spec = JSONObject()
        if let cluster {
            var c = JSONObject()
            c["server"] = .string(cluster.server)
            if let name = cluster.tlsServerName, !name.isEmpty { c["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { c["insecure-skip-tls-verify"] = true }
            if let ca = cluster.certificateAuthorityPEM, !ca.isEmpty {
                c["certificate-authority-data"] = .string(Base64.encode(ca))
            }
            if let proxy = cluster.proxyURL, !proxy.isEmpty { c["proxy-url"] = .string(proxy) }
            if cluster.disableCompression { c["disable-compression"] = true }
            // client-go's `config` is a RawExtension without omitempty: `null` when the cluster has none.
            c["config"] = cluster.config ?? .null
            spec["cluster"] = .object(c)
        }
        spec["interactive"] = .bool(interactive)
        let info: JSONValue = ["kind": "ExecCredential", "apiVersion": .string(apiVersion), "spec": .object(spec)]
        // client-go encodes with apimachinery's JSON serializer (a json.Encoder): one line, newline-terminated.
        return JSONWriter().string(from: info) + "\n"
    }

    /// Parses the plugin's stdout. Error messages are client-go's and never quote the output (it holds
    /// the secret).
    public static func parse(stdout: [UInt8], expectedAPIVersion: String) -> Result<ExecCredential, ExecProtocolError> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: stdout)
        } catch {
            return .failure(
                ExecProtocolError("decoding stdout: couldn't get version/kind; json parse error: \(error.message)"))
        }
        guard case .object = json else {
            return .failure(
                ExecProtocolError("decoding stdout: couldn't get version/kind; json parse error: not a JSON object"))
        }
        guard let apiVersion = json["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            return .failure(ExecProtocolError("decoding stdout: Object 'apiVersion' is missing"))
        }
        guard let kind = json["kind"]?.stringValue, !kind.isEmpty else {
            return .failure(ExecProtocolError("decoding stdout: Object 'Kind' is missing"))
        }
        guard kind == "ExecCredential" || apiVersion != expectedAPIVersion else {
            // Not quoting the kind: everything on the plugin's stdout may be secret.
            return .failure(ExecProtocolError("decoding stdout: the plugin returned an object whose kind is not ExecCredential"))
        }
        guard apiVersion == expectedAPIVersion else {
            return .failure(
                ExecProtocolError(
                    "exec plugin is configured to use API version \(expectedAPIVersion), plugin returned version \(apiVersion)"
                ))
        }
        guard let status = json["status"], case .object = status else {
            return .failure(ExecProtocolError("exec plugin didn't return a status field"))
        }
        var credential = ExecCredential()
        if let token = status["token"]?.stringValue, !token.isEmpty { credential.token = token }
        let cert = status["clientCertificateData"]?.stringValue ?? ""
        let key = status["clientKeyData"]?.stringValue ?? ""
        if credential.token == nil && cert.isEmpty && key.isEmpty {
            return .failure(ExecProtocolError("exec plugin didn't return a token or cert/key pair"))
        }
        if cert.isEmpty != key.isEmpty {
            return .failure(ExecProtocolError("exec plugin returned only certificate or key, not both"))
        }
        if !cert.isEmpty {
            credential.clientCertificatePEM = Array(cert.utf8)
            credential.clientKeyPEM = Array(key.utf8)
        }
        if let stamp = status["expirationTimestamp"], !stamp.isNull {
            guard let text = stamp.stringValue, let seconds = parseRFC3339(text) else {
                return .failure(
                    ExecProtocolError("decoding stdout: status.expirationTimestamp is not an RFC 3339 time"))
            }
            credential.expiresAt = seconds
        }
        return .success(credential)
    }

    /// Parses `2026-11-29T03:49:00Z` / `…T03:49:00.5+01:00` into seconds since the epoch.
    public static func parseRFC3339(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 20, let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
            let day = digits(8, 2), b[10] == 0x54 || b[10] == 0x74, let hour = digits(11, 2), b[13] == 0x3A,
            let minute = digits(14, 2), b[16] == 0x3A, let second = digits(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            if i == start { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A,
            let om = digits(i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Int(CivilCalendar.daysSince1970(year: Int64(year), month: Int64(month), day: Int64(day)))
        return Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }
}

/// A protocol violation by an exec plugin, in client-go's words.
public struct ExecProtocolError: Error, Sendable, Equatable {
    /// The message, e.g. `exec plugin didn't return a status field`.
    public var message: String
    init(_ message: String) { self.message = message }
}
