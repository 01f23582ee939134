import GuardrailCore
import KubeClient

/// One document read from a file, with where it starts (for messages naming file and line).
struct SourceDocument: Sendable, Hashable {
    /// The document.
    var value: JSONValue
    /// Where it starts.
    var location: SourceLocation
}

/// Everything `can-i --offline` evaluates against, sorted out of the given YAML/JSON documents by
/// `apiVersion` and `kind`. `kind: List` documents (what `kubectl get … -o yaml` prints) are unpacked.
///
/// Recognised (see Documentation/CanI.md, "Offline file layout"):
/// - `kyverno.io/*` ClusterPolicy, Policy, PolicyException;
/// - the Kyverno ConfigMap (`v1` ConfigMap named `kyverno`, or labelled
///   `app.kubernetes.io/component: config` in the Kyverno chart's way);
/// - `rbac.authorization.k8s.io/v1` Role, ClusterRole, RoleBinding, ClusterRoleBinding;
/// - `v1` Namespace (labels for namespaceSelectors);
/// - `authentication.k8s.io/*` SelfSubjectReview (the caller, as `kubectl auth whoami -o yaml` prints it);
/// - `apiextensions.k8s.io/v1` CustomResourceDefinition (adds resources to offline discovery).
/// Anything else is reported as ignored (a note), never silently dropped.
struct OfflineInputs: Sendable {
    var clusterPolicies: [SourceDocument] = []
    var policies: [SourceDocument] = []
    var policyExceptions: [SourceDocument] = []
    var kyvernoConfigMap: SourceDocument?
    var roles: [SourceDocument] = []
    var clusterRoles: [SourceDocument] = []
    var roleBindings: [SourceDocument] = []
    var clusterRoleBindings: [SourceDocument] = []
    var namespaces: [SourceDocument] = []
    var customResourceDefinitions: [SourceDocument] = []
    /// The caller from a SelfSubjectReview document, and where it came from.
    var caller: (user: UserInfo, location: SourceLocation)?
    /// Problems and notes, each naming the file and line.
    var diagnostics: [Diagnostic] = []

    /// Whether any diagnostic is an error (bad documents stop offline evaluation: a guardrail test must
    /// not pass because a policy file was silently skipped).
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Sorts `documents` into an ``OfflineInputs``.
    static func classify(_ documents: [SourceDocument]) -> OfflineInputs {
        var inputs = OfflineInputs()
        for document in documents { inputs.add(document) }
        return inputs
    }

    /// The Namespace object called `name`.
    func namespace(named name: String) -> SourceDocument? {
        namespaces.first { $0.value[path: "metadata", "name"]?.stringValue == name }
    }

    /// Offline discovery: the well-known resources plus those the CRDs define.
    var catalog: DiscoveryCatalog {
        var groups: [DiscoveryCatalog.Group] = []
        for crd in customResourceDefinitions {
            let spec = crd.value["spec"]
            guard let group = spec?["group"]?.stringValue, let plural = spec?[path: "names", "plural"]?.stringValue,
                let kind = spec?[path: "names", "kind"]?.stringValue
            else { continue }
            let versions = (spec?["versions"]?.arrayValue ?? []).filter { $0["served"]?.boolValue != false }
            let subresources = versions.first?["subresources"]?.objectValue?.keys ?? []
            let resourceVersions = versions.compactMap { v -> DiscoveryCatalog.Version? in
                guard let name = v["name"]?.stringValue else { return nil }
                let resource = APIResourceInfo(
                    group: group, version: name, name: plural,
                    singularName: spec?[path: "names", "singular"]?.stringValue ?? kind.lowercased(), kind: kind,
                    namespaced: spec?["scope"]?.stringValue != "Cluster",
                    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                    shortNames: spec?[path: "names", "shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    categories: spec?[path: "names", "categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    subresources: subresources.map { APISubresourceInfo(name: $0, verbs: ["get", "patch", "update"]) })
                return DiscoveryCatalog.Version(version: name, resources: [resource])
            }
            let storage = versions.first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
            groups.append(DiscoveryCatalog.Group(name: group, versions: resourceVersions, preferredVersion: storage))
        }
        return DiscoveryCatalog.wellKnown.merging(DiscoveryCatalog(groups: groups))
    }

    private mutating func add(_ document: SourceDocument) {
        let value = document.value
        if value.isNull { return }  // empty documents (`---` at the end of a file) are fine
        guard value.objectValue != nil else {
            diagnostics.append(
                Diagnostic(
                    .error, "document is a \(value.typeName), not a Kubernetes object",
                    location: document.location))
            return
        }
        guard let apiVersion = value["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            diagnostics.append(
                Diagnostic(
                    .error, "document has no apiVersion; every object needs apiVersion and kind",
                    location: document.location))
            return
        }
        guard let kind = value["kind"]?.stringValue, !kind.isEmpty else {
            diagnostics.append(
                Diagnostic(
                    .error, "document has no kind; every object needs apiVersion and kind",
                    location: document.location))
            return
        }
        let group = DiscoveryDocument.splitGroupVersion(apiVersion).group
        let name = value[path: "metadata", "name"]?.stringValue ?? ""

        if kind.hasSuffix("List"), let items = value["items"]?.arrayValue {
            for item in items { add(SourceDocument(value: item, location: document.location)) }
            return
        }
        if kind == "SelfSubjectReview" && group == "authentication.k8s.io" {
            guard let userInfo = value[path: "status", "userInfo"], userInfo.objectValue != nil,
                !(userInfo["username"]?.stringValue ?? "").isEmpty
            else {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "SelfSubjectReview has no status.userInfo.username; save it with `kubectl auth whoami -o yaml`",
                        location: document.location))
                return
            }
            if let previous = caller {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "a second SelfSubjectReview (the caller is already \"\(previous.user.username)\" from"
                            + " \(previous.location)); keep one, or pass --as",
                        location: document.location))
                return
            }
            caller = (UserInfo(json: userInfo), document.location)
            return
        }
        guard !name.isEmpty else {
            diagnostics.append(Diagnostic(.error, "\(kind) has no metadata.name", location: document.location))
            return
        }
        switch (group, kind) {
        case ("kyverno.io", "ClusterPolicy"): clusterPolicies.append(document)
        case ("kyverno.io", "Policy"): policies.append(document)
        case ("kyverno.io", "PolicyException"): policyExceptions.append(document)
        case ("", "ConfigMap") where isKyvernoConfigMap(value):
            if let previous = kyvernoConfigMap {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "a second Kyverno ConfigMap (the first is at \(previous.location))", location: document.location
                    ))
            } else {
                kyvernoConfigMap = document
            }
        case ("rbac.authorization.k8s.io", "Role"): roles.append(document)
        case ("rbac.authorization.k8s.io", "ClusterRole"): clusterRoles.append(document)
        case ("rbac.authorization.k8s.io", "RoleBinding"): roleBindings.append(document)
        case ("rbac.authorization.k8s.io", "ClusterRoleBinding"): clusterRoleBindings.append(document)
        case ("", "Namespace"): namespaces.append(document)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): customResourceDefinitions.append(document)
        default:
            diagnostics.append(
                Diagnostic(
                    .note, "ignored \(apiVersion) \(kind) \"\(name)\": not used by can-i",
                    location: document.location))
            return
        }
        if ["Role", "RoleBinding", "Policy", "PolicyException"].contains(kind),
            (value[path: "metadata", "namespace"]?.stringValue ?? "").isEmpty
        {
            diagnostics.append(
                Diagnostic(
                    .error, "\(kind) \"\(name)\" has no metadata.namespace",
                    location: document.location))
        }
    }

    /// Kyverno's ConfigMap is `kyverno` in the Kyverno namespace by default (env `INIT_CONFIG`).
    private func isKyvernoConfigMap(_ value: JSONValue) -> Bool {
        value[path: "metadata", "name"]?.stringValue == "kyverno"
    }
}
