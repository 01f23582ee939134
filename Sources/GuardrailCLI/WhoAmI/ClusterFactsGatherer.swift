#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GuardrailCore
import Identity
import KubeClient
import KyvernoEngine
import RBAC
import Synchronization

/// Reads what the caller may read about themselves — bindings and roles, their ServiceAccount and its
/// pods, `kube-system/aws-auth`, Kyverno policies — in parallel and within a time budget, and turns the
/// answers into ``ClusterFacts``. A read that is forbidden, missing or late becomes an honest "could not
/// check" fact; it never fails the command.
struct ClusterFactsGatherer {
    var client: KubeAPIClient
    /// Seconds for all reads together; reads still running then are reported as not answered in time.
    var budget: Double = 10
    /// Page size for lists (kubectl's `--chunk-size` default).
    var pageSize = CanILiveRun.pageSize
    /// At most this many pods of a service account are read (enough to see whether they agree).
    var podLimit = 50

    /// The facts about `user`.
    func facts(for user: UserInfo) async -> ClusterFacts {
        let account = user.serviceAccount
        var reads: [IdentityRead] = [.clusterRoleBindings, .roleBindings, .clusterRoles, .roles,
                                     .clusterPolicies, .policies, .kyvernoConfigMap]
        if account != nil { reads += [.serviceAccount, .pods] }
        if Self.looksLikeEKS(user) { reads += [.awsAuth, .accessPolicyProbe] }
        let answers = await read(reads, serviceAccount: account)
        var facts = Self.facts(for: user, reads: reads, answers: answers, serviceAccount: account, budget: budget)
        Self.dropAWSWorkloadFactsOutsideAWS(&facts, server: client.config.server)
        return facts
    }

    /// EKS identities (aws-iam-authenticator uid or IAM extras): worth reading aws-auth for.
    static func looksLikeEKS(_ user: UserInfo) -> Bool {
        user.uid.hasPrefix("aws-iam-authenticator:") || user.extra["arn"] != nil
            || user.extra["accessKeyId"] != nil
    }

    /// Workload AWS credentials are only worth explaining on AWS: an EKS API server, a ServiceAccount
    /// annotated for IRSA, or pods with AWS variables or token volumes. Elsewhere "no AWS identity injected"
    /// would be noise, so the ServiceAccount is kept only for other clouds' annotations and pods are dropped.
    static func dropAWSWorkloadFactsOutsideAWS(_ facts: inout ClusterFacts, server: String) {
        let host = server.split(separator: "/").dropFirst().first.map { $0.split(separator: ":").first ?? $0 }
        if host?.lowercased().hasSuffix(".eks.amazonaws.com") == true { return }
        let annotations = facts.serviceAccount.value?[path: "metadata", "annotations"]?.objectValue
        if annotations?["eks.amazonaws.com/role-arn"] != nil { return }
        if facts.pods.value?.contains(where: hasAWSSignals) == true { return }
        facts.pods = .notLookedUp
        let otherCloud = annotations?.keys.contains {
            $0 == "iam.gke.io/gcp-service-account" || $0 == "azure.workload.identity/client-id"
        } ?? false
        if !otherCloud { facts.serviceAccount = .notLookedUp }
    }

    /// AWS variables in any container, or the IRSA / Pod Identity token volumes.
    static func hasAWSSignals(_ pod: JSONValue) -> Bool {
        let spec = pod["spec"]
        let containers = (spec?["containers"]?.arrayValue ?? []) + (spec?["initContainers"]?.arrayValue ?? [])
        for container in containers {
            for env in container["env"]?.arrayValue ?? [] where env["name"]?.stringValue?.hasPrefix("AWS_") == true {
                return true
            }
        }
        return (spec?["volumes"]?.arrayValue ?? []).contains {
            let name = $0["name"]?.stringValue
            return name == "aws-iam-token" || name == "eks-pod-identity-token"
        }
    }

    // MARK: - Reads

    typealias Answers = [IdentityRead: Result<[JSONValue], KubeClientError>]

    /// Runs the reads in parallel; returns what answered within the budget (late reads are absent and
    /// keep running detached until the process exits: libcurl transfers cannot be cancelled midway).
    func read(_ reads: [IdentityRead], serviceAccount: (namespace: String, name: String)?) async -> Answers {
        let collector = ReadCollector(expected: reads.count)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            collector.wait(continuation)
            for read in reads {
                Task { [client, pageSize, podLimit] in
                    let answer = await Self.perform(read, client: client, serviceAccount: serviceAccount,
                                                     pageSize: pageSize, podLimit: podLimit)
                    collector.record(read, answer)
                }
            }
            let budget = budget
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, budget) * 1_000_000_000))
                collector.stopWaiting()
            }
        }
        return collector.answers
    }

    /// One read, retried once on a transient failure (as can-i does); list items get their kind back.
    static func perform(_ read: IdentityRead, client: KubeAPIClient, serviceAccount: (namespace: String, name: String)?,
                        pageSize: Int, podLimit: Int) async -> Result<[JSONValue], KubeClientError>
    {
        guard let path = read.path(serviceAccount: serviceAccount) else { return .success([]) }
        var attempt = 0
        while true {
            attempt += 1
            do throws(KubeClientError) {
                let items: [JSONValue]
                switch read {
                case .pods:
                    // One bounded page: the pods of this service account (the field selector is served by
                    // kube-apiserver; other pods are ignored by the explainer anyway).
                    let page = try await client.get(path, query: [
                        ("fieldSelector", "spec.serviceAccountName=\(serviceAccount?.name ?? "")"),
                        ("limit", String(podLimit)),
                    ])
                    items = page["items"]?.arrayValue ?? []
                case .accessPolicyProbe:
                    let namespace = client.config.namespace.isEmpty ? "default" : client.config.namespace
                    items = [try await client.post(path, body: [
                        "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                        "spec": ["resourceAttributes": [
                            "namespace": .string(namespace), "verb": "list", "resource": "pods",
                        ]],
                    ])]
                case _ where read.isList:
                    items = try await client.list(path, pageSize: pageSize)
                default:
                    items = [try await client.get(path)]
                }
                return .success(items.filter { $0.objectValue != nil }.map(read.stamped))
            } catch where attempt == 1 && CanILiveRun.isTransient(error) {
                continue
            } catch {
                return .failure(error)
            }
        }
    }

    // MARK: - Facts

    /// Turns the answers into facts; pure, so the degraded cases are testable without a server.
    static func facts(for user: UserInfo, reads: [IdentityRead], answers: Answers,
                      serviceAccount: (namespace: String, name: String)?, budget: Double) -> ClusterFacts
    {
        func problem<T: Sendable & Hashable>(_ read: IdentityRead) -> Lookup<T>? {
            guard reads.contains(read) else { return .notLookedUp }
            guard let answer = answers[read] else {
                let seconds = budget == budget.rounded() ? String(Int(budget)) : String(budget)
                return .unavailable(reason: "no answer within \(seconds) s", hint: "run it again, or check "
                    + "the API server's latency with `GUARDRAIL_DEBUG=1`")
            }
            guard case .failure(let error) = answer else { return nil }
            let (verb, resource, namespace) = read.permission(serviceAccount: serviceAccount)
            if error.kind == .forbidden { return .forbidden(verb: verb, resource: resource, namespace: namespace) }
            return .unavailable(reason: "could not \(verb) \(resource): " + LiveReadProblem(error).message)
        }
        func items(_ read: IdentityRead) -> [JSONValue] {
            if case .success(let items)? = answers[read] { return items }
            return []
        }
        var facts = ClusterFacts()

        // Bindings: both lists are needed for a complete answer; roles only tell whether a binding grants
        // anything, so without them no binding is called broken.
        let bindingProblem: Lookup<[MatchedBinding]>? = problem(.clusterRoleBindings) ?? problem(.roleBindings)
        if let bindingProblem {
            facts.bindings = bindingProblem
        } else {
            let rolesKnown = (problem(.clusterRoles) as Lookup<[MatchedBinding]>?) == nil
                && (problem(.roles) as Lookup<[MatchedBinding]>?) == nil
            var documents = items(.clusterRoleBindings) + items(.roleBindings)
            if rolesKnown { documents += items(.clusterRoles) + items(.roles) }
            let authorizer = RBACAuthorizer(RBACObjects(objects: documents))
            facts.bindings = .found(authorizer.bindings(matching: user).map { match in
                var binding = MatchedBinding(match)
                if !rolesKnown { binding.roleProblem = nil }
                return binding
            })
        }

        if let account = serviceAccount {
            if let failed: Lookup<JSONValue> = problem(.serviceAccount) {
                if case .failure(let error)? = answers[.serviceAccount], error.kind == .notFound {
                    facts.serviceAccount = .unavailable(
                        reason: "serviceaccount \(account.namespace)/\(account.name) does not exist",
                        hint: "the token outlived its ServiceAccount, or it is an impersonated name")
                } else {
                    facts.serviceAccount = failed
                }
            } else if let object = items(.serviceAccount).first {
                facts.serviceAccount = .found(object)
            }
            if let failed: Lookup<[JSONValue]> = problem(.pods) {
                facts.pods = failed
            } else {
                facts.pods = .found(items(.pods).filter {
                    $0[path: "spec", "serviceAccountName"]?.stringValue == account.name
                })
            }
        }

        if reads.contains(.awsAuth) {
            if case .failure(let error)? = answers[.awsAuth], error.kind == .notFound {
                // No aws-auth ConfigMap: nothing is mapped through it.
                facts.awsAuth = .found(AWSAuthConfigMap(mapRoles: nil, mapUsers: nil, mapAccounts: nil))
            } else if let failed: Lookup<AWSAuthConfigMap> = problem(.awsAuth) {
                facts.awsAuth = failed
            } else if let configMap = items(.awsAuth).first {
                facts.awsAuth = AWSAuthConfigMapReader.read(configMap)
            }
        }

        // EKS answers with `EKS Access Policy: …` only when an access policy (not RBAC) allowed the request;
        // any other answer proves nothing either way.
        if case .success(let reviews)? = answers[.accessPolicyProbe],
            reviews.first?[path: "status", "reason"]?.stringValue?.hasPrefix("EKS Access Policy:") == true
        {
            facts.sawEKSAccessPolicyReason = true
        }

        facts.guardrails = guardrails(for: user, answers: answers, problem: { problem($0) }, items: items)
        return facts
    }

    /// Kyverno rules aimed at the caller; the bindings feed Kyverno's roles/clusterRoles.
    static func guardrails(for user: UserInfo, answers: Answers,
                           problem: (IdentityRead) -> Lookup<[AimedGuardrail]>?,
                           items: (IdentityRead) -> [JSONValue]) -> Lookup<[AimedGuardrail]>
    {
        if case .failure(let error)? = answers[.clusterPolicies], error.kind == .notFound {
            return .unavailable(reason: "Kyverno is not installed: the cluster serves no kyverno.io policies")
        }
        if let failed = problem(.clusterPolicies) ?? problem(.policies) { return failed }
        var documents = items(.clusterPolicies) + items(.policies) + items(.clusterRoleBindings)
            + items(.roleBindings)
        var settings = KyvernoSettings()
        if case .success(let configMaps)? = answers[.kyvernoConfigMap], let configMap = configMaps.first {
            documents.append(configMap)
            if let namespace = configMap[path: "metadata", "namespace"]?.stringValue, !namespace.isEmpty {
                settings.namespace = namespace
            }
        }
        let state = ClusterState.load(documents: documents, settings: settings)
        let aimed = GuardrailsAimedAt.find(in: state, user: user)
        if let exclusion = aimed.callerExclusion {
            // Kyverno skips every request of an excluded caller: that one exemption is the whole answer.
            let field = exclusion.split(separator: ":", maxSplits: 1).first.map(String.init) ?? exclusion
            let detail = exclusion.dropFirst(field.count + 1).drop { $0 == " " }
            return .found([AimedGuardrail(
                policy: "ConfigMap \(settings.namespace)/kyverno", rule: field, action: "",
                summary: "Kyverno ignores all your requests", relation: .excludes, selectedBy: String(detail))])
        }
        // Without the bindings, Kyverno's roles and clusterRoles of the caller are unknown: rules that select
        // by them can be neither listed nor ruled out.
        if let bindingsProblem = problem(.clusterRoleBindings) ?? problem(.roleBindings) {
            let byRoles = rulesSelectingByRoles(state)
            if byRoles > 0 {
                var reason = "\(byRoles) rule(s) select by roles or clusterRoles, which come from bindings"
                if case .unavailable(let why, _) = bindingsProblem { reason += " (\(why))" }
                let certain = aimed.rules.filter { rule in
                    !rule.selectedBy.contains { $0.field == "roles" || $0.field == "clusterRoles" }
                }.map { "\($0.action) \(AimedGuardrail($0).policy)/\($0.rule)" }
                let hint = certain.isEmpty ? "ask someone who may list clusterrolebindings and rolebindings"
                    : "aimed at you by subjects: " + certain.joined(separator: ", ")
                return .unavailable(reason: reason, hint: hint)
            }
        }
        return .found(aimed.rules.map(AimedGuardrail.init))
    }

    /// Validate rules whose match or exclude names roles or clusterRoles.
    static func rulesSelectingByRoles(_ state: ClusterState) -> Int {
        func usesRoles(_ block: MatchResources?) -> Bool {
            guard let block else { return false }
            return (block.any + block.all + [block.legacy]).contains { !$0.roles.isEmpty || !$0.clusterRoles.isEmpty }
        }
        return state.policies.reduce(0) { count, policy in
            count + policy.rules.filter { $0.type == .validate && (usesRoles($0.match) || usesRoles($0.exclude)) }.count
        }
    }
}

extension AimedGuardrail {
    /// The Kyverno engine's answer in the Identity module's words.
    init(_ rule: AimedRule) {
        let policy = rule.policy.kind == .policy ? "\(rule.policy.namespace)/\(rule.policy.name)" : rule.policy.name
        var selectedBy = rule.selectedBy.map { evidence in
            let via = evidence.via.isEmpty ? "" : " via " + evidence.via.joined(separator: ", ")
            return "\(evidence.field) \(evidence.detail)" + via
        }.joined(separator: "; ")
        if !rule.scope.isEmpty { selectedBy += " for " + rule.scope }
        self.init(policy: policy, rule: rule.rule, action: rule.action, summary: rule.summary,
                  relation: rule.relation == .matches ? .matches : .excludes, selectedBy: selectedBy)
    }
}

/// The answers of parallel reads and the one waiter resumed when all are in or the budget is spent,
/// whichever comes first.
private final class ReadCollector: Sendable {
    private struct State {
        var answers: ClusterFactsGatherer.Answers = [:]
        var remaining: Int
        var waiter: CheckedContinuation<Void, Never>?
        var done = false
    }

    private let state: Mutex<State>

    init(expected: Int) { state = Mutex(State(remaining: expected)) }

    /// Resumes `continuation` once every read answered or ``stopWaiting()`` is called.
    func wait(_ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = state.withLock { state -> Bool in
            if state.remaining == 0 || state.done {
                state.done = true
                return true
            }
            state.waiter = continuation
            return false
        }
        if resumeNow { continuation.resume() }
    }

    func record(_ read: IdentityRead, _ answer: Result<[JSONValue], KubeClientError>) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.done else { return nil }
            state.answers[read] = answer
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            return Self.finish(&state)
        }
        waiter?.resume()
    }

    func stopWaiting() {
        state.withLock { Self.finish(&$0) }?.resume()
    }

    private static func finish(_ state: inout State) -> CheckedContinuation<Void, Never>? {
        guard !state.done else { return nil }
        state.done = true
        defer { state.waiter = nil }
        return state.waiter
    }

    /// What answered in time (late answers are ignored, so the result is stable once taken).
    var answers: ClusterFactsGatherer.Answers { state.withLock { $0.answers } }
}
