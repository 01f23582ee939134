import GuardrailCore
import Identity
import KubeClient
import KubeConfig
import KubeTestServer
import Testing

@testable import GuardrailCLI

/// How whoami --explain turns reads into facts: aws-auth parsing, degraded and late reads, real API
/// lists without `kind`, and AWS workload facts only where AWS is in play.
@Suite("whoami --explain: cluster facts")
struct WhoAmIExplainFactsTests {
    static func configMap(_ data: JSONValue) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "aws-auth", "namespace": "kube-system"],
         "data": data]
    }

    @Test func awsAuthMapRolesMapUsersAndMapAccountsAreParsed() throws {
        let lookup = AWSAuthConfigMapReader.read(Self.configMap([
            "mapRoles": """
                - rolearn: arn:aws:iam::123456789012:role/Dev
                  username: dev-{{SessionName}}
                  groups: [devs]
                """,
            "mapUsers": "- userarn: arn:aws:iam::123456789012:user/ops\n  username: ops\n",
            "mapAccounts": "- \"123456789012\"\n- 210987654321\n",
        ]))
        let configMap = try #require(lookup.value)
        #expect(configMap.roles.map(\.username) == ["dev-{{SessionName}}"])
        #expect(configMap.roles.first?.groups == ["devs"])
        #expect(configMap.users.map(\.arn) == ["arn:aws:iam::123456789012:user/ops"])
        #expect(configMap.accounts == ["123456789012", "210987654321"])
    }

    @Test(arguments: [
        (JSONValue.object(["mapRoles": "- rolearn: [unterminated\n  : : {"]), "data.mapRoles is not valid YAML"),
        (JSONValue.object(["mapUsers": ["not": "a string"]]), "data.mapUsers is not a string"),
    ])
    func unreadableAWSAuthSettlesNothing(data: JSONValue, reason: String) {
        guard case .unavailable(let why, _) = AWSAuthConfigMapReader.read(Self.configMap(data)) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(why.hasSuffix(reason))
    }

    @Test func anEmptyOrMissingDataSectionMapsNothing() {
        let lookup = AWSAuthConfigMapReader.read(["kind": "ConfigMap"])
        #expect(lookup.value == AWSAuthConfigMap(mapRoles: nil, mapUsers: nil, mapAccounts: nil))
    }

    static let alice = UserInfo(username: "alice", groups: ["devs"])
    static let allReads: [IdentityRead] = [.clusterRoleBindings, .roleBindings, .clusterRoles, .roles,
                                           .clusterPolicies, .policies, .kyvernoConfigMap]

    /// A typed list item as kube-apiserver returns it: no `kind`, no `apiVersion`.
    static let bareBinding: JSONValue = [
        "metadata": ["name": "devs-edit", "namespace": "team-a"],
        "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"],
        "subjects": [["kind": "Group", "name": "devs"]],
    ]

    @Test func listItemsWithoutKindStillCountAndForbiddenRolesBreakNoBinding() {
        let forbidden = KubeClientError(.forbidden, "forbidden", httpStatus: 403)
        let answers: ClusterFactsGatherer.Answers = [
            .clusterRoleBindings: .success([]),
            .roleBindings: .success([IdentityRead.roleBindings.stamped(Self.bareBinding)]),
            .clusterRoles: .failure(forbidden), .roles: .success([]),
            .clusterPolicies: .success([]), .policies: .success([]), .kyvernoConfigMap: .success([]),
        ]
        let facts = ClusterFactsGatherer.facts(for: Self.alice, reads: Self.allReads, answers: answers,
                                               serviceAccount: nil, budget: 10)
        let bindings = facts.bindings.value ?? []
        #expect(bindings.map(\.name) == ["devs-edit"])
        // The ClusterRole could not be read, so "not found" would be a lie.
        #expect(bindings.first?.roleProblem == nil)
        #expect(facts.guardrails == .found([]))
    }

    @Test func lateReadsAreReportedAsUnansweredAndMissingKyvernoAsNotInstalled() {
        let answers: ClusterFactsGatherer.Answers = [
            .clusterRoleBindings: .success([]),
            .clusterPolicies: .failure(KubeClientError(.notFound, "not found", httpStatus: 404)),
        ]
        let facts = ClusterFactsGatherer.facts(for: Self.alice, reads: Self.allReads, answers: answers,
                                               serviceAccount: nil, budget: 10)
        guard case .unavailable(let reason, _) = facts.bindings else {
            Issue.record("bindings should be unavailable: \(facts.bindings)")
            return
        }
        #expect(reason == "no answer within 10 s")
        guard case .unavailable(let kyverno, _) = facts.guardrails else {
            Issue.record("guardrails should be unavailable")
            return
        }
        #expect(kyverno.hasPrefix("Kyverno is not installed"))
        #expect(facts.serviceAccount == .notLookedUp)
        #expect(facts.awsAuth == .notLookedUp)
    }

    static func policy(_ name: String, rule: String, filter: JSONValue) -> JSONValue {
        ["apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": ["name": .string(name)],
         "spec": ["validationFailureAction": "Enforce", "rules": [[
             "name": .string(rule), "match": ["any": [filter]],
             "validate": ["message": "no", "deny": [:]],
         ]]]]
    }

    static let bySubjects = policy("by-subjects", rule: "devs", filter: [
        "resources": ["kinds": ["Namespace"]], "subjects": [["kind": "Group", "name": "devs"]],
    ])
    static let byClusterRoles = policy("by-roles", rule: "admins", filter: [
        "resources": ["kinds": ["Secret"]], "clusterRoles": ["cluster-admin"],
    ])

    static func answers(policies: [JSONValue], bindingsForbidden: Bool,
                        kyvernoConfigMap: JSONValue? = nil) -> ClusterFactsGatherer.Answers {
        let forbidden = KubeClientError(.forbidden, "forbidden", httpStatus: 403)
        let bindings: Result<[JSONValue], KubeClientError> = bindingsForbidden ? .failure(forbidden) : .success([])
        return [
            .clusterRoleBindings: bindings, .roleBindings: bindings, .clusterRoles: .success([]), .roles: .success([]),
            .clusterPolicies: .success(policies), .policies: .success([]),
            .kyvernoConfigMap: .success(kyvernoConfigMap.map { [$0] } ?? []),
        ]
    }

    @Test func withoutBindingsRulesByRolesCannotBeRuledOut() {
        let facts = ClusterFactsGatherer.facts(
            for: Self.alice, reads: Self.allReads,
            answers: Self.answers(policies: [Self.bySubjects, Self.byClusterRoles], bindingsForbidden: true),
            serviceAccount: nil, budget: 10)
        guard case .unavailable(let reason, let hint) = facts.guardrails else {
            Issue.record("expected unavailable: \(facts.guardrails)")
            return
        }
        #expect(reason.hasPrefix("1 rule(s) select by roles or clusterRoles, which come from bindings "
            + "(forbidden: you may not list clusterrolebindings)"))
        #expect(hint == "aimed at you by subjects: Enforce by-subjects/devs")
    }

    @Test func withoutBindingsSubjectRulesAloneAreCertain() {
        let facts = ClusterFactsGatherer.facts(
            for: Self.alice, reads: Self.allReads,
            answers: Self.answers(policies: [Self.bySubjects], bindingsForbidden: true),
            serviceAccount: nil, budget: 10)
        #expect(facts.guardrails.value?.map(\.rule) == ["devs"])
    }

    @Test func aCallerKyvernoExcludesGetsThatOneExemption() {
        let configMap: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kyverno", "namespace": "kyverno"],
            "data": ["excludeGroups": "devs"],
        ]
        let facts = ClusterFactsGatherer.facts(
            for: Self.alice, reads: Self.allReads,
            answers: Self.answers(policies: [Self.bySubjects], bindingsForbidden: false, kyvernoConfigMap: configMap),
            serviceAccount: nil, budget: 10)
        let only = facts.guardrails.value ?? []
        #expect(only.count == 1)
        #expect(only.first?.policy == "ConfigMap kyverno/kyverno")
        #expect(only.first?.rule == "excludeGroups")
        #expect(only.first?.relation == .excludes)
        #expect(only.first?.selectedBy == "devs matches devs")
    }

    @Test func aMissingServiceAccountIsSaidPlainly() {
        let account = (namespace: "ci", name: "gone")
        let answers: ClusterFactsGatherer.Answers = [
            .serviceAccount: .failure(KubeClientError(.notFound, "not found", httpStatus: 404)),
            .pods: .success([]),
        ]
        let facts = ClusterFactsGatherer.facts(
            for: UserInfo(username: "system:serviceaccount:ci:gone"), reads: [.serviceAccount, .pods],
            answers: answers, serviceAccount: account, budget: 10)
        guard case .unavailable(let reason, _) = facts.serviceAccount else {
            Issue.record("expected unavailable")
            return
        }
        #expect(reason == "serviceaccount ci/gone does not exist")
        #expect(facts.pods == .found([]))
    }

    @Test(arguments: [
        ("https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com", false, true),
        ("https://127.0.0.1:6443", false, false),
        ("https://127.0.0.1:6443", true, true),
    ])
    func awsWorkloadFactsOnlyWhereAWSIsInPlay(server: String, podHasAWSVariables: Bool, kept: Bool) {
        var env: [JSONValue] = [["name": "HOME", "value": "/root"]]
        if podHasAWSVariables { env.append(["name": "AWS_CONTAINER_CREDENTIALS_FULL_URI", "value": "http://x"]) }
        let pod: JSONValue = ["spec": ["serviceAccountName": "sa", "containers": [["name": "c", "env": .array(env)]]]]
        var facts = ClusterFacts(serviceAccount: .found(["metadata": ["name": "sa"]]), pods: .found([pod]))
        ClusterFactsGatherer.dropAWSWorkloadFactsOutsideAWS(&facts, server: server)
        #expect((facts.pods != .notLookedUp) == kept)
        #expect((facts.serviceAccount != .notLookedUp) == kept)
    }

    @Test("reads that outlast the budget do not hold the command")
    func timeBudget() async throws {
        let server = try KubeTestServer(.init(tokens: ["t": UserInfo(username: "alice", groups: ["devs"])]))
        defer { server.stop() }
        server.inject(.delay(3), path: "/apis/kyverno.io/v1/clusterpolicies", method: "GET")
        let config = ConnectionConfig(
            userName: "alice", server: server.url, certificateAuthorityPEM: Array(TestPKI.caCertificate.utf8),
            certificateAuthoritySource: "test-ca.crt", credential: .bearerToken(token: "t", tokenFile: nil))
        let client = try KubeAPIClient(config: config, options: ClientOptions(debugLog: nil))
        let facts = await ClusterFactsGatherer(client: client, budget: 0.5).facts(for: Self.alice)
        // Bindings answered at once; the delayed policy list did not, and says so.
        #expect(facts.bindings == .found([]))
        guard case .unavailable(let reason, _) = facts.guardrails else {
            Issue.record("guardrails should be unavailable: \(facts.guardrails)")
            return
        }
        #expect(reason == "no answer within 0.5 s")
    }
}
