import Foundation
import GuardrailCore
import KubeTestServer
import RBAC
import Testing

@testable import GuardrailCLI
import TestSupport

/// A KubeTestServer holding the scenario cluster (Fixtures/cani/scenarios/cluster), answering
/// SelfSubjectAccessReviews — and authorizing every read — with the RBAC module's authorizer over the
/// scenario's RBAC objects, plus a kubeconfig with one context per scenario user.
final class CanIScenarioCluster: @unchecked Sendable {
    static let users: [String: UserInfo] = [
        "dev": UserInfo(username: "dev", groups: ["devs", "system:authenticated"]),
        "secret-admin": UserInfo(username: "dev", groups: ["devs", "secret-admins", "system:authenticated"]),
        "ci-bot": UserInfo(username: "ci-bot", groups: ["system:authenticated"]),
        "no-policies": UserInfo(username: "no-policies", groups: ["system:authenticated"]),
        "no-bindings": UserInfo(username: "no-bindings", groups: ["system:authenticated"]),
        "admin": UserInfo(username: "admin", groups: ["platform-admins", "system:authenticated"]),
    ]

    let server: KubeTestServer
    let directory: String
    let documents: [JSONValue]
    let authorizer: RBACAuthorizer

    init(extraObjects: [JSONValue] = []) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CanIScenarioCluster.clusterDirectory).sorted()
        var documents: [JSONValue] = []
        for file in files {
            documents += try CanIDocuments.parse(
                try String(contentsOfFile: CanIScenarioCluster.clusterDirectory + "/" + file, encoding: .utf8), file
            ).map(\.value)
        }
        self.documents = documents
        let objects = RBACObjects(objects: documents)
        let authorizer = RBACAuthorizer(objects)
        self.authorizer = authorizer
        var tokens: [String: UserInfo] = [:]
        for (name, user) in Self.users { tokens["\(name)-token"] = user }
        server = try KubeTestServer(
            .init(
                tokens: tokens,
                authorizer: { user, attributes in
                    Self.decide(authorizer, user, attributes)
                }))
        try server.add(contentsOf: documents + extraObjects)
        directory = NSTemporaryDirectory() + "cani-live-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let kubeconfig = TestKubeconfig.render(
            server: server.url, caPEM: server.caPEM,
            users: Self.users.keys.sorted().map { .token(name: $0, token: "\($0)-token") })
        try kubeconfig.write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static let clusterDirectory = CanIFixtures.directory + "/scenarios/cluster"
    static let objectsDirectory = CanIFixtures.directory + "/scenarios/objects"
    var kubeconfigPath: String { directory + "/kubeconfig" }

    /// The test server's authorizer: the RBAC module over the scenario objects (no canned answers).
    static func decide(_ authorizer: RBACAuthorizer, _ user: UserInfo, _ attributes: JSONValue) -> AuthorizationDecision
    {
        let decision: RBACDecision
        if let r = attributes["resourceAttributes"] {
            decision = authorizer.authorize(
                user,
                ResourceAttributes(
                    verb: r["verb"]?.stringValue ?? "", group: r["group"]?.stringValue ?? "",
                    version: r["version"]?.stringValue ?? "", resource: r["resource"]?.stringValue ?? "",
                    subresource: r["subresource"]?.stringValue ?? "", namespace: r["namespace"]?.stringValue ?? "",
                    name: r["name"]?.stringValue ?? ""))
        } else {
            let n = attributes["nonResourceAttributes"]
            decision = authorizer.authorize(
                user,
                NonResourceAttributes(
                    path: n?["path"]?.stringValue ?? "", verb: n?["verb"]?.stringValue ?? ""))
        }
        return AuthorizationDecision(allowed: decision.allowed, reason: decision.reason)
    }

    /// `kubectl guardrail can-i …` in process, as `context`.
    func canI(_ arguments: [String], as context: String) async -> CLIResult {
        let environment = DiskEnvironment(
            variables: ["KUBECONFIG": kubeconfigPath, "KUBECACHEDIR": directory + "/cache"], homeDirectory: directory)
        return await runCLI(["can-i"] + arguments + ["--context", context], environment: environment)
    }

    /// The same question offline, from the same files, as the same user.
    static func offline(_ arguments: [String], as context: String) async -> CLIResult {
        let user = users[context]!
        var identity = ["--as", user.username]
        for group in user.groups where group != "system:authenticated" { identity += ["--as-group", group] }
        return await runCLI(["can-i"] + arguments + identity + ["--offline", clusterDirectory])
    }
}

/// One scenario: who asks what, and the expected exit code (and a line the output must contain).
struct CanIScenario: Sendable, CustomStringConvertible {
    var name: String
    var context: String
    var arguments: [String]
    var exitCode: Int32
    var mustContain: String

    var description: String { name }

    static let all: [CanIScenario] = [
        .init(
            name: "allowed", context: "dev", arguments: ["create", "configmaps", "-n", "team-a"], exitCode: 0,
            mustContain:
                "RBAC        yes — RBAC: allowed by RoleBinding \"devs-edit/team-a\" of ClusterRole \"team-editor\" to Group \"devs\""
        ),
        .init(
            name: "denied by RBAC", context: "dev", arguments: ["create", "deployments", "-n", "team-b"], exitCode: 1,
            mustContain: "no — RBAC does not allow it"),
        .init(
            name: "denied by an Enforce rule", context: "dev", arguments: ["delete", "configmaps", "-n", "team-a"],
            exitCode: 1, mustContain: "configmaps in team-a are protected; ask the platform team"),
        .init(
            name: "audited only", context: "dev", arguments: ["create", "services", "-n", "team-a"], exitCode: 0,
            mustContain: "AUDIT  ClusterPolicy audit-services, rule report-services [Audit]"),
        .init(
            name: "exempted by a PolicyException", context: "secret-admin",
            arguments: ["create", "secrets", "-n", "team-a"], exitCode: 0,
            mustContain: "exempted by PolicyException kyverno/secret-admins"),
        .init(
            name: "not exempted without the group", context: "dev", arguments: ["create", "secrets", "-n", "team-a"],
            exitCode: 1, mustContain: "secrets in team-a come from the external secrets operator"),
        .init(
            name: "excluded by the ConfigMap", context: "ci-bot", arguments: ["delete", "configmaps", "-n", "team-a"],
            exitCode: 0, mustContain: "EXCLUDED  ConfigMap kyverno/kyverno"),
        .init(
            name: "object-dependent without -f", context: "dev", arguments: ["create", "deployments", "-n", "team-a"],
            exitCode: 3, mustContain: "yes, unless the object is rejected by ClusterPolicy \"require-app-label\""),
        .init(
            name: "object-dependent with a passing -f", context: "dev",
            arguments: ["create", "-f", CanIScenarioCluster.objectsDirectory + "/deployment-labelled.yaml"],
            exitCode: 0, mustContain: "create deployments.apps \"web\" in namespace \"team-a\""),
        .init(
            name: "object-dependent with a failing -f", context: "dev",
            arguments: ["create", "-f", CanIScenarioCluster.objectsDirectory + "/deployment-unlabelled.yaml"],
            exitCode: 1, mustContain: "validation error: the label `app` is required"),
        .init(
            name: "blocked through clusterRoles from a ClusterRoleBinding", context: "admin",
            arguments: ["create", "configmaps", "-n", "team-a"], exitCode: 1,
            mustContain: "clusterRoles: cluster-admin via ClusterRoleBinding 'platform-admins'"),
        .init(
            name: "reads only need RBAC", context: "dev", arguments: ["list", "configmaps", "-n", "team-a"],
            exitCode: 0, mustContain: "guardrails  not applicable — list is a read"),
    ]
}

@Suite("can-i end to end: test API server and offline", .serialized)
struct CanILiveTests {
    @Test(arguments: CanIScenario.all)
    func liveAndOfflineAgree(scenario: CanIScenario) async throws {
        let cluster = try CanIScenarioCluster()
        let live = await cluster.canI(scenario.arguments, as: scenario.context)
        #expect(live.exitCode == scenario.exitCode, "live \(scenario): \(live.stdout)\(live.stderr)")
        #expect(live.stdout.contains(scenario.mustContain), "live \(scenario): \(live.stdout)")
        let offline = await CanIScenarioCluster.offline(scenario.arguments, as: scenario.context)
        #expect(offline.exitCode == scenario.exitCode, "offline \(scenario): \(offline.stdout)\(offline.stderr)")
        #expect(
            offline.stdout.contains(scenario.mustContain.replacingOccurrences(of: "[Audit]", with: "[Audit]")),
            "offline \(scenario): \(offline.stdout)")
        // Same verdict and same rules, whichever way the state was gathered.
        #expect(Self.firstLine(live.stdout) == Self.firstLine(offline.stdout))
        #expect(Self.ruleLines(live.stdout) == Self.ruleLines(offline.stdout))
    }

    static func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }
    static func ruleLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            ["BLOCKS", "MAY BLOCK", "AUDIT", "EXEMPTED", "EXCLUDED", "passes"].contains { line.hasPrefix("  \($0)  ") }
        }
    }

    @Test func forbiddenToReadPoliciesIsUnknownNotYes() async throws {
        let cluster = try CanIScenarioCluster()
        let result = await cluster.canI(["create", "configmaps", "-n", "team-a"], as: "no-policies")
        #expect(result.exitCode == 2)
        #expect(result.stdout.hasPrefix("unknown — RBAC allows it, but the guardrails could not be checked"))
        #expect(result.stdout.contains("  - could not list clusterpolicies.kyverno.io: forbidden"))
        #expect(result.stdout.contains("no ClusterPolicy was checked, so the guardrails are unknown"))
        // RBAC was still answered, with its reason.
        #expect(result.stdout.contains("RBAC: allowed by RoleBinding \"devs-edit/team-a\""))
    }

    @Test func forbiddenToReadBindingsKeepsTheVerdictAndSaysWhatItWeakens() async throws {
        let cluster = try CanIScenarioCluster()
        let result = await cluster.canI(["delete", "configmaps", "-n", "team-a"], as: "no-bindings")
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("could not list clusterrolebindings: forbidden"))
        #expect(result.stdout.contains("rules that match on clusterRoles may be misjudged"))
        #expect(result.stdout.contains("could not list rolebindings: forbidden"))
    }

    @Test(arguments: [
        ("500 once", Fault.status(500), 1 as Int?, Int32(1)),
        ("429 once", Fault.status(429), 1, 1),
        ("dropped once", Fault.dropConnection, 1, 1),
        ("500 always", Fault.status(500), nil, 2),
        ("dropped always", Fault.dropConnection, nil, 2),
    ])
    func faultsOnThePolicyList(name: String, fault: Fault, times: Int?, exitCode: Int32) async throws {
        let cluster = try CanIScenarioCluster()
        cluster.server.inject(fault, path: "/apis/kyverno.io/v1/clusterpolicies", method: "GET", times: times)
        let result = await cluster.canI(["delete", "configmaps", "-n", "team-a"], as: "dev")
        #expect(result.exitCode == exitCode, "\(name): \(result.stdout)\(result.stderr)")
        if exitCode == 2 {
            #expect(result.stdout.contains("  - could not list clusterpolicies.kyverno.io: "), "\(result.stdout)")
        } else {
            #expect(result.stdout.contains("configmaps in team-a are protected"))
        }
    }

    @Test func policyListsArePaginated() async throws {
        let filler: [JSONValue] = (0..<520).map { i in
            [
                "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy",
                "metadata": ["name": .string("filler-\(i)")],
                "spec": [
                    "validationFailureAction": "Audit",
                    "rules": [
                        [
                            "name": "r", "match": ["any": [["resources": ["kinds": ["Lease"]]]]],
                            "validate": ["message": "x", "deny": [:]],
                        ]
                    ],
                ],
            ]
        }
        let cluster = try CanIScenarioCluster(extraObjects: filler)
        let result = await cluster.canI(["delete", "configmaps", "-n", "team-a"], as: "dev")
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("(525 policies considered)"), "\(result.stdout)")
        let pages = cluster.server.requests.filter { $0.path == "/apis/kyverno.io/v1/clusterpolicies" }
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.queryValue("limit") == "500" })
        #expect(pages.last?.queryValue("continue") != nil)
    }

    @Test func discoveryIsCachedLikeKubectlAndReusedWarm() async throws {
        let cluster = try CanIScenarioCluster()
        _ = await cluster.canI(["create", "configmaps", "-n", "team-a"], as: "dev")
        let host = "127.0.0.1_\(cluster.server.port)"
        #expect(
            FileManager.default.fileExists(atPath: cluster.directory + "/cache/discovery/\(host)/servergroups.json"))
        #expect(
            FileManager.default.fileExists(
                atPath: cluster.directory + "/cache/discovery/\(host)/v1/serverresources.json"))
        cluster.server.clearRequests()
        let warm = await cluster.canI(["create", "configmaps", "-n", "team-a"], as: "dev")
        #expect(warm.exitCode == 0)
        #expect(!cluster.server.requests.contains { $0.path == "/api" || $0.path == "/apis" })
        // Warm: only the reviews and the guardrail reads, sent in parallel.
        #expect(cluster.server.requests.filter { $0.path.hasSuffix("/selfsubjectaccessreviews") }.count == 1)
    }

    @Test func deletesAreJudgedOnTheStoredObject() async throws {
        let policy: JSONValue = [
            "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": ["name": "keep-protected-services"],
            "spec": [
                "validationFailureAction": "Enforce", "background": false,
                "rules": [[
                    "name": "no-delete-protected",
                    "match": ["any": [["resources": ["kinds": ["Service"], "operations": ["DELETE"]]]]],
                    "validate": [
                        "message": "service {{ request.oldObject.metadata.name }} is protected",
                        "deny": ["conditions": ["any": [[
                            "key": "{{ request.oldObject.metadata.labels.protected || '' }}", "operator": "Equals",
                            "value": "true",
                        ]]]],
                    ],
                ]],
            ],
        ]
        func service(_ name: String, protected: Bool) -> JSONValue {
            var labels = JSONObject()
            if protected { labels["protected"] = "true" }
            return [
                "apiVersion": "v1", "kind": "Service",
                "metadata": ["name": .string(name), "namespace": "team-a", "labels": .object(labels)],
            ]
        }
        let cluster = try CanIScenarioCluster(
            extraObjects: [policy, service("locked", protected: true), service("free", protected: false)])
        let locked = await cluster.canI(["delete", "services", "locked", "-n", "team-a"], as: "dev")
        #expect(locked.exitCode == 1, "\(locked.stdout)\(locked.stderr)")
        #expect(locked.stdout.contains("service locked is protected"))
        let free = await cluster.canI(["delete", "services", "free", "-n", "team-a"], as: "dev")
        #expect(free.exitCode == 0, "\(free.stdout)\(free.stderr)")
        let any = await cluster.canI(["delete", "services", "-n", "team-a"], as: "dev")
        #expect(any.exitCode == 3, "\(any.stdout)\(any.stderr)")
        #expect(cluster.server.requests.contains { $0.method == "GET" && $0.path == "/api/v1/namespaces/team-a/services/locked" })
    }

    @Test func aResourceMissingFromTheCacheRefreshesDiscoveryOnce() async throws {
        let cluster = try CanIScenarioCluster()
        _ = await cluster.canI(["create", "configmaps", "-n", "team-a"], as: "dev")
        // A CRD installed after the cache was written.
        cluster.server.configure {
            $0.resources.append(APIResource(
                group: "example.com", version: "v1", resource: "widgets", kind: "Widget", namespaced: true,
                shortNames: ["wd"]))
        }
        cluster.server.clearRequests()
        let result = await cluster.canI(["create", "wd", "-n", "team-a"], as: "dev")
        #expect(!result.stderr.contains("doesn't have a resource type"), "\(result.stderr)")
        #expect(result.stdout.contains("create widgets.example.com in namespace \"team-a\""), "\(result.stdout)")
        #expect(cluster.server.requests.filter { $0.path == "/apis" }.count == 1)
        // …and the refreshed cache knows it.
        cluster.server.clearRequests()
        _ = await cluster.canI(["create", "wd", "-n", "team-a"], as: "dev")
        #expect(!cluster.server.requests.contains { $0.path == "/apis" })
    }

    @Test func clusterScopedResourcesAreAskedWithoutANamespace() async throws {
        let cluster = try CanIScenarioCluster()
        _ = await cluster.canI(["delete", "namespaces", "team-a", "-n", "team-a"], as: "dev")
        let review = try #require(cluster.server.requests.first { $0.path.hasSuffix("/selfsubjectaccessreviews") })
        #expect(review.jsonBody?[path: "spec", "resourceAttributes", "namespace"] == nil)
        #expect(review.jsonBody?[path: "spec", "resourceAttributes", "name"] == "team-a")
    }
}
