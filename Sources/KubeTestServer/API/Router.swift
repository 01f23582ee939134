import GuardrailCore

extension KubeTestServer {
    /// Serves one authenticated request.
    func route(_ request: HTTPRequest, authentication: AuthenticationResult, configuration: Configuration)
        -> HTTPResponse
    {
        if let rejection = authentication.rejection { return rejection }
        guard let user = authentication.effective else { return .json(401, StatusBodies.unauthorized) }
        let path =
            request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path

        // Non-resource URLs: discovery and /version.
        if path == "/version" || path == "/api" || path == "/apis" || path == "/healthz" || path == "/livez"
            || path == "/readyz" || isGroupVersionPath(path)
        {
            let verb = request.method.lowercased()
            if !configuration.bootstrapAllowsSelfReviewsAndDiscovery {
                let decision = configuration.authorize(
                    user, ["nonResourceAttributes": ["path": .string(path), "verb": .string(verb)]])
                if !decision.allowed {
                    return .json(
                        403,
                        StatusBodies.forbidden(
                            username: user.username, verb: verb, path: path,
                            reason: decision.reason))
                }
            }
            guard request.method == "GET" else {
                return .json(
                    405,
                    StatusBodies.failure(
                        code: 405, reason: "MethodNotAllowed",
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
        if !(isSelfReview && configuration.bootstrapAllowsSelfReviewsAndDiscovery) {
            var attributes: JSONObject = [
                "verb": .string(verb), "group": .string(resource.group),
                "version": .string(resource.version), "resource": .string(resource.resource),
            ]
            if let ns = target.namespace { attributes["namespace"] = .string(ns) }
            if let sub = target.subresource { attributes["subresource"] = .string(sub) }
            if let name = target.name { attributes["name"] = .string(name) }
            let decision = configuration.authorize(user, ["resourceAttributes": .object(attributes)])
            if !decision.allowed {
                return .json(
                    403,
                    StatusBodies.forbidden(
                        username: user.username, verb: verb, group: resource.group, resource: resource.resource,
                        subresource: target.subresource, name: target.name, namespace: target.namespace,
                        reason: decision.reason))
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
        case "create" where target.name == nil && target.subresource == nil:
            return create(resource, namespace: target.namespace, request: request, user: user, configuration: configuration)
        default:
            return methodNotAllowed()
        }
    }

    /// `POST` to a collection: admission (the configured hook, standing in for Kyverno's webhook), then
    /// storage unless `dryRun=All` (server-side dry run runs admission and stores nothing).
    private func create(_ resource: APIResource, namespace: String?, request: HTTPRequest, user: UserInfo,
                        configuration: Configuration) -> HTTPResponse
    {
        guard let parsed = try? JSONParser.parse(bytes: request.body), case .object(var object) = parsed else {
            return .json(400, StatusBodies.failure(code: 400, reason: "BadRequest", message: "the request body is not a JSON object"))
        }
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        guard let name = metadata["name"]?.stringValue, !name.isEmpty else {
            return .json(422, StatusBodies.failure(
                code: 422, reason: "Invalid",
                message: "\(resource.kind) \"\" is invalid: metadata.name: Required value: name or generateName is required",
                details: ["group": .string(resource.group), "kind": .string(resource.kind)]))
        }
        if resource.namespaced {
            if let given = metadata["namespace"]?.stringValue, !given.isEmpty, given != namespace {
                return .json(400, StatusBodies.failure(
                    code: 400, reason: "BadRequest",
                    message: "the namespace of the provided object does not match the namespace sent on the request"))
            }
            if let namespace { metadata["namespace"] = .string(namespace) }
            object["metadata"] = .object(metadata)
        }
        if object["apiVersion"] == nil { object["apiVersion"] = .string(resource.groupVersion) }
        if object["kind"] == nil { object["kind"] = .string(resource.kind) }
        let exists = state.withLock { $0.store.get(resource, namespace: namespace, name: name) != nil }
        if exists {
            return .json(409, StatusBodies.failure(
                code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedName) \"\(name)\" already exists",
                details: ["name": .string(name), "group": .string(resource.group), "kind": .string(resource.resource)]))
        }
        let dryRun = request.query.contains { $0.0 == "dryRun" && $0.1 == "All" }
        if let admission = configuration.admission,
            let denial = admission(AdmissionReview(user: user, operation: "CREATE", resource: resource,
                                                   namespace: namespace, object: .object(object), dryRun: dryRun))
        {
            // apiserver `admission/plugin/webhook/errors` ToStatusErr: code ≥ 400 (400 when unset), no reason.
            let message = denial.message.isEmpty
                ? "admission webhook \"\(denial.webhook)\" denied the request without explanation"
                : "admission webhook \"\(denial.webhook)\" denied the request: \(denial.message)"
            let code = denial.code >= 400 ? denial.code : 400
            var status: JSONObject = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure"]
            status["message"] = .string(message)
            status["code"] = .int(Int64(code))
            return .json(code, .object(status))
        }
        if !dryRun { state.withLock { $0.store.put(.object(object), resource: resource) } }
        return .json(201, .object(object))
    }

    private func methodNotAllowed() -> HTTPResponse {
        .json(
            405,
            StatusBodies.failure(
                code: 405, reason: "MethodNotAllowed",
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
        configuration.resources
            + configuration.selfSubjectReviewVersions.map {
                APIResource(
                    group: "authentication.k8s.io", version: $0, resource: "selfsubjectreviews",
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
        .json(
            201,
            [
                "kind": "SelfSubjectReview", "apiVersion": .string("authentication.k8s.io/\(version)"),
                "metadata": ["creationTimestamp": nil], "status": ["userInfo": user.json],
            ])
    }

    private func selfSubjectAccessReview(_ request: HTTPRequest, user: UserInfo, configuration: Configuration)
        -> HTTPResponse
    {
        let spec: JSONValue
        if (request.header("Content-Type") ?? "").contains("protobuf") {
            // kubectl sends reviews as protobuf; it accepts a JSON answer.
            guard let decoded = ProtobufReview.selfSubjectAccessReviewSpec(request.body) else {
                return .json(
                    400,
                    StatusBodies.failure(
                        code: 400, reason: "BadRequest", message: "the protobuf body could not be decoded"))
            }
            spec = decoded
        } else {
            guard let review = try? JSONParser.parse(bytes: request.body), case .object = review else {
                return .json(
                    400, StatusBodies.failure(code: 400, reason: "BadRequest", message: "the request body is not JSON"))
            }
            spec = review["spec"] ?? [:]
        }
        let resourceAttributes = spec["resourceAttributes"]
        let nonResourceAttributes = spec["nonResourceAttributes"]
        if (resourceAttributes == nil) == (nonResourceAttributes == nil) {
            let field = resourceAttributes == nil ? "spec.resourceAttributes" : "spec.nonResourceAttributes"
            return .json(
                422,
                StatusBodies.failure(
                    code: 422, reason: "Invalid",
                    message: "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: \(field): Invalid value: "
                        + "\"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                    details: ["group": "authorization.k8s.io", "kind": "SelfSubjectAccessReview"]))
        }
        var attributes = JSONObject()
        if let resourceAttributes { attributes["resourceAttributes"] = resourceAttributes }
        if let nonResourceAttributes { attributes["nonResourceAttributes"] = nonResourceAttributes }
        let decision = configuration.authorize(user, .object(attributes))
        var status: JSONObject = ["allowed": .bool(decision.allowed)]
        if decision.denied { status["denied"] = true }
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        if !decision.evaluationError.isEmpty { status["evaluationError"] = .string(decision.evaluationError) }
        return .json(
            201,
            [
                "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                "metadata": ["creationTimestamp": nil], "spec": spec, "status": .object(status),
            ])
    }

    // MARK: Lists

    /// A list with `limit`/`continue` pagination; the continue token is the offset (opaque to clients).
    private func list(_ resource: APIResource, namespace: String?, request: HTTPRequest) -> HTTPResponse {
        let (all, resourceVersion) = state.withLock {
            ($0.store.list(resource, namespace: namespace), $0.store.resourceVersion)
        }
        var offset = 0
        if let token = request.queryValue("continue"), !token.isEmpty {
            guard let decoded = Base64.decode(token), let text = String(validating: decoded, as: UTF8.self),
                text.hasPrefix("offset:"), let value = Int(text.dropFirst(7)), value >= 0, value <= all.count
            else {
                return .json(
                    400,
                    StatusBodies.failure(
                        code: 400, reason: "BadRequest",
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
        if resource.isBuiltIn {
            // Like kube-apiserver: items of built-in lists carry no kind/apiVersion (only custom
            // resources, served as unstructured objects, keep them). Clients must not rely on them.
            items = items.map { item in
                guard case .object(var object) = item else { return item }
                object["kind"] = nil
                object["apiVersion"] = nil
                return .object(object)
            }
        }
        return .json(
            200,
            [
                "kind": .string("\(resource.kind)List"), "apiVersion": .string(resource.groupVersion),
                "metadata": .object(metadata), "items": .array(items),
            ])
    }
}
