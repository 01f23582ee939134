/// Who the API server says the caller is: `authentication.k8s.io/v1` `UserInfo`, as returned by
/// SelfSubjectReview and as seen by admission webhooks (`request.userInfo`).
public struct UserInfo: Sendable, Hashable {
    public var username: String
    public var uid: String
    public var groups: [String]
    /// `extra` attributes, e.g. `arn`, `sessionName`, `accessKeyId` on EKS, or
    /// `authentication.kubernetes.io/pod-name` for bound service-account tokens.
    public var extra: [String: [String]]

    public init(username: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// Reads a `UserInfo` object (`{"username":…, "uid":…, "groups":[…], "extra":{…}}`); missing
    /// fields are empty, values of the wrong type are ignored (as Go's decoder would refuse them,
    /// callers validating input should report such documents separately).
    public init(json: JSONValue) {
        username = json["username"]?.stringValue ?? ""
        uid = json["uid"]?.stringValue ?? ""
        groups = json["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var extra: [String: [String]] = [:]
        for entry in json["extra"]?.objectValue ?? JSONObject() {
            extra[entry.key] = entry.value.arrayValue?.compactMap(\.stringValue) ?? []
        }
        self.extra = extra
    }

    /// The `UserInfo` object as Kubernetes serialises it: empty `uid`, `groups` and `extra` are omitted
    /// (`omitempty`), `extra` keys sorted (Go map order).
    public var json: JSONValue {
        var object = JSONObject()
        object["username"] = .string(username)
        if !uid.isEmpty { object["uid"] = .string(uid) }
        if !groups.isEmpty { object["groups"] = .array(groups.map(JSONValue.string)) }
        if !extra.isEmpty {
            var e = JSONObject()
            for key in extra.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                e[key] = .array(extra[key]!.map(JSONValue.string))
            }
            object["extra"] = .object(e)
        }
        return .object(object)
    }

    /// For a service account user `system:serviceaccount:NS:NAME`, the namespace and name.
    public var serviceAccount: (namespace: String, name: String)? {
        let prefix = "system:serviceaccount:"
        guard username.hasPrefix(prefix) else { return nil }
        let rest = username.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let namespace = rest[..<colon]
        let name = rest[rest.index(after: colon)...]
        guard !namespace.isEmpty, !name.isEmpty, !name.contains(":") else { return nil }
        return (String(namespace), String(name))
    }
}
