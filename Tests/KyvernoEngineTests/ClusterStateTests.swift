import GuardrailCore
import KyvernoEngine
import Testing

/// Loading a cluster's documents: lists, the Kyverno ConfigMap, bindings, namespaces, diagnostics.
@Suite struct ClusterStateTests {
    static let yaml = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: b}
            spec: {rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {deny: {}}}]}
          - apiVersion: kyverno.io/v1
            kind: Policy
            metadata: {name: a}
            spec: {rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {deny: {}}}]}
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            roleRef: {kind: ClusterRole, name: admin}
            subjects: [{kind: User, name: alice}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kyverno, namespace: elsewhere}
        data: {excludeUsernames: alice}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kyverno, namespace: security}
        data: {excludeGroups: "ops"}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {tier: gold}}
        ---
        apiVersion: kyverno.io/v2
        kind: PolicyException
        metadata: {name: e, namespace: security}
        spec: {exceptions: [{policyName: b, ruleNames: ["*"]}], match: {any: [{resources: {kinds: [Pod]}}]}}
        ---
        apiVersion: policies.kyverno.io/v1
        kind: ValidatingPolicy
        metadata: {name: cel}
        spec: {}
        ---
        apiVersion: other.example.com/v1
        kind: Policy
        metadata: {name: not-kyverno}
        """

    @Test func loadsEverythingItKnows() {
        let state = ClusterState.load(documents: Fixtures.documents(yaml: Self.yaml),
                                      settings: KyvernoSettings(namespace: "security"))
        #expect(state.policies.map(\.reference.description) == ["Policy/default/a", "ClusterPolicy/b"])
        #expect(state.bindings.bindings.count == 1)
        #expect(state.namespaceLabels["shop"] == ["tier": "gold"])
        // Only the ConfigMap in Kyverno's namespace counts.
        #expect(state.configuration.excludedGroups == ["ops"])
        #expect(state.configuration.excludedUsernames.isEmpty)
        #expect(state.exceptions.count == 1)
        let texts = state.diagnostics.map(\.description)
        #expect(texts.contains { $0.contains("policy exceptions are disabled") })
        #expect(texts.contains { $0.contains("not supported yet: ValidatingPolicy 'cel'") })
    }

    @Test func chartDefaultsApplyWithoutConfigMap() {
        let state = ClusterState.load(documents: [])
        #expect(state.configuration.excludedGroups == ["system:nodes"])
        #expect(state.configuration.webhookNamespaceSelector != nil)
        let decision = Evaluator(state).run(Requests.make("CREATE", "Pod", namespace: "kube-system", name: "p"),
                                            UserInfo(username: "alice"))
        #expect(decision.gate == .webhookSelector(
            "namespace 'kube-system' is excluded by the webhook namespaceSelector "
                + "kubernetes.io/metadata.name notin (kube-system),kubernetes.io/metadata.name notin (kyverno)"))
    }

    @Test func noPoliciesMeansNoWebhook() {
        let decision = Evaluator(ClusterState.load(documents: []))
            .run(Requests.make("CREATE", "Pod", namespace: "apps", name: "p"), UserInfo(username: "alice"))
        #expect(decision.verdict == .allowed)
        #expect(decision.gate == .noPolicies)
    }
}
