import GuardrailCore

extension KubeTestServer {
    /// `/version`, `/api`, `/apis`, `/api/v1`, `/apis/G/V`, health endpoints, and aggregated discovery
    /// (`apidiscovery.k8s.io/v2`) when the `Accept` header asks for `as=APIGroupDiscoveryList`.
    func discovery(path: String, accept: String, configuration: Configuration) -> HTTPResponse {
        let resources = servedResources(configuration)
        let groups = groupOrder(resources)
        switch path {
        case "/healthz", "/livez", "/readyz":
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("ok".utf8))
        case "/version":
            let minor = configuration.gitVersion.split(separator: ".").dropFirst().first.map(String.init) ?? "32"
            return .json(
                200,
                [
                    "major": "1", "minor": .string(minor), "gitVersion": .string(configuration.gitVersion),
                    "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
                    "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.0", "compiler": "gc",
                    "platform": "linux/amd64",
                ])
        case "/api", "/apis":
            if wantsAggregated(accept) {
                let selected = path == "/api" ? groups.filter { $0.isEmpty } : groups.filter { !$0.isEmpty }
                return .json(
                    200, aggregated(selected, resources: resources),
                    contentType: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
            }
            if path == "/api" {
                return .json(
                    200,
                    [
                        "kind": "APIVersions", "versions": ["v1"],
                        "serverAddressByClientCIDRs": [
                            ["clientCIDR": "0.0.0.0/0", "serverAddress": .string("127.0.0.1:\(port)")]
                        ],
                    ])
            }
            let list: [JSONValue] = groups.filter { !$0.isEmpty }.map { group in
                let versions = versionOrder(group, resources)
                let entries: [JSONValue] = versions.map {
                    ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)]
                }
                return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries[0]]
            }
            return .json(200, ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(list)])
        default:
            let parts = path.split(separator: "/").map(String.init)
            let group = parts[0] == "api" ? "" : parts[1]
            if parts.count == 2 && parts[0] == "apis" {
                let versions = versionOrder(group, resources)
                guard !versions.isEmpty else { return .json(404, StatusBodies.pathNotFound) }
                let entries: [JSONValue] = versions.map {
                    ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)]
                }
                return .json(
                    200,
                    [
                        "kind": "APIGroup", "apiVersion": "v1", "name": .string(group),
                        "versions": .array(entries), "preferredVersion": entries[0],
                    ])
            }
            let version = parts.last!
            let inVersion = resources.filter { $0.group == group && $0.version == version }
            guard !inVersion.isEmpty else { return .json(404, StatusBodies.pathNotFound) }
            let list: [JSONValue] = inVersion.map { r in
                var o: JSONObject = [
                    "name": .string(r.resource), "singularName": .string(r.singular),
                    "namespaced": .bool(r.namespaced), "kind": .string(r.kind),
                    "verbs": .array(r.verbs.map(JSONValue.string)),
                ]
                if !r.shortNames.isEmpty { o["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
                if !r.categories.isEmpty { o["categories"] = .array(r.categories.map(JSONValue.string)) }
                return .object(o)
            }
            return .json(
                200,
                [
                    "kind": "APIResourceList", "apiVersion": "v1",
                    "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
                    "resources": .array(list),
                ])
        }
    }

    /// client-go picks aggregated discovery by the first acceptable media type; we answer v2 when asked.
    private func wantsAggregated(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { type in
            let params = type.split(separator: ";").map { $0.trimmingSpaces() }
            return params.contains("g=apidiscovery.k8s.io") && params.contains("v=v2")
                && params.contains("as=APIGroupDiscoveryList")
        }
    }

    private func aggregated(_ groups: [String], resources: [APIResource]) -> JSONValue {
        let items: [JSONValue] = groups.map { group in
            let versions: [JSONValue] = versionOrder(group, resources).map { version in
                let list: [JSONValue] = resources.filter { $0.group == group && $0.version == version }.map { r in
                    var o: JSONObject = [
                        "resource": .string(r.resource),
                        "responseKind": [
                            "group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind),
                        ],
                        "scope": .string(r.namespaced ? "Namespaced" : "Cluster"),
                        "singularResource": .string(r.singular), "verbs": .array(r.verbs.map(JSONValue.string)),
                    ]
                    if !r.shortNames.isEmpty { o["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
                    if !r.categories.isEmpty { o["categories"] = .array(r.categories.map(JSONValue.string)) }
                    return .object(o)
                }
                return ["version": .string(version), "resources": .array(list), "freshness": "Current"]
            }
            return ["metadata": ["name": .string(group), "creationTimestamp": nil], "versions": .array(versions)]
        }
        return [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": .array(items),
        ]
    }

    /// Groups in the order of the resource table (core first).
    private func groupOrder(_ resources: [APIResource]) -> [String] {
        var seen: [String] = []
        for r in resources where !seen.contains(r.group) { seen.append(r.group) }
        return seen.sorted { a, b in a.isEmpty && !b.isEmpty }
    }

    /// Versions of a group, preferred (first listed, `v1` before betas) first.
    private func versionOrder(_ group: String, _ resources: [APIResource]) -> [String] {
        var seen: [String] = []
        for r in resources where r.group == group && !seen.contains(r.version) { seen.append(r.version) }
        return seen.sorted { versionPriority($0) > versionPriority($1) }
    }

    /// Kubernetes version priority: GA > beta > alpha, higher numbers first.
    private func versionPriority(_ version: String) -> Int {
        let digits = version.dropFirst().prefix { $0.isNumber }
        let major = Int(digits) ?? 0
        let rest = version.dropFirst(1 + digits.count)
        let minor = Int(rest.drop { !$0.isNumber }) ?? 0
        if rest.isEmpty { return 3_000_000 + major * 1000 }
        if rest.hasPrefix("beta") { return 2_000_000 + major * 1000 + minor }
        return 1_000_000 + major * 1000 + minor
    }
}
