import GuardrailCore
import KyvernoEngine
import Testing

/// The scenario the product was designed around (see Fixtures/scenarios/reference.yaml).
@Suite struct ReferenceScenarioTests {
    static let elon = UserInfo(
        username: "cell-infra-elon.musk-example.com",
        groups: ["cell-infra", "system:authenticated"])
    static let ada = UserInfo(username: "cell-infra-ada.lovelace-example.com", groups: ["system:authenticated"])
    let evaluator = Evaluator(ClusterState.load(documents: Fixtures.documents("scenarios/reference.yaml")))

    static let expectedMessage = """


        resource ConfigMap/testnamespace/cm was blocked due to the following policies 

        block-cluster-admin-from-ns:
          block-cluster-admin-from-ns: cell-infra-elon.musk-example.com may not change anything
            in testnamespace

        """

    @Test(arguments: ["CREATE", "UPDATE", "DELETE"])
    func mutationsInTestnamespaceAreBlocked(operation: String) throws {
        let decision = evaluator.run(
            Requests.make(operation, "ConfigMap", namespace: "testnamespace", name: "cm"),
            Self.elon)
        #expect(decision.verdict == .denied)
        #expect(decision.message == Self.expectedMessage)
        #expect(
            decision.apiServerMessage?.hasPrefix(
                "admission webhook \"validate.kyverno.svc-fail\" denied the request: \n\nresource ConfigMap/") == true)
        let result = try #require(decision.results.first)
        #expect(result.outcome == .blocks)
        #expect(result.trace.matchClause == "match.any[0]")
        let clusterRole = try #require(result.trace.matchEvidence.first { $0.field == "clusterRoles" })
        #expect(clusterRole.detail == "cluster-admin")
        #expect(
            clusterRole.via == [
                "ClusterRoleBinding 'elon-cluster-admin' (subject User cell-infra-elon.musk-example.com)"
            ])
        #expect(
            result.trace.matchEvidence.contains {
                $0.field == "subjects" && $0.detail == "User cell-infra-elon.musk-example.com"
            })
        let condition = try #require(result.trace.conditions.first)
        #expect(condition.key == .string(operation))
        #expect(condition.result == true)
    }

    @Test func getIsNeverAdmitted() {
        let decision = evaluator.run(
            Requests.make("GET", "ConfigMap", namespace: "testnamespace", name: "cm"), Self.elon)
        #expect(decision.verdict == .allowed)
        #expect(decision.gate == .notAdmitted(operation: "GET"))
    }

    @Test(arguments: ["default", "other"])
    func otherNamespacesAreNotBlocked(namespace: String) throws {
        let decision = evaluator.run(Requests.make("CREATE", "ConfigMap", namespace: namespace, name: "cm"), Self.elon)
        #expect(decision.verdict == .allowed)
        let result = try #require(decision.results.first)
        guard case .notApplicable(let reason) = result.outcome else {
            Issue.record("expected not-applicable, got \(result.outcome)")
            return
        }
        #expect(reason.contains("namespace '\(namespace)' not in namespaces [testnamespace]"))
    }

    @Test func anotherClusterAdminIsNotBlocked() throws {
        let decision = evaluator.run(
            Requests.make("DELETE", "ConfigMap", namespace: "testnamespace", name: "cm"), Self.ada)
        #expect(decision.verdict == .allowed)
        let result = try #require(decision.results.first)
        guard case .notApplicable(let reason) = result.outcome else {
            Issue.record("expected not-applicable, got \(result.outcome)")
            return
        }
        #expect(reason.contains("matches none of subjects"))
    }

    @Test func theUserWithoutTheBindingIsNotBlocked() throws {
        let documents = Fixtures.documents("scenarios/reference.yaml").filter {
            $0[path: "metadata", "name"] != "elon-cluster-admin"
        }
        let decision = Evaluator(ClusterState.load(documents: documents))
            .run(Requests.make("CREATE", "ConfigMap", namespace: "testnamespace", name: "cm"), Self.elon)
        #expect(decision.verdict == .allowed)
        #expect(decision.roles.clusterRoles.isEmpty)
        let result = try #require(decision.results.first)
        guard case .notApplicable(let reason) = result.outcome else {
            Issue.record("expected not-applicable, got \(result.outcome)")
            return
        }
        #expect(reason.contains("not in clusterRoles [cluster-admin]"))
    }

    @Test func clusterScopedRequestsAreNotInTheNamespace() {
        let decision = evaluator.run(Requests.make("UPDATE", "Namespace", name: "other"), Self.elon)
        #expect(decision.verdict == .allowed)
    }
}
