import GuardrailCore

/// The JSON context Kyverno evaluates variables against at admission
/// (pkg/engine/policycontext/policy_context.go `newJsonContext`, pkg/engine/context/context.go).
enum AdmissionContext {
    /// `request` is the AdmissionRequest as JSON (Go json tags; `omitempty` fields left out when empty — so
    /// `request.namespace` of a cluster-scoped object or `request.roles` of a caller without Role bindings is
    /// a *missing key*, an error when read without a `||` default), with `roles`/`clusterRoles` merged in;
    /// `serviceAccountName`/`serviceAccountNamespace` at the top level.
    static func build(request: AdmissionRequest, user: UserInfo, roles: KyvernoRoles) -> JSONValue {
        var r = JSONObject()
        r["uid"] = .string(request.uid)
        r["kind"] = (request.requestKind ?? request.kind).json
        r["resource"] = request.resource.json
        if !request.subResource.isEmpty { r["subResource"] = .string(request.subResource) }
        r["requestKind"] = (request.requestKind ?? request.kind).json
        r["requestResource"] = request.resource.json
        if !request.subResource.isEmpty { r["requestSubResource"] = .string(request.subResource) }
        if !request.name.isEmpty { r["name"] = .string(request.name) }
        if !request.namespace.isEmpty { r["namespace"] = .string(request.namespace) }
        r["operation"] = .string(request.operation)
        r["userInfo"] = user.json
        r["object"] = request.knownObject ?? .null
        r["oldObject"] = request.knownOldObject ?? .null
        r["dryRun"] = .bool(request.dryRun)
        if !roles.roles.isEmpty { r["roles"] = .array(roles.roles.map(JSONValue.string)) }
        if !roles.clusterRoles.isEmpty { r["clusterRoles"] = .array(roles.clusterRoles.map(JSONValue.string)) }
        var root = JSONObject()
        root["request"] = .object(r)
        // Kyverno AddServiceAccount: strips the prefix length without checking it, splits on ":".
        let prefixLength = "system:serviceaccount:".count
        var saName = "", saNamespace = ""
        if user.username.count > prefixLength {
            let rest = user.username.dropFirst(prefixLength)
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 2 {
                saNamespace = String(parts[0])
                saName = String(parts[1])
            }
        }
        root["serviceAccountName"] = .string(saName)
        root["serviceAccountNamespace"] = .string(saNamespace)
        return .object(root)
    }

    /// Sets `value` at a dotted `name` (rule `context` entries may be nested, e.g. `a.b`).
    static func setting(_ value: JSONValue, at name: String, in context: JSONValue) -> JSONValue {
        let parts = name.split(separator: ".").map(String.init)
        func set(_ current: JSONValue?, _ index: Int) -> JSONValue {
            if index == parts.count { return value }
            var object = current?.objectValue ?? JSONObject()
            object[parts[index]] = set(object[parts[index]], index + 1)
            return .object(object)
        }
        return parts.isEmpty ? context : set(context, 0)
    }
}
