import GuardrailCore

/// A group/version/kind.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    /// The API group (`""` for the core group).
    public var group: String
    /// The API version, e.g. `v1`.
    public var version: String
    /// The kind (for GroupVersionKind) or the top-level kind of the resource (for the request).
    public var kind: String

    public init(group: String = "", version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// `apps/v1/Deployment`, `v1/Pod`.
    public var apiVersionKind: String { (group.isEmpty ? "" : group + "/") + version + "/" + kind }
    /// The text form used in traces.
    public var description: String { apiVersionKind }

    var json: JSONValue { ["group": .string(group), "version": .string(version), "kind": .string(kind)] }
}

/// A group/version/resource.
public struct GroupVersionResource: Sendable, Hashable, CustomStringConvertible {
    /// The API group (`""` for the core group).
    public var group: String
    /// The API version, e.g. `v1`.
    public var version: String
    /// The resource (plural, lowercase), e.g. `deployments`.
    public var resource: String

    public init(group: String = "", version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    /// The text form used in traces.
    public var description: String { (group.isEmpty ? "" : group + "/") + version + "/" + resource }

    var json: JSONValue { ["group": .string(group), "version": .string(version), "resource": .string(resource)] }
}

/// The request the API server would send to Kyverno's validating webhook.
///
/// `kind` is the *top-level* kind of the resource (for `pods/exec` it is `v1 Pod`, with `subResource`
/// `exec`) — the kind Kyverno matches `kinds` against. `requestKind` is the kind of the body that is sent
/// (`PodExecOptions`, `Scale`), defaulting to `kind`.
///
/// `object`/`oldObject` are `nil` when not supplied. What "not supplied" means depends on the operation:
/// CREATE and CONNECT have no old object (it is `null`, known); DELETE has no new object (`null`, known);
/// a `nil` where the API server would send an object makes every result that reads it `dependsOnObject`.
public struct AdmissionRequest: Sendable, Hashable {
    /// `CREATE`, `UPDATE`, `DELETE`, `CONNECT` — or a read verb such as `GET`, which never reaches admission.
    public var operation: String
    /// The kind (for GroupVersionKind) or the top-level kind of the resource (for the request).
    public var kind: GroupVersionKind
    /// The resource (plural, lowercase), e.g. `deployments`.
    public var resource: GroupVersionResource
    /// `exec`, `status`, `scale`, … or empty.
    public var subResource: String
    /// The kind of the body sent (`PodExecOptions`, `Scale`); `nil` means `kind`.
    public var requestKind: GroupVersionKind?
    /// Empty for cluster-scoped resources (and for Namespace CREATE).
    public var namespace: String
    /// Empty for `generateName` creates and CONNECT.
    public var name: String
    /// The new object; `nil` when not supplied.
    public var object: JSONValue?
    /// The existing object (UPDATE, DELETE); `nil` when not supplied.
    public var oldObject: JSONValue?
    /// Server-side dry run (Kyverno validates dry runs too).
    public var dryRun: Bool
    /// The request uid (only visible as `request.uid`).
    public var uid: String

    public init(
        operation: String, kind: GroupVersionKind, resource: GroupVersionResource, subResource: String = "",
        requestKind: GroupVersionKind? = nil, namespace: String = "", name: String = "",
        object: JSONValue? = nil, oldObject: JSONValue? = nil, dryRun: Bool = false, uid: String = ""
    ) {
        self.operation = operation
        self.kind = kind
        self.resource = resource
        self.subResource = subResource
        self.requestKind = requestKind
        self.namespace = namespace
        self.name = name
        self.object = object
        self.oldObject = oldObject
        self.dryRun = dryRun
        self.uid = uid
    }

    /// Whether the operation is one the API server sends to admission webhooks.
    public var isAdmitted: Bool { ["CREATE", "UPDATE", "DELETE", "CONNECT"].contains(operation) }

    /// The new object as Kyverno sees it: `null` on DELETE, `nil` when it should exist but was not supplied.
    var knownObject: JSONValue? { operation == "DELETE" ? .null : object }
    /// The old object: `null` on CREATE/CONNECT, `nil` when it should exist but was not supplied.
    var knownOldObject: JSONValue? { operation == "CREATE" || operation == "CONNECT" ? .null : oldObject }

    /// The object matching, exceptions and messages use: the new object, or the old one on DELETE.
    var resourceObject: JSONValue? { operation == "DELETE" ? oldObject : object }
}
