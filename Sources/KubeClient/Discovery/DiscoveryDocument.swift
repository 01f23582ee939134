import GuardrailCore

/// A discovery document that did not have the expected shape.
public struct DiscoveryDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, lowercase, naming the document.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Decoding of the three discovery documents the API server serves, and encoding of the two that
/// kubectl's disk cache stores. Pure: takes and returns ``JSONValue``s.
///
/// Formats (`k8s.io/apimachinery/pkg/apis/meta/v1` and `k8s.io/api/apidiscovery/v2`):
/// - `APIGroupList` (`GET /apis`, and kubectl's `servergroups.json`);
/// - `APIResourceList` (`GET /api/v1`, `GET /apis/<group>/<version>`, and `serverresources.json`),
///   where subresources are separate entries named `parent/sub`;
/// - `APIGroupDiscoveryList` (aggregated discovery, `GET /api` and `GET /apis` with the v2 `Accept`),
///   one document for all groups with subresources nested.
public enum DiscoveryDocument {
    /// The `Accept` header client-go sends on `/api` and `/apis` to get aggregated discovery, with a
    /// plain JSON fallback for servers older than 1.27 (`discovery_client.go` `acceptDiscoveryFormats`).
    public static let aggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    /// Whether a response `Content-Type` announces aggregated discovery: parameters `g`, `v` and `as`
    /// in any order, extra parameters allowed (client-go `ContentTypeIsGVK`).
    public static func isAggregated(contentType: String) -> Bool {
        var parameters: [String: String] = [:]
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
        }
        return parameters["g"] == "apidiscovery.k8s.io" && (parameters["v"] == "v2" || parameters["v"] == "v2beta1")
            && parameters["as"] == "APIGroupDiscoveryList"
    }

    // MARK: - Aggregated

    /// Decodes an `APIGroupDiscoveryList` into groups (core group named `""`).
    public static func groups(fromAggregated document: JSONValue) throws(DiscoveryDocumentError)
        -> [DiscoveryCatalog.Group]
    {
        guard document["kind"]?.stringValue == "APIGroupDiscoveryList", let items = document["items"]?.arrayValue else {
            throw DiscoveryDocumentError("aggregated discovery document is not an APIGroupDiscoveryList")
        }
        return items.map { item in
            let groupName = item[path: "metadata", "name"]?.stringValue ?? ""
            let versions = (item["versions"]?.arrayValue ?? []).map { versionJSON -> DiscoveryCatalog.Version in
                let version = versionJSON["version"]?.stringValue ?? ""
                let resources = (versionJSON["resources"]?.arrayValue ?? []).map {
                    aggregatedResource($0, group: groupName, version: version)
                }
                // A stale group version (its aggregated API server is down) lists no usable resources.
                let stale = versionJSON["freshness"]?.stringValue == "Stale"
                return DiscoveryCatalog.Version(version: version, resources: resources, resourcesKnown: !stale)
            }
            return DiscoveryCatalog.Group(
                name: groupName, versions: versions, preferredVersion: versions.first?.version)
        }
    }

    private static func aggregatedResource(_ json: JSONValue, group: String, version: String) -> APIResourceInfo {
        let subresources = (json["subresources"]?.arrayValue ?? []).map { sub in
            let kindGroup = sub[path: "responseKind", "group"]?.stringValue
            return APISubresourceInfo(
                name: sub["subresource"]?.stringValue ?? "",
                kind: sub[path: "responseKind", "kind"]?.stringValue ?? "",
                kindGroup: kindGroup == group ? nil : kindGroup,
                verbs: strings(sub["verbs"])
            )
        }
        return APIResourceInfo(
            group: group, version: version, name: json["resource"]?.stringValue ?? "",
            singularName: json["singularResource"]?.stringValue ?? "",
            kind: json[path: "responseKind", "kind"]?.stringValue ?? "",
            namespaced: json["scope"]?.stringValue == "Namespaced",
            verbs: strings(json["verbs"]), shortNames: strings(json["shortNames"]),
            categories: strings(json["categories"]), subresources: subresources
        )
    }

    // MARK: - Legacy

    /// Decodes an `APIGroupList` (or kubectl's cached `servergroups.json`): group names, their versions
    /// and the preferred version, without resources.
    public static func groups(fromGroupList document: JSONValue) throws(DiscoveryDocumentError)
        -> [DiscoveryCatalog.Group]
    {
        guard let groups = document["groups"]?.arrayValue else {
            throw DiscoveryDocumentError("discovery document is not an APIGroupList (no \"groups\")")
        }
        return groups.map { group in
            let versions = (group["versions"]?.arrayValue ?? []).compactMap { $0["version"]?.stringValue }
            return DiscoveryCatalog.Group(
                name: group["name"]?.stringValue ?? "",
                versions: versions.map { DiscoveryCatalog.Version(version: $0, resources: [], resourcesKnown: false) },
                preferredVersion: group[path: "preferredVersion", "version"]?.stringValue
            )
        }
    }

    /// Decodes the `versions` of an `APIVersions` document (`GET /api`).
    public static func coreVersions(fromAPIVersions document: JSONValue) throws(DiscoveryDocumentError) -> [String] {
        guard let versions = document["versions"]?.arrayValue else {
            throw DiscoveryDocumentError("discovery document is not an APIVersions list (no \"versions\")")
        }
        return versions.compactMap(\.stringValue)
    }

    /// Decodes an `APIResourceList`, folding `parent/sub` entries into their parent's subresources.
    public static func resources(fromResourceList document: JSONValue) throws(DiscoveryDocumentError)
        -> (group: String, version: String, resources: [APIResourceInfo])
    {
        guard let groupVersion = document["groupVersion"]?.stringValue, let entries = document["resources"]?.arrayValue
        else {
            throw DiscoveryDocumentError("discovery document is not an APIResourceList (no \"groupVersion\")")
        }
        let (group, version) = splitGroupVersion(groupVersion)
        var resources: [APIResourceInfo] = []
        var pendingSubresources: [(parent: String, sub: APISubresourceInfo)] = []
        for entry in entries {
            guard let name = entry["name"]?.stringValue else { continue }
            if let slash = name.firstIndex(of: "/") {
                let kindGroup = entry["group"]?.stringValue
                pendingSubresources.append(
                    (
                        String(name[..<slash]),
                        APISubresourceInfo(
                            name: String(name[name.index(after: slash)...]), kind: entry["kind"]?.stringValue ?? "",
                            kindGroup: kindGroup == nil || kindGroup == group ? nil : kindGroup,
                            verbs: strings(entry["verbs"])
                        )
                    ))
                continue
            }
            resources.append(
                APIResourceInfo(
                    group: group, version: version, name: name, singularName: entry["singularName"]?.stringValue ?? "",
                    kind: entry["kind"]?.stringValue ?? "", namespaced: entry["namespaced"]?.boolValue ?? false,
                    verbs: strings(entry["verbs"]), shortNames: strings(entry["shortNames"]),
                    categories: strings(entry["categories"])
                ))
        }
        for (parent, sub) in pendingSubresources {
            if let i = resources.firstIndex(where: { $0.name == parent }) { resources[i].subresources.append(sub) }
        }
        return (group, version, resources)
    }

    // MARK: - Encoding (kubectl's disk cache format)

    /// The `APIGroupList` kubectl writes to `servergroups.json`, core group first.
    public static func groupList(of catalog: DiscoveryCatalog) -> JSONValue {
        let groups = catalog.groups.map { group -> JSONValue in
            func gv(_ version: String) -> JSONValue {
                [
                    "groupVersion": .string(group.name.isEmpty ? version : "\(group.name)/\(version)"),
                    "version": .string(version),
                ]
            }
            var object: JSONObject = [
                "name": .string(group.name), "versions": .array(group.versions.map { gv($0.version) }),
            ]
            if let preferred = group.preferredVersion ?? group.versions.first?.version {
                object["preferredVersion"] = gv(preferred)
            }
            return .object(object)
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// The `APIResourceList` kubectl writes to `<group>/<version>/serverresources.json`, subresources as
    /// `parent/sub` entries.
    public static func resourceList(group: String, version: DiscoveryCatalog.Version) -> JSONValue {
        var entries: [JSONValue] = []
        for resource in version.resources {
            var object: JSONObject = [
                "name": .string(resource.name), "singularName": .string(resource.singularName),
                "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                "verbs": .array(resource.verbs.map(JSONValue.string)),
            ]
            if !resource.shortNames.isEmpty { object["shortNames"] = .array(resource.shortNames.map(JSONValue.string)) }
            if !resource.categories.isEmpty { object["categories"] = .array(resource.categories.map(JSONValue.string)) }
            entries.append(.object(object))
            for sub in resource.subresources {
                var subObject: JSONObject = [
                    "name": .string("\(resource.name)/\(sub.name)"), "singularName": "",
                    "namespaced": .bool(resource.namespaced),
                ]
                if let kindGroup = sub.kindGroup { subObject["group"] = .string(kindGroup) }
                subObject["kind"] = .string(sub.kind)
                subObject["verbs"] = .array(sub.verbs.map(JSONValue.string))
                entries.append(.object(subObject))
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version.version : "\(group)/\(version.version)"),
            "resources": .array(entries),
        ]
    }

    // MARK: - Helpers

    /// Splits `apps/v1` into (`apps`, `v1`) and `v1` into (`""`, `v1`).
    public static func splitGroupVersion(_ groupVersion: String) -> (group: String, version: String) {
        guard let slash = groupVersion.lastIndex(of: "/") else { return ("", groupVersion) }
        return (String(groupVersion[..<slash]), String(groupVersion[groupVersion.index(after: slash)...]))
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
