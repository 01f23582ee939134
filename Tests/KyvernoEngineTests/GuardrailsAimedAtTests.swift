import GuardrailCore
import KyvernoEngine
import Testing

/// `GuardrailsAimedAt`: which rules single out a caller by subjects, roles and clusterRoles.
@Suite struct GuardrailsAimedAtTests {
    static let cluster = Fixtures.documents(yaml: """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: protect-namespaces}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: no-delete
            match:
              any:
              - resources: {kinds: [Namespace], operations: [DELETE]}
                subjects: [{kind: Group, name: "system:mast*"}]
            validate:
              message: "deleting namespaces labelled protected=true"
              deny: {}
          - name: everyone
            match:
              any:
              - resources: {kinds: [Pod]}
            validate:
              message: "pods need labels"
              pattern: {metadata: {labels: {app: "?*"}}}
        ---
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: admins-audit}
        spec:
          rules:
          - name: secrets-by-admins
            match:
              all:
              - resources: {kinds: [Secret]}
                clusterRoles: [cluster-admin]
            validate:
              deny:
                conditions:
                  any:
                  - key: "{{ request.operation }}"
                    operator: AnyIn
                    value: [DELETE, UPDATE]
        ---
        apiVersion: kyverno.io/v1
        kind: Policy
        metadata: {name: team-rules, namespace: team-a}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: editors-no-configmaps
            match:
              resources: {kinds: [ConfigMap]}
              roles: ["team-a:editor"]
            exclude:
              any:
              - subjects: [{kind: User, name: alice}]
            validate:
              message: |
                configmaps are managed by GitOps
                (second line)
              deny: {}
          - name: sa-only
            match:
              any:
              - resources: {kinds: [Deployment]}
                subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
            validate:
              deny: {}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: admins}
        roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
        subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: editors, namespace: team-a}
        roleRef: {kind: Role, name: editor, apiGroup: rbac.authorization.k8s.io}
        subjects: [{kind: User, name: alice}, {kind: User, name: bob}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ns-admin, namespace: team-b}
        roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
        subjects: [{kind: User, name: carol}]
        """)

    static func aimed(at user: UserInfo, documents: [JSONValue] = cluster) -> AimedRules {
        GuardrailsAimedAt.find(in: ClusterState.load(documents: documents), user: user)
    }

    @Test func subjectsWithWildcardSelectTheGroup() {
        let result = Self.aimed(at: UserInfo(username: "kubernetes-admin", groups: ["system:masters"]))
        #expect(result.rules.count == 1)
        let rule = try! #require(result.rules.first)
        #expect(rule.policy == PolicyReference(kind: .clusterPolicy, name: "protect-namespaces"))
        #expect(rule.rule == "no-delete")
        #expect(rule.action == "Enforce")
        #expect(rule.relation == .matches)
        #expect(rule.summary == "deleting namespaces labelled protected=true")
        #expect(rule.selectedBy.map(\.description) == ["subjects: Group system:mast*"])
    }

    @Test func clusterRolesComeFromBindingsAndDenyConditionsAreSummarised() {
        let result = Self.aimed(at: UserInfo(username: "dave", groups: ["ops"]))
        #expect(result.rules.map(\.rule) == ["secrets-by-admins"])
        let rule = result.rules[0]
        #expect(rule.action == "Audit")
        #expect(rule.summary == "denies Secret when request.operation AnyIn [\"DELETE\",\"UPDATE\"]")
        #expect(rule.selectedBy.first?.field == "clusterRoles")
        #expect(rule.selectedBy.first?.via == ["ClusterRoleBinding 'admins' (subject Group ops)"])
        #expect(result.roles.clusterRoles == ["cluster-admin"])
    }

    @Test func aRoleBindingToAClusterRoleCountsThroughItsNamespace() {
        let result = Self.aimed(at: UserInfo(username: "carol"))
        #expect(result.rules.map(\.rule) == ["secrets-by-admins"])
        #expect(result.rules[0].selectedBy.first?.via == ["RoleBinding 'team-b/ns-admin' (subject User carol)"])
    }

    @Test func rolesSelectAndTheMessageKeepsItsFirstLine() {
        let result = Self.aimed(at: UserInfo(username: "bob"))
        #expect(result.rules.count == 1)
        let rule = result.rules[0]
        #expect(rule.policy.description == "Policy/team-a/team-rules")
        #expect(rule.relation == .matches)
        #expect(rule.summary == "configmaps are managed by GitOps")
        #expect(rule.selectedBy.map(\.description)
            == ["roles: team-a:editor via RoleBinding 'team-a/editors' (subject User bob)"])
    }

    @Test func anExcludeThatNamesTheCallerIsAnExemption() {
        let result = Self.aimed(at: UserInfo(username: "alice"))
        #expect(result.rules.count == 1)
        let rule = result.rules[0]
        #expect(rule.rule == "editors-no-configmaps")
        #expect(rule.relation == .excludes)
        #expect(rule.selectedBy.map(\.description) == ["subjects: User alice"])
        #expect(rule.scope == "")
    }

    @Test func serviceAccountSubjectsAndOutrightDenials() {
        let user = UserInfo(username: "system:serviceaccount:ci:deployer",
                            groups: ["system:serviceaccounts", "system:serviceaccounts:ci"])
        let result = Self.aimed(at: user)
        #expect(result.rules.map(\.rule) == ["sa-only"])
        #expect(result.rules[0].summary == "denies Deployment outright")
    }

    @Test func rulesForEveryoneAndStrangersAreNotAimed() {
        #expect(Self.aimed(at: UserInfo(username: "nobody", groups: ["system:authenticated"])).rules.isEmpty)
    }

    @Test func theKyvernoConfigMapExclusionIsReported() {
        let configMap = Fixtures.documents(yaml: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kyverno, namespace: kyverno}
            data:
              excludeGroups: "system:masters"
            """)
        let result = Self.aimed(at: UserInfo(username: "root", groups: ["system:masters"]),
                                documents: Self.cluster + configMap)
        #expect(result.callerExclusion != nil)
        #expect(result.callerExclusion?.contains("system:masters") == true)
    }

    @Test(arguments: [
        ("validate: {message: \"\", deny: {}}", "denies CREATE Pod outright"),
        ("validate: {pattern: {spec: {}}}", "requires CREATE Pod to match a pattern"),
        ("validate: {message: \"  padded  \"}", "padded"),
    ])
    func summaries(body: String, expected: String) {
        let documents = Fixtures.documents(yaml: """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: p}
            spec:
              rules:
              - name: r
                match: {any: [{resources: {kinds: [v1/Pod], operations: [CREATE]}, subjects: [{kind: User, name: u}]}]}
                \(body)
            """)
        let result = Self.aimed(at: UserInfo(username: "u"), documents: documents)
        #expect(result.rules.first?.summary == expected)
    }
}
