import GuardrailCore
import KyvernoEngine
import Testing

/// Every policy of the corpus (Fixtures/corpus) loads without a crash, unsupported constructs are reported,
/// invalid documents become diagnostics, and a matrix of requests evaluates against the whole set.
@Suite struct CorpusTests {
    static let files = Fixtures.list("corpus").filter { $0 != "broken.yaml" }
    static let documents = files.flatMap { Fixtures.documents("corpus/" + $0) }
    static let state = ClusterState.load(documents: documents)

    @Test func everyPolicyLoads() {
        #expect(Self.documents.count >= 100)
        #expect(Self.state.policies.count == Self.documents.count)
        let errors = Self.state.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func unsupportedRuleKindsAreDiagnosed() {
        let texts = Self.state.diagnostics.map(\.description)
        #expect(
            texts.contains { $0.contains("not supported yet: verifyImages") && $0.contains("verify-image-signatures") })
        #expect(texts.contains { $0.contains("mutate rule does not take part in validation") })
        #expect(texts.contains { $0.contains("generate rule does not take part in validation") })
    }

    @Test func brokenDocumentsBecomeDiagnostics() {
        let broken = Fixtures.documents("corpus/broken.yaml")
        var diagnostics: [Diagnostic] = []
        var loaded: [String] = []
        for document in broken {
            if let policy = PolicyParser().parse(document, diagnostics: &diagnostics) {
                loaded.append(policy.reference.name)
            }
        }
        for document in broken {
            let name = document[path: "metadata", "name"]!.stringValue!
            #expect(diagnostics.contains { $0.context["policy"] == "ClusterPolicy/\(name)" }, "\(name): \(diagnostics)")
        }
        #expect(diagnostics.contains { $0.context["field"] == "spec" && $0.message == "policy has no spec" })
        #expect(diagnostics.contains { $0.context["field"]?.hasSuffix(".match") == true })
        #expect(diagnostics.contains { $0.context["field"] == "spec.rules" && $0.message.contains("expected a list") })
        #expect(diagnostics.contains { $0.context["field"]?.hasSuffix(".anyPattern") == true })
        #expect(!loaded.contains("broken-two-bodies") || diagnostics.contains { $0.message.contains("more than one") })
    }

    static let users = [
        UserInfo(username: "cell-infra-elon.musk-example.com", groups: ["system:authenticated"]),
        UserInfo(username: "alice", groups: ["devs", "oidc:engineering", "system:authenticated"]),
        UserInfo(
            username: "system:serviceaccount:ci:deployer",
            groups: ["system:serviceaccounts", "system:serviceaccounts:ci"]),
    ]

    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "web", "namespace": "prod", "labels": ["app": "web", "protected": "true"]],
        "spec": [
            "containers": [["name": "c", "image": "nginx:latest", "securityContext": ["privileged": true]]],
            "hostNetwork": true,
        ],
    ]

    static let requests: [AdmissionRequest] = {
        var requests: [AdmissionRequest] = []
        for operation in ["CREATE", "UPDATE", "DELETE", "CONNECT", "GET"] {
            for kind in ["Pod", "Deployment", "Service", "Secret", "ConfigMap", "Namespace", "ClusterRole", "Node"] {
                for namespace in ["prod", "shop", "testnamespace"] {
                    let cluster = ["Namespace", "ClusterRole", "Node"].contains(kind)
                    requests.append(
                        Requests.make(
                            operation, kind, namespace: cluster ? "" : namespace, name: "web",
                            subResource: operation == "CONNECT" ? "exec" : ""))
                }
            }
        }
        requests.append(Requests.make("CREATE", "Pod", namespace: "prod", name: "web", object: pod))
        requests.append(Requests.make("UPDATE", "Pod", namespace: "prod", name: "web", object: pod, oldObject: pod))
        requests.append(Requests.make("DELETE", "Pod", namespace: "prod", name: "web", oldObject: pod))
        return requests
    }()

    @Test func everyRequestEvaluatesAgainstTheWholeCorpus() {
        let evaluator = Evaluator(Self.state)
        var verdicts: [AdmissionVerdict: Int] = [:]
        for request in Self.requests {
            for user in Self.users {
                let decision = evaluator.run(request, user)
                verdicts[decision.verdict, default: 0] += 1
                if decision.verdict == .denied { #expect(decision.message?.contains("was blocked") == true) }
            }
        }
        #expect(verdicts[.denied, default: 0] > 0)
        #expect(verdicts[.allowed, default: 0] > 0)
        #expect(verdicts[.dependsOnObject, default: 0] > 0)
    }

    @Test func unsupportedBodiesAreReportedNotPassed() throws {
        let decision = Evaluator(Self.state).run(
            Requests.make("CREATE", "Pod", namespace: "prod", name: "web", object: Self.pod), Self.users[1])
        func outcome(_ policy: String, _ rule: String) -> RuleOutcome? {
            decision.results.first { $0.policy.name == policy && $0.rule == rule }?.outcome
        }
        #expect(outcome("pod-security-baseline", "baseline")?.name == "unsupported")
        #expect(outcome("configmap-context", "allowed-registries")?.name == "unsupported")
        #expect(outcome("memory-range", "memory-between")?.name == "audits")
        #expect(outcome("assert-style", "r")?.name == "unsupported")
        #expect(outcome("disallow-host-namespaces", "host-namespaces") == .blocks)
        #expect(outcome("disallow-latest-tag", "validate-image-tag") == .blocks)
        #expect(decision.verdict == .denied)
    }
}
