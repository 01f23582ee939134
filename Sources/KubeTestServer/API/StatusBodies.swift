import GuardrailCore

/// `Status` bodies in the shapes kube-apiserver sends (apimachinery `api/errors`, kubectl-conventions.md §3.4).
public enum StatusBodies {
    /// A failure Status.
    public static func failure(code: Int, reason: String, message: String, details: JSONValue? = [:]) -> JSONValue {
        var object: JSONObject = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure"]
        object["message"] = .string(message)
        object["reason"] = .string(reason)
        if let details { object["details"] = details }
        object["code"] = .int(Int64(code))
        return .object(object)
    }

    /// 401 for requests without valid credentials.
    public static let unauthorized = JSONValue.object([
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": "Unauthorized",
        "reason": "Unauthorized", "code": 401,
    ])

    /// 404 for an unknown path.
    public static let pathNotFound = failure(
        code: 404, reason: "NotFound",
        message: "the server could not find the requested resource")

    /// 404 for a missing object: `clusterpolicies.kyverno.io "x" not found`.
    public static func objectNotFound(_ resource: APIResource, name: String) -> JSONValue {
        var details: JSONObject = ["name": .string(name)]
        if !resource.group.isEmpty { details["group"] = .string(resource.group) }
        details["kind"] = .string(resource.resource)
        return failure(
            code: 404, reason: "NotFound", message: "\(resource.qualifiedName) \"\(name)\" not found",
            details: .object(details))
    }

    /// 403 as the RBAC authorizer's denial renders (`apiserver/pkg/endpoints/handlers/responsewriters/errors.go`):
    /// `pods "x" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"`.
    public static func forbidden(
        username: String, verb: String, group: String, resource: String, subresource: String?,
        name: String?, namespace: String?, reason: String = ""
    ) -> JSONValue {
        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
        let fullResource = subresource.map { "\(resource)/\($0)" } ?? resource
        var message = name.map { "\(qualified) \"\($0)\" is forbidden: " } ?? "\(qualified) is forbidden: "
        message += "User \"\(username)\" cannot \(verb) resource \"\(fullResource)\" in API group \"\(group)\""
        if let namespace, !namespace.isEmpty {
            message += " in the namespace \"\(namespace)\""
        } else {
            message += " at the cluster scope"
        }
        if !reason.isEmpty { message += ": \(reason)" }
        var details = JSONObject()
        if let name { details["name"] = .string(name) }
        if !group.isEmpty { details["group"] = .string(group) }
        details["kind"] = .string(resource)
        return failure(code: 403, reason: "Forbidden", message: message, details: .object(details))
    }

    /// 403 for a non-resource URL: `forbidden: User "bob" cannot get path "/apis"`.
    public static func forbidden(username: String, verb: String, path: String, reason: String = "") -> JSONValue {
        var message = "forbidden: User \"\(username)\" cannot \(verb) path \"\(path)\""
        if !reason.isEmpty { message += ": \(reason)" }
        return failure(code: 403, reason: "Forbidden", message: message, details: [:])
    }

    /// The Status a bare status code gets when a fault injects it without a body.
    public static func generic(code: Int) -> JSONValue {
        switch code {
        case 401: return unauthorized
        case 403: return failure(code: 403, reason: "Forbidden", message: "forbidden")
        case 404: return pathNotFound
        case 409: return failure(code: 409, reason: "Conflict", message: "the server reported a conflict")
        case 410:
            return failure(
                code: 410, reason: "Expired",
                message:
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
            )
        case 429:
            return failure(
                code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                details: ["retryAfterSeconds": 1])
        case 500: return failure(code: 500, reason: "InternalError", message: "Internal error occurred: boom")
        case 503:
            return failure(
                code: 503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request"
            )
        default: return failure(code: code, reason: "", message: "injected status \(code)")
        }
    }
}
