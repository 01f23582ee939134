import GuardrailCore
import KubeClient

/// The object given with `-f`, and the question it answers when the command line leaves parts out:
/// the resource comes from `apiVersion`/`kind`, the name and namespace from `metadata`.
struct ObjectRequest: Sendable {
    /// The object as read.
    var document: SourceDocument
    /// The query completed from the object.
    var query: AccessQuery
    /// The namespace the object asks for (`metadata.namespace`), if any.
    var namespace: String?

    /// Completes `query` (possibly `nil`: no words at all) from `document`.
    ///
    /// A resource on the command line must agree with the object's kind, and a `-n` must agree with
    /// `metadata.namespace` (kubectl refuses the same mismatch with "the namespace from the provided
    /// object … does not match the namespace …").
    static func make(
        _ document: SourceDocument, query: AccessQuery?, catalog: DiscoveryCatalog,
        explicitNamespace: String?
    ) throws(InputFileError) -> ObjectRequest {
        let where_ = document.location.description
        guard let apiVersion = document.value["apiVersion"]?.stringValue, let kind = document.value["kind"]?.stringValue
        else {
            throw InputFileError("\(where_): the object has no apiVersion or kind")
        }
        let resolver = ResourceResolver(catalog: catalog)
        guard let info = resolver.resource(forKind: kind, apiVersion: apiVersion) else {
            throw InputFileError(
                "\(where_): no resource serves kind \(kind) in \(apiVersion); is the CRD installed"
                    + " (offline: add its CustomResourceDefinition)?")
        }
        var completed = query ?? AccessQuery(verb: "create", resource: nil)
        if let typed = completed.resource {
            if case .resolved(let typedInfo, _) = resolver.resolve(typed),
                typedInfo.group != info.group || typedInfo.name != info.name
            {
                throw InputFileError(
                    "\(where_): the object is a \(kind) (\(info.qualifiedName)) but the command asks"
                        + " about \(typedInfo.qualifiedName); leave the resource out or pass a matching object")
            }
        } else {
            completed.resource = info.qualifiedName
        }
        let objectName = document.value[path: "metadata", "name"]?.stringValue ?? ""
        if let name = completed.name, !objectName.isEmpty, name != objectName {
            throw InputFileError(
                "\(where_): the object is named \"\(objectName)\" but the command asks about \"\(name)\"")
        }
        // A create request for an object with a name carries that name; generateName objects have none.
        if completed.name == nil, !objectName.isEmpty { completed.name = objectName }
        let objectNamespace = document.value[path: "metadata", "namespace"]?.stringValue
        if let objectNamespace, !objectNamespace.isEmpty, let explicitNamespace, explicitNamespace != objectNamespace,
            info.namespaced
        {
            throw InputFileError(
                "\(where_): the namespace from the provided object \"\(objectNamespace)\" does not match"
                    + " the namespace \"\(explicitNamespace)\". You must pass"
                    + " '--namespace=\(objectNamespace)' to perform this operation.")
        }
        return ObjectRequest(
            document: document, query: completed, namespace: objectNamespace.flatMap { $0.isEmpty ? nil : $0 })
    }
}
