import GuardrailCore
import KubeClient
import KubeConfig

/// `can-i` against a cluster: discovery (disk cache first, refreshed once on a miss), then — in
/// parallel over one client — the SelfSubjectAccessReview, the SelfSubjectReview (who Kyverno sees)
/// and every read the guardrails need. Reads that fail become limitations, never a crash.
struct CanILiveRun {
    var options: CanI
    var environment: [String: String]
    var write: CanIWriter

    func verdicts(for query: AccessQuery?) async throws -> [CanIVerdict] {
        let connection = try options.global.connection()
        let client = try KubeAPIClient(config: connection)
        // Who we are and what the guardrails need do not depend on discovery: start them now, with the
        // namespace from the flags/context, and resolve the resource meanwhile.
        let guessedNamespace = options.allNamespaces ? "" : (options.global.namespace ?? connection.namespace)
        async let identity = Self.selfSubjectReview(client: client)
        let prefetch: Task<GuardrailState, Never>? =
            Self.mayBeAdmitted(query, hasObject: options.filename != nil)
            ? Task { await Self.gather(namespace: guessedNamespace, client: client) } : nil

        // On an error (bad -f, discovery failure) the prefetch is cancelled rather than awaited: its reads
        // may be slow, and the process exits right after printing the error (GuardrailMain uses _exit).
        do {
            let discovery = LiveDiscovery(client: client, cache: cache(for: connection))
            var catalog = try await discovery.catalog()
            var questions = try CanIRunner(options: options).questions(
                for: query, catalog: catalog, defaultNamespace: connection.namespace)
            // A resource the cached discovery does not know may be a CRD installed since: refresh once (kubectl does).
            if discovery.servedFromCache,
                questions.contains(where: {
                    $0.request.kind.isEmpty && $0.request.nonResourceURL == nil
                        && $0.request.resource != "*"
                })
            {
                catalog = try await discovery.refreshed()
                questions = try CanIRunner(options: options).questions(
                    for: query, catalog: catalog, defaultNamespace: connection.namespace)
            }
            let kyvernoInstalled = catalog.group(named: "kyverno.io") != nil
            let user = await identity
            var verdicts: [CanIVerdict] = []
            for question in questions {
                let request = question.request
                async let rbac = Self.accessReview(request, client: client)
                var state = GuardrailState(kyvernoInstalled: kyvernoInstalled)
                if case .admitted = request.admission, kyvernoInstalled {
                    let prefetched = await prefetch?.value
                    // Cluster-scoped requests use no namespaced Policy nor Namespace, so what was read for the
                    // guessed namespace serves them too; another namespace (from -f) needs its own reads.
                    if let prefetched, request.namespace.isEmpty || request.namespace == guessedNamespace {
                        state = prefetched
                    } else {
                        state = await Self.gather(namespace: request.namespace, client: client)
                    }
                    if request.namespace.isEmpty { state.policies = [] }
                }
                if case .failure(let problem) = user {
                    state.limitations.append(
                        Limitation(
                            problem: "could not tell who you are (SelfSubjectReview): \(problem.message)",
                            impact: "rules that match on users, groups, roles or clusterRoles may be misjudged"))
                }
                let userInfo: UserInfo? = if case .success(let u) = user { u } else { nil }
                var existing: JSONValue?
                if kyvernoInstalled, let path = Self.objectPath(request) {
                    switch await Self.existingObject(path, client: client) {
                    case .success(let object): existing = object
                    case .failure(let problem):
                        state.limitations.append(
                            Limitation(
                                problem: "could not get \(request.displayResource) \"\(request.name)\": \(problem.message)",
                                impact: "rules that read the existing object (oldObject) cannot be decided"))
                    }
                }
                verdicts.append(
                    GuardrailAssessment.verdict(
                        request: request, user: userInfo, rbac: try await rbac, state: state, object: question.object,
                        existingObject: existing))
                ProcessLifetime.keepUntilExit(state)
            }
            prefetch?.cancel()
            // What was read (the prefetch task holds it too) is freed by the process exit, not node by node.
            if let prefetch { ProcessLifetime.keepUntilExit(prefetch) }
            return verdicts
        } catch {
            prefetch?.cancel()
            throw error
        }
    }

    /// The URL of the named object an UPDATE or DELETE is about (Kyverno sees it as `oldObject`), or
    /// `nil` when there is none to read.
    static func objectPath(_ request: AccessRequest) -> String? {
        guard case .admitted(let operation) = request.admission, operation == .update || operation == .delete,
            !request.name.isEmpty, !request.kind.isEmpty, request.subresource.isEmpty
        else { return nil }
        var path = request.group.isEmpty ? "/api/\(request.version)" : "/apis/\(request.group)/\(request.version)"
        if request.namespaced == true {
            guard !request.namespace.isEmpty else { return nil }
            path += "/namespaces/\(request.namespace)"
        }
        return path + "/\(request.resource)/\(request.name)"
    }

    /// The stored object, `.success(nil)` when it does not exist (the request would fail with NotFound).
    static func existingObject(_ path: String, client: KubeAPIClient) async -> Result<JSONValue?, LiveReadProblem> {
        do throws(KubeClientError) {
            return .success(try await client.get(path))
        } catch where error.kind == .notFound {
            return .success(nil)
        } catch {
            return .failure(LiveReadProblem(error))
        }
    }

    /// Whether the question may reach admission control (so the guardrail reads are worth starting early).
    static func mayBeAdmitted(_ query: AccessQuery?, hasObject: Bool) -> Bool {
        guard let query else { return hasObject }
        if query.nonResourceURL != nil { return false }
        if query.subresource != nil { return true }
        return ["create", "update", "patch", "delete", "deletecollection"].contains(query.verb)
    }

    private func cache(for connection: ConnectionConfig) -> DiscoveryDiskCache? {
        DiscoveryDiskCache.defaultCacheDirectory(flag: nil, environment: environment).map {
            DiscoveryDiskCache(cacheDirectory: $0, server: connection.server)
        }
    }

    // MARK: - Requests

    /// POST a SelfSubjectAccessReview. Errors here stop the command: without RBAC there is no answer.
    static func accessReview(_ request: AccessRequest, client: KubeAPIClient) async throws -> RBACAnswer {
        let review: JSONValue = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": request.accessReviewSpec,
        ]
        let response = try await client.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: review)
        let status = response["status"]
        return RBACAnswer(
            allowed: status?["allowed"]?.boolValue ?? false, denied: status?["denied"]?.boolValue ?? false,
            reason: status?["reason"]?.stringValue ?? "",
            evaluationError: status?["evaluationError"]?.stringValue ?? "",
            source: .selfSubjectAccessReview)
    }

    /// Who the API server says we are (after impersonation): v1, then v1beta1 on 404.
    static func selfSubjectReview(client: KubeAPIClient) async -> Result<UserInfo, LiveReadProblem> {
        for version in ["v1", "v1beta1"] {
            do throws(KubeClientError) {
                let response = try await client.post(
                    "/apis/authentication.k8s.io/\(version)/selfsubjectreviews",
                    body: ["apiVersion": .string("authentication.k8s.io/\(version)"), "kind": "SelfSubjectReview"])
                return .success(UserInfo(json: response[path: "status", "userInfo"] ?? .null))
            } catch  where error.kind == .notFound {
                continue
            } catch {
                return .failure(LiveReadProblem(error))
            }
        }
        return .failure(LiveReadProblem("the selfsubjectreviews API is not enabled in the cluster"))
    }

    /// Page size for lists (`limit`), kubectl's `--chunk-size` default.
    static let pageSize = 500

    /// 429, 5xx, dropped connections and timeouts are worth one more try.
    static func isTransient(_ error: KubeClientError) -> Bool {
        switch error.kind {
        case .connectionDropped, .timeout: return true
        case .status(let code, _): return code == 429 || code >= 500
        default: return false
        }
    }

    /// Every read of ``ClusterRead`` in parallel; failures become limitations.
    static func gather(namespace: String, client: KubeAPIClient, pageSize: Int = pageSize) async -> GuardrailState {
        var state = GuardrailState()
        let results = await withTaskGroup(of: (ClusterRead, Result<[JSONValue], LiveReadProblem>).self) { group in
            for read in ClusterRead.allCases {
                guard let path = read.path(namespace: namespace) else { continue }
                group.addTask {
                    // Reads are idempotent: one retry on a throttled, failing or dropped answer.
                    var attempt = 0
                    while true {
                        attempt += 1
                        do throws(KubeClientError) {
                            if read.isList { return (read, .success(try await client.list(path, pageSize: pageSize))) }
                            return (read, .success([try await client.get(path)]))
                        } catch  where error.kind == .notFound && read.notFoundMeansNone {
                            return (read, .success([]))
                        } catch  where attempt == 1 && Self.isTransient(error) {
                            continue
                        } catch {
                            return (read, .failure(LiveReadProblem(error)))
                        }
                    }
                }
            }
            var all: [(ClusterRead, Result<[JSONValue], LiveReadProblem>)] = []
            for await result in group { all.append(result) }
            return all.sorted {
                ClusterRead.allCases.firstIndex(of: $0.0)! < ClusterRead.allCases.firstIndex(of: $1.0)!
            }
        }
        for (read, result) in results {
            switch result {
            case .success(let items):
                switch read {
                case .clusterPolicies: state.clusterPolicies = items
                case .policies: state.policies = items
                case .policyExceptions: state.policyExceptions = items
                case .kyvernoConfigMap: state.kyvernoConfigMap = items.first
                case .clusterRoleBindings: state.clusterRoleBindings = items
                case .roleBindings: state.roleBindings = items
                case .namespace: if let object = items.first { state.namespaces[namespace] = object }
                }
            case .failure(let problem):
                let verb = read.isList ? "list" : "get"
                state.limitations.append(
                    Limitation(
                        problem: "could not \(verb) \(read.rawValue): \(problem.message)", impact: read.impact,
                        guardrailsUnknown: read.guardrailsUnknownWithout))
            }
        }
        return state
    }
}

/// Why a read failed, in one line (kubectl's words without the `Error from server` prefix).
struct LiveReadProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
    init(_ error: KubeClientError) {
        switch error.kind {
        case .forbidden: message = "forbidden" + (error.statusMessage.map { " (\($0))" } ?? "")
        default: message = error.statusMessage ?? error.description
        }
    }
}

/// Discovery for one client: kubectl's disk cache when fresh, else aggregated discovery (`/api` and
/// `/apis` with the v2 `Accept`), else the legacy endpoints; the result is written back to the cache.
final class LiveDiscovery: @unchecked Sendable {
    let client: KubeAPIClient
    let cache: DiscoveryDiskCache?
    private(set) var servedFromCache = false

    init(client: KubeAPIClient, cache: DiscoveryDiskCache?) {
        self.client = client
        self.cache = cache
    }

    func catalog() async throws -> DiscoveryCatalog {
        if let cached = cache?.load() {
            servedFromCache = true
            return cached
        }
        return try await refreshed()
    }

    func refreshed() async throws -> DiscoveryCatalog {
        servedFromCache = false
        cache?.invalidate()
        async let core = fetchGroups("/api")
        async let apis = fetchGroups("/apis")
        let catalog = DiscoveryCatalog(groups: try await core + apis)
        cache?.store(catalog)
        return catalog
    }

    private func fetchGroups(_ path: String) async throws -> [DiscoveryCatalog.Group] {
        let response = try await client.send(
            KubeRequest(
                method: "GET", path: path, headers: [("Accept", DiscoveryDocument.aggregatedAccept)]))
        let document = try response.json(requestLine: "GET \(path)")
        if DiscoveryDocument.isAggregated(contentType: response.contentType ?? "") {
            return try DiscoveryDocument.groups(fromAggregated: document)
        }
        // Legacy discovery: the group list, then one resource list per group version, in parallel.
        let skeleton: [DiscoveryCatalog.Group]
        if path == "/api" {
            skeleton = [
                DiscoveryCatalog.Group(
                    name: "",
                    versions: try DiscoveryDocument.coreVersions(fromAPIVersions: document).map {
                        DiscoveryCatalog.Version(version: $0, resources: [], resourcesKnown: false)
                    })
            ]
        } else {
            skeleton = try DiscoveryDocument.groups(fromGroupList: document)
        }
        return try await withThrowingTaskGroup(of: (Int, Int, [APIResourceInfo]?).self) { group in
            for (g, entry) in skeleton.enumerated() {
                for (v, version) in entry.versions.enumerated() {
                    let gvPath =
                        entry.name.isEmpty ? "/api/\(version.version)" : "/apis/\(entry.name)/\(version.version)"
                    group.addTask { [client] in
                        // A group version that fails (an aggregated API server down) is left unknown, as in
                        // client-go.
                        guard let list = try? await client.get(gvPath),
                            let parsed = try? DiscoveryDocument.resources(fromResourceList: list)
                        else { return (g, v, nil) }
                        return (g, v, parsed.resources)
                    }
                }
            }
            var groups = skeleton
            for try await (g, v, resources) in group {
                if let resources {
                    groups[g].versions[v].resources = resources
                    groups[g].versions[v].resourcesKnown = true
                }
            }
            return groups
        }
    }
}
