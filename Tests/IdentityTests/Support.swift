import GuardrailCore
import TestSupport
@testable import Identity

/// Test helpers: fixtures next to this file (found with `#filePath`, no Bundle), and builders.
enum Fixtures {
    static var directory: String {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures"
    }

    /// The bytes of a fixture file (the test target imports no Foundation).
    static func bytes(_ name: String) -> [UInt8] {
        let path = directory + "/" + name
        guard let bytes = TextFile.bytes(path) else { fatalError("missing fixture \(path)") }
        return bytes
    }

    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }

    /// The SHA-256 fingerprint openssl printed for `<name>.pem`, as lowercase hex without colons.
    static func fingerprint(_ name: String) -> String {
        let line = text(name + ".expected").split(separator: "\n").first { $0.hasPrefix("sha256 Fingerprint=") }!
        return line.dropFirst("sha256 Fingerprint=".count).filter { $0 != ":" }.lowercased()
    }
}

/// 2026-11-29T04:00:00Z, the "now" of every test.
let testNow = UTCInstant(year: 2026, month: 11, day: 29, hour: 4)!

/// A pod JSON with the given env and volumes.
func podJSON(name: String, namespace: String, serviceAccount: String, env: [(String, String)] = [],
             volumes: [JSONValue] = []) -> JSONValue
{
    let envJSON = JSONValue.array(env.map { .object(["name": .string($0.0), "value": .string($0.1)]) })
    return [
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "spec": [
            "serviceAccountName": .string(serviceAccount),
            "containers": [["name": "app", "env": envJSON]],
            "volumes": .array(volumes),
        ],
    ]
}

/// An EKS token (`k8s-aws-v1.` + base64url of a presigned GetCallerIdentity URL) signed at `amzDate`.
func eksToken(accessKey: String, region: String, amzDate: String, sessionToken: Bool = true) -> String {
    var url = "https://sts.\(region).amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
        + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\(accessKey)%2F\(amzDate.prefix(8))%2F\(region)"
        + "%2Fsts%2Faws4_request&X-Amz-Date=\(amzDate)&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"
    if sessionToken { url += "&X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLE" }
    url += "&X-Amz-Signature=f7d3e1c0ffee"
    return "k8s-aws-v1." + Base64.encode(Array(url.utf8), url: true, padding: false)
}
