import GuardrailCore
import GuardrailYAML
import KyvernoEngine
import TestSupport

/// Fixture files live next to the tests (no bundles, no Foundation).
enum Fixtures {
    static let directory: String = {
        var path = #filePath
        // .../Tests/KyvernoEngineTests/Support/TestSupport.swift → .../Tests/KyvernoEngineTests/Fixtures
        for _ in 0..<2 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Fixtures"
    }()

    static func text(_ relativePath: String) -> String {
        let path = directory + "/" + relativePath
        guard let text = TextFile.read(path) else { fatalError("missing fixture \(path)") }
        return text
    }

    static func documents(_ relativePath: String) -> [JSONValue] {
        documents(yaml: text(relativePath), file: relativePath)
    }

    static func documents(yaml: String, file: String = "<inline>") -> [JSONValue] {
        do {
            return try YAML.loadAll(yaml, file: file).map(\.value)
        } catch {
            fatalError("fixture \(file): \(error)")
        }
    }

    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(Fixtures.directory + "/" + directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".yaml") { names.append(name) }
        }
        return names.sorted()
    }
}

/// Short request builders.
enum Requests {
    static let resources: [String: (GroupVersionKind, GroupVersionResource)] = [
        "Pod": (GroupVersionKind(version: "v1", kind: "Pod"), GroupVersionResource(version: "v1", resource: "pods")),
        "ConfigMap": (
            GroupVersionKind(version: "v1", kind: "ConfigMap"),
            GroupVersionResource(version: "v1", resource: "configmaps")
        ),
        "Secret": (
            GroupVersionKind(version: "v1", kind: "Secret"), GroupVersionResource(version: "v1", resource: "secrets")
        ),
        "Service": (
            GroupVersionKind(version: "v1", kind: "Service"),
            GroupVersionResource(version: "v1", resource: "services")
        ),
        "Namespace": (
            GroupVersionKind(version: "v1", kind: "Namespace"),
            GroupVersionResource(version: "v1", resource: "namespaces")
        ),
        "Deployment": (
            GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"),
            GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
        ),
        "CronJob": (
            GroupVersionKind(group: "batch", version: "v1", kind: "CronJob"),
            GroupVersionResource(group: "batch", version: "v1", resource: "cronjobs")
        ),
        "ClusterRole": (
            GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole"),
            GroupVersionResource(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles")
        ),
        "Ingress": (
            GroupVersionKind(group: "networking.k8s.io", version: "v1", kind: "Ingress"),
            GroupVersionResource(group: "networking.k8s.io", version: "v1", resource: "ingresses")
        ),
        "Node": (GroupVersionKind(version: "v1", kind: "Node"), GroupVersionResource(version: "v1", resource: "nodes")),
    ]

    static func make(
        _ operation: String, _ kind: String, namespace: String = "", name: String = "",
        subResource: String = "", object: JSONValue? = nil, oldObject: JSONValue? = nil
    ) -> AdmissionRequest {
        let (gvk, gvr) = resources[kind]!
        return AdmissionRequest(
            operation: operation, kind: gvk, resource: gvr, subResource: subResource,
            namespace: namespace, name: name, object: object, oldObject: oldObject)
    }
}

extension ClusterState {
    static func from(yaml: String, settings: KyvernoSettings = KyvernoSettings()) -> ClusterState {
        ClusterState.load(documents: Fixtures.documents(yaml: yaml), settings: settings)
    }
}

extension Evaluator {
    init(_ state: ClusterState) {
        self.init(state: state, expressions: KyvernoExpressionEvaluator())
    }

    func run(_ request: AdmissionRequest, _ user: UserInfo) -> AdmissionDecision {
        evaluate(request: request, userInfo: user, now: 1_790_000_000)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
