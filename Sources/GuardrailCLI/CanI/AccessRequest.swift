import GuardrailCore
import KubeClient

/// The fully resolved question: what RBAC is asked (a SelfSubjectAccessReview's attributes) and what
/// admission request Kyverno would see.
struct AccessRequest: Sendable, Hashable {
    /// The verb as typed.
    var verb: String
    /// The API group (`""` for core or for an unresolved resource, as kubectl sends it).
    var group: String
    /// The version discovery preferred (`""` when unknown); RBAC ignores it, Kyverno's kinds may use it.
    var version: String
    /// The plural resource (`deployments`), or the raw argument when discovery does not know it.
    var resource: String
    /// The subresource, `""` for none.
    var subresource: String
    /// The object name, `""` for any.
    var name: String
    /// The namespace checked: `""` for cluster-scoped resources and `-A`.
    var namespace: String
    /// The kind (`Deployment`) when discovery knows the resource.
    var kind: String
    /// Whether the resource is namespaced (`nil` when unknown).
    var namespaced: Bool?
    /// The kind a subresource request carries when it differs from the resource's (`Scale` in
    /// `autoscaling`, `PodExecOptions`): Kyverno's `request.requestKind`.
    var subresourceKind: KindName? = nil
    /// A non-resource URL; when set the resource fields are empty.
    var nonResourceURL: String?
    /// The admission operation, or why guardrails do not apply.
    var admission: AdmissionOperation.Mapping

    /// `deployments.apps/scale`, `pods`, or the URL: how the request is named in output.
    var displayResource: String {
        if let nonResourceURL { return nonResourceURL }
        var text = group.isEmpty ? resource : "\(resource).\(group)"
        if !subresource.isEmpty { text += "/\(subresource)" }
        return text
    }

    /// The `spec` of a SelfSubjectAccessReview for this request (kubectl never sends `version`).
    var accessReviewSpec: JSONValue {
        if let nonResourceURL {
            return ["nonResourceAttributes": ["path": .string(nonResourceURL), "verb": .string(verb)]]
        }
        var attributes = JSONObject()
        if !namespace.isEmpty { attributes["namespace"] = .string(namespace) }
        attributes["verb"] = .string(verb)
        if !group.isEmpty { attributes["group"] = .string(group) }
        attributes["resource"] = .string(resource)
        if !subresource.isEmpty { attributes["subresource"] = .string(subresource) }
        if !name.isEmpty { attributes["name"] = .string(name) }
        return ["resourceAttributes": .object(attributes)]
    }
}

/// A group and kind.
struct KindName: Sendable, Hashable {
    var group: String
    var kind: String
}

/// Resolves an ``AccessQuery`` against discovery into an ``AccessRequest``, with kubectl's warnings
/// and the ones kubectl should have had (`kubectl-conventions.md` §3.5, §8.1).
struct AccessRequestBuilder {
    /// The catalog resources are resolved against (live discovery, the disk cache, or the built-in one).
    var catalog: DiscoveryCatalog

    /// kubectl's known verbs (`cani.go` `resourceVerbs` / `nonResourceURLVerbs`).
    static let resourceVerbs: Set<String> = [
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind",
        "impersonate", "*", "approve", "sign", "escalate", "attest",
    ]
    static let nonResourceVerbs: Set<String> = ["get", "put", "post", "head", "options", "delete", "patch", "*"]

    /// kubectl commands people type as verbs (k/k#108706), and the question they mean.
    static let commandHints: [String: String] = [
        "exec": "create pods --subresource exec", "attach": "create pods --subresource attach",
        "port-forward": "create pods --subresource portforward", "portforward": "create pods --subresource portforward",
        "logs": "get pods --subresource log", "log": "get pods --subresource log", "run": "create pods",
        "apply": "create … (new objects) or patch … (existing ones)", "edit": "update …",
        "scale": "patch deployments --subresource scale", "cordon": "patch nodes", "uncordon": "patch nodes",
        "drain": "create pods --subresource eviction", "label": "patch …", "annotate": "patch …",
        "expose": "create services", "read": "get …", "write": "update …", "remove": "delete …",
    ]

    /// Resources RBAC knows that discovery does not list (impersonation targets), never warned about.
    static let nonStandardResources: Set<String> = ["users", "groups", "serviceaccounts", "uids", "userextras"]

    /// Builds the request. `namespace` is the resolved namespace (`-n`, context, `default`);
    /// `allNamespaces` is `-A`.
    func build(_ query: AccessQuery, namespace: String, allNamespaces: Bool) -> (AccessRequest, [Diagnostic]) {
        var notes: [Diagnostic] = []
        let verb = query.verb
        if let hint = Self.commandHints[verb] {
            notes.append(
                Diagnostic(
                    .warning, "\"\(verb)\" is a kubectl command, not an API verb; did you mean \"can-i \(hint)\"?"))
        }
        if let url = query.nonResourceURL {
            if !Self.nonResourceVerbs.contains(verb) && Self.commandHints[verb] == nil {
                notes.append(Diagnostic(.warning, "verb '\(verb)' is not a known verb"))
            }
            let request = AccessRequest(
                verb: verb, group: "", version: "", resource: "", subresource: "", name: "", namespace: "", kind: "",
                namespaced: nil, nonResourceURL: url,
                admission: AdmissionOperation.mapping(verb: verb, resource: nil, subresource: nil, nonResourceURL: url))
            return (request, notes)
        }
        if !Self.resourceVerbs.contains(verb) && Self.commandHints[verb] == nil {
            let closest = Self.resourceVerbs.filter { $0 != "*" }.min {
                (EditDistance.between(verb, $0), $0) < (EditDistance.between(verb, $1), $1)
            }
            var text = "verb '\(verb)' is not a known verb"
            if let closest, EditDistance.between(verb.lowercased(), closest) <= 2 {
                text += "; did you mean '\(closest)'?"
            }
            notes.append(Diagnostic(.warning, text))
        }

        let typed = query.resource ?? ""
        var request = AccessRequest(
            verb: verb, group: "", version: "", resource: typed, subresource: query.subresource ?? "",
            name: query.name ?? "", namespace: allNamespaces ? "" : namespace, kind: "", namespaced: nil,
            nonResourceURL: nil, admission: .notAdmitted(""))

        switch ResourceResolver(catalog: catalog).resolve(typed) {
        case .wildcard:
            request.resource = "*"
        case .resolved(let info, let also):
            request.group = info.group
            request.version = info.version
            request.resource = info.name
            request.kind = info.kind
            request.namespaced = info.namespaced
            for other in also {
                notes.append(
                    Diagnostic(
                        .warning,
                        "short name \"\(typed.lowercased())\" could also match lower priority resource \(other)"))
            }
            if let sub = info.subresource(named: request.subresource), !sub.kind.isEmpty {
                request.subresourceKind = KindName(group: sub.kindGroup ?? info.group, kind: sub.kind)
            }
            if !request.subresource.isEmpty, info.subresource(named: request.subresource) == nil {
                var text = "\(info.qualifiedName) has no subresource '\(request.subresource)'"
                let names = info.subresources.map(\.name)
                if let close = names.min(by: {
                    EditDistance.between(request.subresource, $0) < EditDistance.between(request.subresource, $1)
                }),
                    EditDistance.between(request.subresource, close) <= 2
                {
                    text += "; did you mean '\(close)'?"
                } else if !names.isEmpty {
                    text += " (it has: \(names.joined(separator: ", ")))"
                }
                notes.append(Diagnostic(.warning, text + "; RBAC will still answer for it"))
            }
            if query.nameFromSlash, let sub = info.subresource(named: request.name), request.subresource.isEmpty {
                notes.append(
                    Diagnostic(
                        .warning,
                        "\"\(typed)/\(request.name)\" asks about a \(info.effectiveSingularName)"
                            + " named \"\(request.name)\", not the \(sub.name) subresource; to ask about the subresource use"
                            + " \"\(typed) --subresource \(sub.name)\""))
            }
            if !info.namespaced && !request.namespace.isEmpty {
                // kubectl sends the namespace anyway, so RoleBindings there can make the answer a misleading
                // yes (k/k#75970); the API server ignores it for the real request.
                notes.append(
                    Diagnostic(
                        .note,
                        "\(info.qualifiedName) is cluster-scoped: checked without a namespace (a RoleBinding in"
                            + " \"\(request.namespace)\" cannot grant it)"))
                request.namespace = ""
            }
            if !verb.isEmpty, verb != "*",
                ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"].contains(verb)
            {
                let verbs =
                    request.subresource.isEmpty
                    ? info.verbs : (info.subresource(named: request.subresource)?.verbs ?? [])
                if !verbs.isEmpty && !verbs.contains(verb) {
                    notes.append(
                        Diagnostic(
                            .note,
                            "\(request.displayResource) does not support '\(verb)'"
                                + " (it supports: \(verbs.joined(separator: ", ")))"))
                }
            }
        case .notFound(let resource, let group, let suggestions):
            if !Self.nonStandardResources.contains(resource) {
                var text =
                    group.isEmpty
                    ? "the server doesn't have a resource type '\(resource)'"
                    : "the server doesn't have a resource type '\(resource)' in group '\(group)'"
                if !suggestions.isEmpty {
                    text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
                }
                notes.append(Diagnostic(.warning, text))
            }
            // Like kubectl, ask RBAC about the raw argument (group ""), and say that the answer is about a name
            // the cluster does not serve.
            request.resource = typed
        }
        request.admission = AdmissionOperation.mapping(
            verb: verb, resource: request.resource,
            subresource: request.subresource.isEmpty ? nil : request.subresource,
            nonResourceURL: nil)
        return (request, notes)
    }
}
