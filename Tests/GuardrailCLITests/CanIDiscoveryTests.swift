import Foundation
import GuardrailCore
import KubeClient
import Testing

@Suite("can-i discovery: documents, resolution, disk cache")
struct CanIDiscoveryTests {
    static func aggregatedCatalog() throws -> DiscoveryCatalog {
        let core = try DiscoveryDocument.groups(fromAggregated: try CanIFixtures.json("discovery/aggregated-api.json"))
        let apis = try DiscoveryDocument.groups(fromAggregated: try CanIFixtures.json("discovery/aggregated-apis.json"))
        return DiscoveryCatalog(groups: core + apis)
    }

    @Test func aggregatedDiscoveryNestsSubresourcesAndKeepsGroupOrder() throws {
        let catalog = try Self.aggregatedCatalog()
        #expect(
            catalog.groups.map(\.name) == [
                "", "apps", "events.k8s.io", "rbac.authorization.k8s.io", "kyverno.io",
                "metrics.k8s.io", "example.com",
            ])
        let pods = try #require(catalog.group(named: "")?.versions.first?.resources.first { $0.name == "pods" })
        #expect(pods.namespaced && pods.kind == "Pod" && pods.shortNames == ["po"])
        #expect(
            pods.subresources.map(\.name) == ["attach", "binding", "eviction", "exec", "log", "portforward", "status"])
        #expect(pods.subresource(named: "eviction")?.kindGroup == "policy")
        let deployments = try #require(catalog.group(named: "apps")?.versions.first?.resources.first)
        #expect(deployments.subresource(named: "scale")?.kindGroup == "autoscaling")
        #expect(catalog.group(named: "metrics.k8s.io")?.versions.first?.resourcesKnown == false)
    }

    @Test func legacyResourceListFoldsSubresources() throws {
        let list = try DiscoveryDocument.resources(
            fromResourceList: try CanIFixtures.json("discovery/legacy-apps-v1.json"))
        #expect(list.group == "apps" && list.version == "v1")
        #expect(list.resources.map(\.name) == ["controllerrevisions", "deployments"])
        let deployments = list.resources[1]
        #expect(deployments.subresources.map(\.name) == ["scale", "status"])
        #expect(deployments.subresources[0].kind == "Scale" && deployments.subresources[0].kindGroup == "autoscaling")
        #expect(deployments.subresources[1].kindGroup == nil)
    }

    @Test func legacyGroupListKeepsPreferredVersion() throws {
        let groups = try DiscoveryDocument.groups(fromGroupList: try CanIFixtures.json("discovery/legacy-apis.json"))
        #expect(groups.map(\.name) == ["apps", "kyverno.io"])
        #expect(groups[1].preferredVersion == "v2")
        #expect(groups[1].versionsByPreference.map(\.version) == ["v2", "v1"])
    }

    @Test func wrongDocumentsAreRejectedWithAMessage() {
        #expect(throws: DiscoveryDocumentError.self) {
            try DiscoveryDocument.groups(fromAggregated: ["kind": "APIGroupList"])
        }
        #expect(throws: DiscoveryDocumentError.self) {
            try DiscoveryDocument.resources(fromResourceList: ["kind": "Status"])
        }
    }

    @Test(arguments: [
        ("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", true),
        ("application/json;as=APIGroupDiscoveryList;v=v2beta1;g=apidiscovery.k8s.io;profile=nopeer", true),
        ("application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList", true),
        ("application/json", false),
        ("application/json;g=apidiscovery.k8s.io;v=v1;as=APIGroupDiscoveryList", false),
    ])
    func aggregatedContentTypeIsRecognised(contentType: String, aggregated: Bool) {
        #expect(DiscoveryDocument.isAggregated(contentType: contentType) == aggregated)
    }

    @Test(arguments: [
        ("deployments", "deployments.apps"), ("deployment", "deployments.apps"), ("Deployment", "deployments.apps"),
        ("deploy", "deployments.apps"), ("DEPLOY", "deployments.apps"), ("deployments.apps", "deployments.apps"),
        ("deployments.v1.apps", "deployments.apps"), ("deployments.app", "deployments.apps"),
        ("po", "pods"), ("pods", "pods"), ("pod", "pods"), ("cpol", "clusterpolicies.kyverno.io"),
        ("clusterpolicies.kyverno", "clusterpolicies.kyverno.io"), ("polex", "policyexceptions.kyverno.io"),
        ("events", "events"), ("events.events.k8s.io", "events.events.k8s.io"), ("ns", "namespaces"),
        ("pollers", "pollers.example.com"),
    ])
    func resolvesLikeKubectl(argument: String, expected: String) throws {
        let resolver = ResourceResolver(catalog: try Self.aggregatedCatalog())
        guard case .resolved(let info, _) = resolver.resolve(argument) else {
            Issue.record("\(argument) did not resolve")
            return
        }
        #expect(info.qualifiedName == expected)
    }

    @Test func ambiguousShortNameWarnsAboutTheLowerPriorityResource() throws {
        let resolver = ResourceResolver(catalog: try Self.aggregatedCatalog())
        #expect(
            resolver.resolve("po")
                == .resolved(
                    try #require(
                        Self.aggregatedCatalog().group(named: "")?.versions[0].resources.first { $0.name == "pods" }),
                    alsoMatched: ["pollers.example.com"]))
    }

    @Test func unknownResourceSuggestsCloseNames() throws {
        let resolver = ResourceResolver(catalog: try Self.aggregatedCatalog())
        guard case .notFound(let resource, let group, let suggestions) = resolver.resolve("deploymnets") else {
            Issue.record("expected notFound")
            return
        }
        #expect(resource == "deploymnets" && group == "")
        #expect(suggestions.first == "deployments.apps")
        guard case .notFound(_, let group2, _) = resolver.resolve("widgets.example.org") else {
            Issue.record("expected notFound")
            return
        }
        #expect(group2 == "example.org")
        #expect(resolver.resolve("*") == .wildcard)
    }

    @Test(arguments: [
        ("https://127.0.0.1:6443", "127.0.0.1_6443"),
        ("https://ABCDEF0123.gr7.us-west-2.eks.amazonaws.com", "ABCDEF0123.gr7.us_west_2.eks.amazonaws.com"),
        ("https://arn:aws:eks:us-west-2:123456789012:cluster/prod", "arn_aws_eks_us_west_2_123456789012_cluster/prod"),
        ("http://localhost:8080/prefix/../x", "localhost_8080/prefix/x"),
        ("https://[::1]:6443", "___1__6443"),
        ("https://h(1).example", "h(1).example"),
    ])
    func cacheDirectoryNamesAreKubectls(server: String, expected: String) {
        // `-` and `:` are not in [\w/.()], so they become `_` too.
        #expect(DiscoveryDiskCache.safeHostDirectoryName(server: server) == expected)
    }

    @Test func cacheDirectoryFollowsFlagThenEnvironmentThenHome() {
        #expect(
            DiscoveryDiskCache.defaultCacheDirectory(flag: "/c", environment: ["KUBECACHEDIR": "/k", "HOME": "/h"])
                == "/c")
        #expect(
            DiscoveryDiskCache.defaultCacheDirectory(flag: nil, environment: ["KUBECACHEDIR": "/k", "HOME": "/h"])
                == "/k")
        #expect(DiscoveryDiskCache.defaultCacheDirectory(flag: "", environment: ["HOME": "/h"]) == "/h/.kube/cache")
        #expect(DiscoveryDiskCache.defaultCacheDirectory(flag: nil, environment: [:]) == nil)
    }

    @Test func cacheRoundTripsInKubectlsLayoutAndExpires() throws {
        let root = try CanIFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = DiscoveryDiskCache(cacheDirectory: root, server: "https://127.0.0.1:6443")
        let catalog = try Self.aggregatedCatalog()
        #expect(cache.load() == nil)
        #expect(cache.store(catalog).isEmpty)

        let base = root + "/discovery/127.0.0.1_6443"
        for file in [
            "servergroups.json", "v1/serverresources.json", "apps/v1/serverresources.json",
            "kyverno.io/v2/serverresources.json", "kyverno.io/v1/serverresources.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: base + "/" + file), "\(file)")
        }
        // A stale group version has no resources to cache, exactly as client-go skips failed group versions.
        #expect(!FileManager.default.fileExists(atPath: base + "/metrics.k8s.io/v1beta1/serverresources.json"))
        let permissions =
            try FileManager.default.attributesOfItem(atPath: base + "/servergroups.json")[.posixPermissions] as? Int
        #expect(permissions == 0o660)
        let groups = try JSONParser.parse(String(contentsOfFile: base + "/servergroups.json", encoding: .utf8))
        #expect(groups["kind"] == "APIGroupList")
        #expect(groups["groups"]?[0]?["name"] == "")

        let loaded = try #require(cache.load())
        let resolver = ResourceResolver(catalog: loaded)
        guard case .resolved(let info, _) = resolver.resolve("deploy") else {
            Issue.record("deploy did not resolve from the cache")
            return
        }
        #expect(info.subresource(named: "scale")?.kindGroup == "autoscaling")
        #expect(loaded.allResources.count == catalog.allResources.count)

        #expect(cache.load(now: Date().addingTimeInterval(6 * 3600 + 1)) == nil)
        cache.invalidate()
        #expect(cache.load() == nil)
    }

    @Test func wellKnownCatalogResolvesCommonAndKyvernoResources() {
        let resolver = ResourceResolver(catalog: .wellKnown)
        for (argument, expected) in [
            ("deploy", "deployments.apps"), ("cpol", "clusterpolicies.kyverno.io"),
            ("crds", "customresourcedefinitions.apiextensions.k8s.io"), ("ns", "namespaces"),
            ("hpa", "horizontalpodautoscalers.autoscaling"),
        ] {
            guard case .resolved(let info, _) = resolver.resolve(argument) else {
                Issue.record("\(argument) did not resolve")
                continue
            }
            #expect(info.qualifiedName == expected)
        }
    }
}
