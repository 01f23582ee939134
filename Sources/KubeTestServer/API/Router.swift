import GuardrailCore

extension KubeTestServer {
    /// Serves one authenticated request.
    func route(_ request: HTTPRequest, authentication: AuthenticationResult, configuration: Configuration) -> HTTPResponse {
        if let rejection = authentication.rejection { return rejection }
        guard let user = authentication.effective else { return .json(401, StatusBodies.unauthorized) }
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path

        // Non-resource URLs: discovery and /version.
        if path == "/version" || path == "/api" || path == "/apis" || path == "/healthz" || path == "/livez"
            || path == "/readyz" || isGroupVersionPath(path)
        {
            let verb = request.method.lowercased()
            if !configuration.bootstrapAllowsSelfReviewsAndDiscovery, let authorizer = configuration.authorizer {
                let decision = authorizer(user, ["nonResourceAttributes": ["path": .string(path), "verb": .string(verb)]])
                if !decision.allowed {
                    return .json(403, StatusBodies.forbidden(username: user.username, verb: verb, path: path,
                                                             reason: decision.reason))
                }
            }
            guard request.method == "GET" else {
                return .json(405, StatusBodies.failure(code: 405, reason: "MethodNotAllowed",
                                                       message: "the server does not allow this method on the requested resource"))
            }
            return discovery(path: path, accept: request.header("Accept") ?? "", configuration: configuration)
        }

        guard let target = ResourcePath(path),
            let resource = servedResources(configuration).first(where: {
                $0.group == target.group && $0.version == target.version && $0.resource == target.resource
            })
        else { return .json(404, StatusBodies.pathNotFound) }
        if target.namespace != nil && !resource.namespaced { return .json(404, StatusBodies.pathNotFound) }

        let verb = Self.verb(method: request.method, hasName: target.name != nil, watch: request.queryValue("watch"))
        let isSelfReview = resource.group == "authentication.k8s.io" || resource.resource.hasPrefix("selfsubject")
        if !(isSelfReview && configuration.bootstrapAllowsSelfReviewsAndDiscovery), let authorizer = configuration.authorizer {
            var attributes: JSONObject = ["verb": .string(verb), "group": .string(resource.group),
                                          "version": .string(resource.version), "resource": .string(resource.resource)]
            if let ns = target.namespace { attributes["namespace"] = .string(ns) }
            if let sub = target.subresource { attributes["subresource"] = .string(sub) }
            if let name = target.name { attributes["name"] = .string(name) }
            let decision = authorizer(user, ["resourceAttributes": .object(attributes)])
            if !decision.allowed {
                return .json(403, StatusBodies.forbidden(
                    username: user.username, verb: verb, group: resource.group, resource: resource.resource,
                    subresource: target.subresource, name: target.name, namespace: target.namespace, reason: decision.reason))
            }
        }

        if resource.group == "authentication.k8s.io" && resource.resource == "selfsubjectreviews" {
            guard request.method == "POST", target.name == nil else { return methodNotAllowed() }
            return selfSubjectReview(version: resource.version, user: user)
        }
        if resource.group == "authorization.k8s.io" && resource.resource == "selfsubjectaccessreviews" {
            guard request.method == "POST", target.name == nil else { return methodNotAllowed() }
            return selfSubjectAccessReview(request, user: user, configuration: configuration)
        }
        switch verb {
        case "list": return list(resource, namespace: target.namespace, request: request)
        case "get":
            let object = state.withLock { $0.store.get(resource, namespace: target.namespace, name: target.name!) }
            guard let object, target.subresource == nil else {
                return .json(404, StatusBodies.objectNotFound(resource, name: target.name!))
            }
            return .json(200, object)
        default:
            return methodNotAllowed()
        }
    }

    private func methodNotAllowed() -> HTTPResponse {
        .json(405, StatusBodies.failure(code: 405, reason: "MethodNotAllowed",
                                        message: "the server does not allow this method on the requested resource"))
    }

    /// The Kubernetes verb of a request (`apiserver/pkg/endpoints/request/requestinfo.go`).
    static func verb(method: String, hasName: Bool, watch: String?) -> String {
        switch method {
        case "GET", "HEAD":
            if let watch, watch == "1" || watch == "true" { return "watch" }
            return hasName ? "get" : "list"
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return hasName ? "delete" : "deletecollection"
        default: return method.lowercased()
        }
    }

    /// The configured resources plus the SelfSubjectReview versions served.
    func servedResources(_ configuration: Configuration) -> [APIResource] {
        configuration.resources + configuration.selfSubjectReviewVersions.map {
            APIResource(group: "authentication.k8s.io", version: $0, resource: "selfsubjectreviews",
                        kind: "SelfSubjectReview", namespaced: false, verbs: ["create"])
        }
    }

    private func isGroupVersionPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return (parts.count == 2 && parts[0] == "api") || (parts.count == 2 && parts[0] == "apis")
            || (parts.count == 3 && parts[0] == "apis")
    }

    // MARK: Reviews

    private func selfSubjectReview(version: String, user: UserInfo) -> HTTPResponse {
        .json(201, [
            "kind": "SelfSubjectReview", "apiVersion": .string("authentication.k8s.io/\(version)"),
            "metadata": ["creationTimestamp": nil], "status": ["userInfo": user.json],
        ])
    }

    private func selfSubjectAccessReview(_ request: HTTPRequest, user: UserInfo, configuration: Configuration) -> HTTPResponse {
        guard let review = try? JSONParser.parse(bytes: request.body), case .object = review else {
            let type = request.header("Content-Type") ?? ""
            if type.contains("protobuf") {
                return .json(415, StatusBodies.failure(
                    code: 415, reason: "UnsupportedMediaType",
                    message: "the test server accepts JSON only (Content-Type \(type) is not supported)"))
            }
            return .json(400, StatusBodies.failure(code: 400, reason: "BadRequest", message: "the request body is not JSON"))
        }
        let spec = review["spec"] ?? [:]
        let resourceAttributes = spec["resourceAttributes"]
        let nonResourceAttributes = spec["nonResourceAttributes"]
        if (resourceAttributes == nil) == (nonResourceAttributes == nil) {
            let field = resourceAttributes == nil ? "spec.resourceAttributes" : "spec.nonResourceAttributes"
            return .json(422, StatusBodies.failure(
                code: 422, reason: "Invalid",
                message: "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: \(field): Invalid value: "
                    + "\"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                details: ["group": "authorization.k8s.io", "kind": "SelfSubjectAccessReview"]))
        }
        var attributes = JSONObject()
        if let resourceAttributes { attributes["resourceAttributes"] = resourceAttributes }
        if let nonResourceAttributes { attributes["nonResourceAttributes"] = nonResourceAttributes }
        let decision = configuration.authorizer?(user, .object(attributes)) ?? .allow
        var status: JSONObject = ["allowed": .bool(decision.allowed)]
        if decision.denied { status["denied"] = true }
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        if !decision.evaluationError.isEmpty { status["evaluationError"] = .string(decision.evaluationError) }
        return .json(201, [
            "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
            "metadata": ["creationTimestamp": nil], "spec": spec, "status": .object(status),
        ])
    }

    // MARK: Lists

    /// A list with `limit`/`continue` pagination; the continue token is the offset (opaque to clients).
    private func list(_ resource: APIResource, namespace: String?, request: HTTPRequest) -> HTTPResponse {
        let (all, resourceVersion) = state.withLock { ($0.store.list(resource, namespace: namespace), $0.store.resourceVersion) }
        var offset = 0
        if let token = request.queryValue("continue"), !token.isEmpty {
            guard let decoded = Base64.decode(token), let text = String(validating: decoded, as: UTF8.self),
                text.hasPrefix("offset:"), let value = Int(text.dropFirst(7)), value >= 0, value <= all.count
            else {
                return .json(400, StatusBodies.failure(code: 400, reason: "BadRequest",
                                                       message: "continue key is not valid: invalid continue token"))
            }
            offset = value
        }
        var items = Array(all[offset...])
        var metadata: JSONObject = ["resourceVersion": .string(String(resourceVersion))]
        if let limitText = request.queryValue("limit"), let limit = Int(limitText), limit > 0, items.count > limit {
            items = Array(items[0..<limit])
            let next = offset + limit
            metadata["continue"] = .string(Base64.encode(Array("offset:\(next)".utf8)))
            metadata["remainingItemCount"] = .int(Int64(all.count - next))
        }
        return .json(200, [
            "kind": .string("\(resource.kind)List"), "apiVersion": .string(resource.groupVersion),
            "metadata": .object(metadata), "items": .array(items),
        ])
    }
}
