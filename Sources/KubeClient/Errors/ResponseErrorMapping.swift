import GuardrailCore

/// Maps an HTTP error response to kubectl's message. Pure and unit-tested.
///
/// A `Status` body is used as the server wrote it (client-go `rest/request.go` `transformResponse`);
/// kubectl prints `error: You must be logged in to the server (<message>)` for reason `Unauthorized`,
/// `Error from server (<Reason>): <message>` when there is a reason and `Error from server: <message>`
/// otherwise. Any other body gets client-go's generic message for the status code
/// (`apimachinery/pkg/api/errors` `NewGenericServerResponse`), with ` (<verb> <resource>)` appended.
public enum ResponseErrorMapping {
    /// The error for `statusCode` with `body`, for a request `method` on `path`.
    public static func error(statusCode: Int, body: [UInt8], contentType: String?, method: String, path: String)
        -> KubeClientError
    {
        if let status = try? JSONParser.parse(bytes: body), status["kind"]?.stringValue == "Status" {
            let reason = status["reason"]?.stringValue ?? ""
            let message = status["message"]?.stringValue ?? ""
            let code = Int(status["code"]?.int64Value ?? Int64(statusCode))
            return fromStatus(
                code: code == 0 ? statusCode : code, reason: reason, message: message, status: status,
                httpStatus: statusCode)
        }
        let (reason, message) = genericMessage(
            statusCode: statusCode, body: body, contentType: contentType,
            method: method, path: path)
        var object = JSONObject()
        object["kind"] = "Status"
        object["apiVersion"] = "v1"
        object["status"] = "Failure"
        object["message"] = .string(message)
        object["reason"] = .string(reason)
        object["code"] = .int(Int64(statusCode))
        var error = fromStatus(
            code: statusCode, reason: reason, message: message, status: .object(object),
            httpStatus: statusCode)
        // kubectl's text hides what actually answered; a page that is not a Kubernetes Status usually
        // comes from a proxy, load balancer or VPN portal in front of the API server.
        let mediaType = contentType?.split(separator: ";").first?.trimmingWhitespace().lowercased() ?? ""
        if statusCode != 401 && !mediaType.hasPrefix("application/json") {
            error.hint = "the answer was HTTP \(statusCode)\(mediaType.isEmpty ? "" : " " + mediaType), not from "
                + "the Kubernetes API: check the server URL, and any proxy or load balancer in between"
        }
        return error
    }

    static func fromStatus(code: Int, reason: String, message: String, status: JSONValue, httpStatus: Int)
        -> KubeClientError
    {
        let kind: KubeClientError.Kind
        switch code {
        case 401: kind = .unauthorized
        case 403: kind = .forbidden
        case 404: kind = .notFound
        default: kind = .status(code: code, reason: reason)
        }
        let text: String
        if reason == "Unauthorized" || (code == 401 && reason.isEmpty) {
            text = "error: You must be logged in to the server (\(message.isEmpty ? "Unauthorized" : message))"
        } else if !reason.isEmpty {
            text = "Error from server (\(reason)): \(message)"
        } else {
            text = "Error from server: \(message)"
        }
        return KubeClientError(
            reason == "Unauthorized" ? .unauthorized : kind, text, httpStatus: httpStatus,
            status: status)
    }

    /// client-go's reason and message for a response that is not a `Status`.
    static func genericMessage(statusCode: Int, body: [UInt8], contentType: String?, method: String, path: String)
        -> (reason: String, message: String)
    {
        // client-go uses the body only when it is text/plain, capped at 2048 bytes.
        let mediaType = contentType?.split(separator: ";").first?.trimmingWhitespace().lowercased() ?? ""
        var serverMessage = "unknown"
        if mediaType == "text/plain" {
            serverMessage = String(decoding: body.prefix(2048), as: UTF8.self).trimmingWhitespace()
        }
        var reason = ""
        var message = ""
        switch statusCode {
        case 409: (reason, message) = ("Conflict", "the server reported a conflict")
        case 404: (reason, message) = ("NotFound", "the server could not find the requested resource")
        case 400: (reason, message) = ("BadRequest", "the server rejected our request for an unknown reason")
        case 401: (reason, message) = ("Unauthorized", "the server has asked for the client to provide credentials")
        case 403: (reason, message) = ("Forbidden", serverMessage)
        case 405:
            (reason, message) = ("MethodNotAllowed", "the server does not allow this method on the requested resource")
        case 406:
            (reason, message) = (
                "NotAcceptable", "the server was unable to respond with a content type that the client supports"
            )
        case 415:
            (reason, message) = (
                "UnsupportedMediaType", "the server was unable to respond with a content type that the client supports"
            )
        case 422: (reason, message) = ("Invalid", "the server rejected our request due to an error in our request")
        case 429:
            (reason, message) = (
                "TooManyRequests", "the server has received too many requests and has asked us to try again later"
            )
        case 503: (reason, message) = ("ServiceUnavailable", "the server is currently unable to handle the request")
        case 504:
            (reason, message) = (
                "Timeout",
                "the server was unable to return a response in the time allotted, but may still be processing the request"
            )
        default:
            if statusCode >= 500 {
                reason = "InternalError"
                message = "an error on the server (\(goQuote(serverMessage))) has prevented the request from succeeding"
            } else {
                reason = "Unknown"
                message = "the server responded with the status code \(statusCode) but did not return more information"
            }
        }
        if let resource = APIPath(path).qualifiedResource {
            let name = APIPath(path).name.map { " \($0)" } ?? ""
            message += " (\(method.lowercased()) \(resource)\(name))"
        }
        return (reason, message)
    }
}

/// The resource a Kubernetes API path addresses: `/apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUB]]`
/// or `/api/v1/…`. Used for client-go's ` (get pods)` message suffix.
struct APIPath {
    var group: String?
    var resource: String?
    var name: String?

    init(_ path: String) {
        let noQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var parts = noQuery.split(separator: "/").map(String.init)
        if parts.first == "api", parts.count >= 2 {
            group = ""
            parts.removeFirst(2)
        } else if parts.first == "apis", parts.count >= 3 {
            group = parts[1]
            parts.removeFirst(3)
        } else {
            return
        }
        if parts.count >= 3, parts[0] == "namespaces" { parts.removeFirst(2) }
        resource = parts.first
        name = parts.count >= 2 ? parts[1] : nil
    }

    /// `resource.group`, or `resource` for the core group.
    var qualifiedResource: String? {
        guard let resource, let group else { return nil }
        return group.isEmpty ? resource : "\(resource).\(group)"
    }
}
