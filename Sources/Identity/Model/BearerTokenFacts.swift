import GuardrailCore

/// What can be learned from a bearer token without verifying it, and without keeping the token: its
/// shape and its non-secret claims. Build it where the token is at hand (the client), pass only this on.
public enum BearerTokenFacts: Sendable, Hashable {
    /// `k8s-aws-v1.<base64url presigned STS GetCallerIdentity URL>` (aws-iam-authenticator
    /// `pkg/token/token.go`). The token does not carry the ARN or the cluster name (the `x-k8s-aws-id`
    /// header is signed but not in the URL).
    case eks(EKSTokenFacts)
    /// A JWT (OIDC id token or service-account token): selected claims of its payload.
    case jwt(issuer: String?, subject: String?, audiences: [String], expiresAt: UTCInstant?)
    /// A bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}`; the id part is public (`system:bootstrap:<id>`).
    case bootstrap(tokenID: String)
    /// Any other token: a static token file entry, a webhook token, or an unrecognised format.
    case opaque

    /// Classifies `token`. Never retains it; only the returned facts survive.
    public init(token: String) {
        if token.hasPrefix("k8s-aws-v1."), let facts = EKSTokenFacts(token: token) {
            self = .eks(facts)
            return
        }
        let dotParts = token.split(separator: ".", omittingEmptySubsequences: false)
        if dotParts.count == 2, dotParts[0].utf8.count == 6, dotParts[1].utf8.count == 16,
            token.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E })
        {
            self = .bootstrap(tokenID: String(dotParts[0]))
            return
        }
        if dotParts.count == 3, dotParts[1].utf8.count <= 64 * 1024,
            let payload = Base64.decode(String(dotParts[1]), url: true, padding: false)
                ?? Base64.decode(String(dotParts[1]), url: true, padding: true),
            let claims = try? JSONParser.parse(bytes: payload, maxDepth: 16), claims.objectValue != nil
        {
            var audiences: [String] = []
            if let aud = claims["aud"]?.stringValue { audiences = [aud] }
            if let aud = claims["aud"]?.arrayValue { audiences = aud.compactMap(\.stringValue) }
            self = .jwt(issuer: claims["iss"]?.stringValue, subject: claims["sub"]?.stringValue,
                        audiences: audiences, expiresAt: claims["exp"]?.int64Value.map(UTCInstant.init))
            return
        }
        self = .opaque
    }
}

/// Facts read from an EKS token's presigned URL (eks-identity.md §1.1).
public struct EKSTokenFacts: Sendable, Hashable {
    /// The access key id that signed the URL (`X-Amz-Credential` before the first `/`).
    public var accessKeyID: String?
    /// The STS region of the signature scope.
    public var stsRegion: String?
    /// `X-Amz-Date`: when the token was signed.
    public var signedAt: UTCInstant?
    /// Whether `X-Amz-Security-Token` is present (session credentials).
    public var hasSessionToken: Bool

    /// STS accepts a presigned URL for 15 minutes after `X-Amz-Date`, whatever `X-Amz-Expires` says;
    /// aws-iam-authenticator enforces `dateParam.Add(15*time.Minute)`.
    public static let lifetimeSeconds: Int64 = 15 * 60

    /// When the API server stops accepting the token.
    public var expiresAt: UTCInstant? { signedAt?.adding(seconds: Self.lifetimeSeconds) }

    /// Facts from known values (tests, or a caller that decoded the token itself).
    public init(accessKeyID: String?, stsRegion: String?, signedAt: UTCInstant?, hasSessionToken: Bool) {
        self.accessKeyID = accessKeyID
        self.stsRegion = stsRegion
        self.signedAt = signedAt
        self.hasSessionToken = hasSessionToken
    }

    /// Decodes `k8s-aws-v1.<base64url>`; `nil` when it is not a presigned STS URL.
    public init?(token: String) {
        let prefix = "k8s-aws-v1."
        guard token.hasPrefix(prefix), token.utf8.count <= 4096 else { return nil }
        let body = String(token.dropFirst(prefix.count))
        guard let bytes = Base64.decode(body, url: true, padding: false) ?? Base64.decode(body, url: true),
            let url = String(validatingUTF8Bytes: bytes), url.hasPrefix("https://sts."),
            let question = url.firstIndex(of: "?")
        else { return nil }
        var query: [String: String] = [:]
        for pair in url[url.index(after: question)...].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { continue }
            query[kv[0].lowercased()] = PercentDecoding.decode(String(kv[1]))
        }
        guard query["action"] == "GetCallerIdentity" else { return nil }
        let scope = query["x-amz-credential"]?.split(separator: "/", omittingEmptySubsequences: false) ?? []
        accessKeyID = scope.first.map(String.init)
        stsRegion = scope.count > 2 ? String(scope[2]) : nil
        signedAt = query["x-amz-date"].flatMap { UTCInstant(amzDate: $0) }
        hasSessionToken = query["x-amz-security-token"] != nil
    }
}

extension String {
    /// The text when `bytes` are valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
