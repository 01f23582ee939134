import Foundation
import GuardrailCore
import KubeTestServer
import Testing

@testable import GuardrailCLI

/// Namespaces and object names from the test API server, through the real kubectl and the shim, with
/// the name cache and the time budget.
@Suite("Completion of namespaces and object names from the API server")
struct CompletionNamesTests {
    static let token = "completion-test-token"

    struct Cluster {
        var server: KubeTestServer
        var sandbox: CompletionKubectlTests.Sandbox
    }

    /// A test API server with namespaces and pods, a kubeconfig for it, and cached discovery.
    static func cluster() throws -> Cluster {
        let server = try KubeTestServer(.init(tokens: [token: UserInfo(username: "jane", groups: ["devs"])]))
        for namespace in ["default", "kube-system", "team-a", "team-b"] {
            try server.add(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
        }
        for (namespace, pod) in [("team-a", "api-0"), ("team-a", "api-1"), ("team-b", "worker-0")] {
            try server.add([
                "apiVersion": "v1", "kind": "Pod",
                "metadata": ["name": .string(pod), "namespace": .string(namespace)],
            ])
        }
        let root = try CompletionPaths.temporaryDirectory("names")
        let kubeconfig = root + "/kubeconfig"
        try TestKubeconfig.render(
            server: server.url, caPEM: server.caPEM, users: [.token(name: "token", token: token)],
            namespace: "team-a"
        )
        .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        var sandbox = try CompletionKubectlTests.Sandbox(kubeconfig: kubeconfig)
        let host = DiscoveryHost.directory(server.url)
        try FileManager.default.copyItem(
            atPath: CompletionPaths.fixtures + "/discovery",
            toPath: sandbox.root + "/cache/discovery/" + host)
        sandbox.environment["KUBECONFIG"] = kubeconfig
        return Cluster(server: server, sandbox: sandbox)
    }

    /// The live engine with kubectl's cache directory redirected (process environment stays untouched:
    /// tests run in parallel).
    static func engine(cacheDirectory: String) -> CompletionEngine {
        var engine = CompletionEngine.live()
        engine.dataSource = LiveCompletionDataSource(
            environment: CacheDirectoryEnvironment(cacheDirectory: cacheDirectory))
        return engine
    }

    static func listRequests(_ server: KubeTestServer, _ path: String) -> Int {
        server.requests.filter { $0.method == "GET" && $0.path == path }.count
    }

    @Test(arguments: CompletionKubectlTests.kubectls)
    func namespacesForDashNThroughKubectl(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let cluster = try Self.cluster()
        defer { cluster.server.stop() }
        let answer = try cluster.sandbox.complete(kubectl, ["can-i", "get", "pods", "-n", ""])
        #expect(answer.values == ["default", "kube-system", "team-a", "team-b"])
        #expect(answer.directive == 4)
        #expect(
            try cluster.sandbox.complete(kubectl, ["can-i", "get", "pods", "-n", "team"]).values == [
                "team-a", "team-b",
            ])
        #expect(try cluster.sandbox.complete(kubectl, ["--namespace", "k"]).values == ["kube-system"])
        // The second and third request were served from the name cache: one list request in all.
        #expect(Self.listRequests(cluster.server, "/api/v1/namespaces") == 1)
    }

    @Test(arguments: CompletionKubectlTests.kubectls)
    func objectNamesForCanIInTheContextOrChosenNamespace(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let cluster = try Self.cluster()
        defer { cluster.server.stop() }
        #expect(try cluster.sandbox.complete(kubectl, ["can-i", "delete", "pods", ""]).values == ["api-0", "api-1"])
        #expect(
            try cluster.sandbox.complete(kubectl, ["-n", "team-b", "can-i", "delete", "po", ""]).values == ["worker-0"])
        #expect(
            try cluster.sandbox.complete(kubectl, ["can-i", "delete", "pods/api-"]).values == [
                "pods/api-0", "pods/api-1",
            ])
    }

    @Test func aSlowServerGetsTheBudgetAndCachedNamesWithAHint() async throws {
        let cluster = try Self.cluster()
        defer { cluster.server.stop() }
        var engine = Self.engine(cacheDirectory: cluster.sandbox.root + "/cache")
        engine.budget = .seconds(30)
        let selection = ["--kubeconfig", cluster.sandbox.environment["KUBECONFIG"]!]

        let fresh = await engine.complete(selection + ["-n", ""])
        #expect(fresh.candidates.map(\.value) == ["default", "kube-system", "team-a", "team-b"])
        #expect(fresh.activeHelp == [])

        // Age the cache past its 30 s freshness and make the server slower than the budget.
        let cacheFile = try #require(
            FileManager.default.enumerator(atPath: cluster.sandbox.root + "/cache/guardrail")?
                .allObjects.compactMap { $0 as? String }.first { $0.hasSuffix("namespaces@_cluster") })
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -180)],
            ofItemAtPath: cluster.sandbox.root + "/cache/guardrail/" + cacheFile)
        // The hint can only come from the budget running out: the server would answer after 3 s.
        cluster.server.configure { $0.latency = 3 }
        engine.budget = .milliseconds(300)
        let slow = await engine.complete(selection + ["-n", "t"])
        #expect(slow.candidates.map(\.value) == ["team-a", "team-b"])
        #expect(
            slow.activeHelp == ["namespaces: the API server did not answer within 0.3s (showing names cached 3m ago)"])
    }

    @Test func discoveryIsFetchedOnceWhenNothingIsCachedAndThenServedFromTheCache() async throws {
        let cluster = try Self.cluster()
        defer { cluster.server.stop() }
        let discovery = cluster.sandbox.root + "/cache/discovery/" + DiscoveryHost.directory(cluster.server.url)
        try FileManager.default.removeItem(atPath: discovery)
        var engine = Self.engine(cacheDirectory: cluster.sandbox.root + "/cache")
        engine.budget = .seconds(30)  // what is tested is "once, then cached", not speed (tests share 2 cores)
        let selection = ["--kubeconfig", cluster.sandbox.environment["KUBECONFIG"]!]

        let first = await engine.complete(selection + ["can-i", "get", "n"])
        #expect(first.candidates.map(\.value).contains("namespaces"))
        #expect(FileManager.default.fileExists(atPath: discovery + "/servergroups.json"))
        let discoveryRequests = cluster.server.requests.count { $0.path == "/api" || $0.path == "/apis" }
        #expect(discoveryRequests >= 1)

        let second = await engine.complete(selection + ["can-i", "get", "n"])
        #expect(second.candidates == first.candidates)
        #expect(cluster.server.requests.count { $0.path == "/api" || $0.path == "/apis" } == discoveryRequests)
    }

    @Test func aForbiddenListSaysSoInsteadOfOfferingNothingSilently() async throws {
        let cluster = try Self.cluster()
        defer { cluster.server.stop() }
        cluster.server.setAuthorizer { _, _ in .noOpinion }
        var engine = Self.engine(cacheDirectory: cluster.sandbox.root + "/cache")
        engine.budget = .seconds(30)
        let answer = await engine.complete(["--kubeconfig", cluster.sandbox.environment["KUBECONFIG"]!, "-n", ""])
        #expect(answer.candidates.isEmpty)
        #expect(answer.activeHelp.count == 1)
        #expect(answer.activeHelp.first?.hasPrefix("namespaces: ") == true)
        #expect(answer.activeHelp.first?.contains("forbidden") == true)
    }
}

/// kubectl's discovery cache directory name for a server URL.
enum DiscoveryHost {
    static func directory(_ server: String) -> String {
        KubeClientDiscoveryName.safe(server)
    }
}
