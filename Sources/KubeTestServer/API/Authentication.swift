import GuardrailCore

/// The outcome of authenticating a request (kube-apiserver's authentication + impersonation filters).
struct AuthenticationResult {
    /// Who presented credentials; `nil` when they were missing or invalid.
    var authenticated: UserInfo?
    /// Who the request acts as after impersonation.
    var effective: UserInfo?
    /// A response to send instead of serving the request (401, 403 for impersonation).
    var rejection: HTTPResponse?
}

extension KubeTestServer {
    /// Authenticates like kube-apiserver's union authenticator: a verified client certificate (CN = user,
    /// O = groups) first, then `Authorization: Bearer`, then Basic; then applies impersonation headers.
    func authenticate(
        _ request: HTTPRequest, clientCertificate: ClientCertificateIdentity?, configuration: Configuration
    )
        -> AuthenticationResult
    {
        var user: UserInfo?
        if let certificate = clientCertificate {
            user = UserInfo(
                username: certificate.commonName, groups: certificate.organizations + ["system:authenticated"],
                extra: ["authentication.kubernetes.io/credential-id": ["X509SHA256=\(certificate.sha256)"]])
        } else if let authorization = request.header("Authorization") {
            if authorization.hasPrefix("Bearer ") {
                let token = String(authorization.dropFirst(7)).trimmingSpaces()
                if var known = configuration.tokens[token] {
                    if !known.groups.contains("system:authenticated") { known.groups.append("system:authenticated") }
                    user = known
                }
            } else if authorization.hasPrefix("Basic "),
                let decoded = Base64.decode(String(authorization.dropFirst(6)).trimmingSpaces()),
                let text = String(validating: decoded, as: UTF8.self), let colon = text.firstIndex(of: ":")
            {
                let name = String(text[..<colon])
                let password = String(text[text.index(after: colon)...])
                if let entry = configuration.basicAuth[name], entry.password == password {
                    var known = entry.user
                    if !known.groups.contains("system:authenticated") { known.groups.append("system:authenticated") }
                    user = known
                }
            }
            if user == nil { return AuthenticationResult(rejection: .json(401, StatusBodies.unauthorized)) }
        } else if configuration.allowAnonymous {
            user = UserInfo(username: "system:anonymous", groups: ["system:unauthenticated"])
        }
        guard let user else { return AuthenticationResult(rejection: .json(401, StatusBodies.unauthorized)) }
        return impersonate(request, as: user, configuration: configuration)
    }

    /// kube-apiserver `endpoints/filters/impersonation.go`: every requested attribute must be allowed
    /// (`impersonate` on users/serviceaccounts, groups, uids, userextras/KEY); the impersonated user gets
    /// `system:authenticated`, and service accounts their groups.
    private func impersonate(_ request: HTTPRequest, as user: UserInfo, configuration: Configuration)
        -> AuthenticationResult
    {
        let impersonatedUser = request.header("Impersonate-User")
        let groups = request.headers(named: "Impersonate-Group")
        let uid = request.header("Impersonate-Uid")
        var extra: [String: [String]] = [:]
        for (name, value) in request.headers where name.lowercased().hasPrefix("impersonate-extra-") {
            let key = HTTPRequestReader.percentDecode(
                String(name.dropFirst("impersonate-extra-".count)), plusAsSpace: false
            )
            .lowercased()
            extra[key, default: []].append(value)
        }
        guard let target = impersonatedUser else {
            if !groups.isEmpty || uid != nil || !extra.isEmpty {
                return AuthenticationResult(
                    authenticated: user,
                    rejection: .json(
                        500,
                        StatusBodies.failure(
                            code: 500, reason: "InternalError",
                            message:
                                "Internal error occurred: requested impersonation of groups, uid or extra without impersonating a user"
                        )))
            }
            return AuthenticationResult(authenticated: user, effective: user)
        }
        var checks: [(resource: String, name: String, namespace: String?, subresource: String?)] = []
        var impersonated = UserInfo(username: target, uid: uid ?? "", groups: groups, extra: extra)
        if let sa = impersonated.serviceAccount {
            checks.append(("serviceaccounts", sa.name, sa.namespace, nil))
            if groups.isEmpty {
                impersonated.groups = ["system:serviceaccounts", "system:serviceaccounts:\(sa.namespace)"]
            }
        } else {
            checks.append(("users", target, nil, nil))
        }
        for group in groups { checks.append(("groups", group, nil, nil)) }
        if let uid { checks.append(("uids", uid, nil, nil)) }
        for key in extra.keys.sorted() { for value in extra[key]! { checks.append(("userextras", value, nil, key)) } }
        let privileged =
            configuration.impersonators.contains(user.username)
            || user.groups.contains(where: configuration.impersonators.contains)
            || user.groups.contains(where: configuration.privilegedGroups.contains)
        if !privileged {
            for check in checks {
                var attributes: JSONObject = [
                    "verb": "impersonate", "group": "", "resource": .string(check.resource),
                    "name": .string(check.name),
                ]
                if let ns = check.namespace { attributes["namespace"] = .string(ns) }
                if let sub = check.subresource { attributes["subresource"] = .string(sub) }
                let decision =
                    configuration.authorizer?(user, ["resourceAttributes": .object(attributes)]) ?? .noOpinion
                if !decision.allowed {
                    return AuthenticationResult(
                        authenticated: user,
                        rejection: .json(
                            403,
                            StatusBodies.forbidden(
                                username: user.username, verb: "impersonate", group: "", resource: check.resource,
                                subresource: check.subresource, name: check.name, namespace: check.namespace,
                                reason: decision.reason)))
                }
            }
        }
        if target != "system:anonymous", !impersonated.groups.contains("system:authenticated") {
            impersonated.groups.append("system:authenticated")
        }
        return AuthenticationResult(authenticated: user, effective: impersonated)
    }
}
