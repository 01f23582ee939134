import GuardrailCore

/// Objects the server lists and gets, stored per resource in insertion order.
struct ObjectStore {
    private var objects: [String: [JSONValue]] = [:]
    private(set) var resourceVersion = 1000

    private static func key(_ resource: APIResource) -> String { "\(resource.group)/\(resource.resource)" }

    /// Adds or replaces (same namespace and name) an object.
    mutating func put(_ object: JSONValue, resource: APIResource) {
        var object = object
        resourceVersion += 1
        if case .object(var o) = object {
            var metadata = o["metadata"]?.objectValue ?? JSONObject()
            if metadata["resourceVersion"] == nil { metadata["resourceVersion"] = .string(String(resourceVersion)) }
            if metadata["uid"] == nil {
                metadata["uid"] = .string("00000000-0000-4000-8000-\(String(resourceVersion).leftPadded(12))")
            }
            o["metadata"] = .object(metadata)
            object = .object(o)
        }
        let name = object[path: "metadata", "name"]?.stringValue
        let namespace = object[path: "metadata", "namespace"]?.stringValue
        var list = objects[Self.key(resource)] ?? []
        if let index = list.firstIndex(where: {
            $0[path: "metadata", "name"]?.stringValue == name
                && $0[path: "metadata", "namespace"]?.stringValue == namespace
        }) {
            list[index] = object
        } else {
            list.append(object)
        }
        objects[Self.key(resource)] = list
    }

    mutating func removeAll() { objects.removeAll() }

    /// Objects of `resource`, in `namespace` when given (all namespaces otherwise).
    func list(_ resource: APIResource, namespace: String?) -> [JSONValue] {
        let all = objects[Self.key(resource)] ?? []
        guard let namespace else { return all }
        return all.filter { $0[path: "metadata", "namespace"]?.stringValue == namespace }
    }

    func get(_ resource: APIResource, namespace: String?, name: String) -> JSONValue? {
        list(resource, namespace: namespace).first { $0[path: "metadata", "name"]?.stringValue == name }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
