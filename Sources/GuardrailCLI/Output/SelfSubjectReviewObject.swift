import GuardrailCore

/// The SelfSubjectReview exactly as `kubectl auth whoami -o json|yaml` prints it: kubectl decodes the
/// server's answer into the typed Go struct and re-encodes it, so keys come in struct order
/// (kind, apiVersion, metadata, status; username, uid, groups, extra), empty fields are dropped
/// (`omitempty`), `metadata.creationTimestamp` is always present (`null` when unset) and unknown
/// fields disappear.
enum SelfSubjectReviewObject {
    /// `response` is the server's SelfSubjectReview; `apiVersion` the group version that answered.
    static func printable(_ response: JSONValue, apiVersion: String) -> JSONValue {
        var object = JSONObject()
        object["kind"] = "SelfSubjectReview"
        object["apiVersion"] = .string(apiVersion)
        object["metadata"] = .object(objectMeta(response["metadata"]))
        var status = JSONObject()
        let userInfo = self.userInfo(response[path: "status", "userInfo"])
        if !userInfo.isEmpty { status["userInfo"] = .object(userInfo) }
        object["status"] = .object(status)
        return .object(object)
    }

    /// `authentication/v1.UserInfo` in field order, `omitempty` on every field; extra keys sorted (Go map).
    private static func userInfo(_ value: JSONValue?) -> JSONObject {
        var out = JSONObject()
        guard let value else { return out }
        if let username = value["username"]?.stringValue, !username.isEmpty { out["username"] = .string(username) }
        if let uid = value["uid"]?.stringValue, !uid.isEmpty { out["uid"] = .string(uid) }
        if let groups = value["groups"]?.arrayValue, !groups.isEmpty {
            out["groups"] = .array(groups.filter { $0.stringValue != nil })
        }
        if let extra = value["extra"]?.objectValue, !extra.isEmpty {
            var sorted = JSONObject()
            for entry in extra.sortedByKey() {
                sorted[entry.key] = entry.value.isNull ? .null : .array(entry.value.arrayValue?.filter { $0.stringValue != nil } ?? [])
            }
            out["extra"] = .object(sorted)
        }
        return out
    }

    /// `metav1.ObjectMeta` in field order; `creationTimestamp` has no `omitempty`.
    private static func objectMeta(_ value: JSONValue?) -> JSONObject {
        var out = JSONObject()
        let meta = value?.objectValue ?? JSONObject()
        for key in ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation"] {
            if let v = meta[key], !isEmpty(v) { out[key] = v }
        }
        out["creationTimestamp"] = meta["creationTimestamp"] ?? .null
        for key in [
            "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
            "managedFields",
        ] {
            if let v = meta[key], !isEmpty(v) { out[key] = v }
        }
        return out
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return false
        }
    }
}
