import GuardrailCore
import GuardrailYAML
import Testing

@testable import RBAC

@Suite struct RBACObjectsTests {
    @Test func invalidObjectsBecomeDiagnostics() throws {
        let text = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: no-namespace}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: odd}
            rules:
            - verbs: [get]
              resources: pods
            - verbs: []
              apiGroups: [""]
              resources: [pods, 3]
            aggregationRule:
              clusterRoleSelectors:
              - matchExpressions: [{key: a, operator: In}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            subjects:
            - {kind: Robot, name: r2d2}
            - {kind: ServiceAccount, name: sa}
            - {kind: User, name: ""}
            roleRef: {kind: Role, name: x}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {namespace: ns}
            roleRef: {kind: Role, name: x}
            """
        var objects = RBACObjects()
        for document in try YAML.loadAll(text, file: "bad.yaml") {
            objects.add(document.value, location: SourceLocation(file: "bad.yaml", line: document.startLine))
        }
        let messages = objects.diagnostics.map(\.message)
        let expected = [
            #"Role "no-namespace": metadata.namespace: a Role is namespaced; set metadata.namespace (the object"#
                + #" is ignored)"#,
            #"ClusterRole "odd": rules[0].resources: expected a list of strings, got string"#,
            #"ClusterRole "odd": rules[0].apiGroups: resource rules must supply at least one api group"#,
            #"ClusterRole "odd": rules[0].resources: resource rules must supply at least one resource"#,
            #"ClusterRole "odd": rules[1].resources[1]: expected a string, got number"#,
            #"ClusterRole "odd": rules[1].verbs: verbs must contain at least one value"#,
            #"ClusterRole "odd": aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values: for 'in',"#
                + #" 'notin' operators, values set can't be empty; the selector matches nothing"#,
            #"ClusterRoleBinding "crb": subjects[0].kind: unsupported subject kind "Robot" (must be User, Group"#
                + #" or ServiceAccount); the subject is ignored"#,
            #"ClusterRoleBinding "crb": subjects[1].namespace: a ServiceAccount subject of a ClusterRoleBinding"#
                + #" needs a namespace; it matches nobody"#,
            #"ClusterRoleBinding "crb": subjects[2].name: a name is required; the subject is ignored"#,
            #"ClusterRoleBinding "crb": roleRef.kind: a ClusterRoleBinding must refer to a ClusterRole, not "Role""#,
            #"RoleBinding: metadata.name: a name is required; the object is ignored"#,
        ]
        #expect(messages == expected)
        #expect(objects.diagnostics.allSatisfy { $0.location?.file == "bad.yaml" })
        #expect(objects.diagnostics[1].context["field"] == "rules[0].resources")
        #expect(objects.diagnostics[1].location?.line == 4)  // the document's `---`
        // What could be used was kept.
        #expect(objects.clusterRoles.first?.rules.count == 2)
        #expect(objects.clusterRoles.first?.aggregationSelectors == [])
        #expect(objects.clusterRoleBindings.first?.subjects == [Subject(kind: .serviceAccount, name: "sa")])
        #expect(objects.roles.isEmpty && objects.roleBindings.isEmpty)
    }

    @Test func nonRBACAndForeignGroupsAreIgnored() {
        let objects = RBACObjects(objects: [
            ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"]],
            ["apiVersion": "example.com/v1", "kind": "Role", "metadata": ["name": "r", "namespace": "n"]],
            "not an object",
        ])
        #expect(objects.roles.isEmpty)
        #expect(objects.diagnostics.isEmpty)
    }
}

@Suite struct LabelSelectorTests {
    @Test func semantics() {
        let labels = ["app": "web", "tier": "front"]
        #expect(LabelSelector().matches(labels))
        #expect(LabelSelector().matches([:]))
        #expect(!LabelSelector.matches(nil, labels: labels))
        #expect(LabelSelector(matchLabels: ["app": "web"]).matches(labels))
        #expect(!LabelSelector(matchLabels: ["app": "web", "x": "y"]).matches(labels))
        let expressions: [(LabelSelector.Requirement, Bool)] = [
            (.init(key: "app", operator: .in, values: ["web", "api"]), true),
            (.init(key: "app", operator: .in, values: ["api"]), false),
            (.init(key: "missing", operator: .in, values: ["x"]), false),
            (.init(key: "app", operator: .notIn, values: ["api"]), true),
            (.init(key: "app", operator: .notIn, values: ["web"]), false),
            (.init(key: "missing", operator: .notIn, values: ["x"]), true),
            (.init(key: "tier", operator: .exists), true),
            (.init(key: "missing", operator: .exists), false),
            (.init(key: "missing", operator: .doesNotExist), true),
            (.init(key: "tier", operator: .doesNotExist), false),
        ]
        for (requirement, expected) in expressions {
            #expect(LabelSelector(matchExpressions: [requirement]).matches(labels) == expected, "\(requirement)")
        }
    }

    @Test func parsing() {
        let (selector, problems) = LabelSelector.parse(
            ["matchLabels": ["a": "b"], "matchExpressions": [["key": "k", "operator": "Exists"]]], field: "selector")
        #expect(problems.isEmpty)
        #expect(
            selector == LabelSelector(matchLabels: ["a": "b"], matchExpressions: [.init(key: "k", operator: .exists)]))
        let (bad, badProblems) = LabelSelector.parse(
            ["matchExpressions": [["key": "k", "operator": "Like", "values": ["x"]]]], field: "selector")
        #expect(bad == nil)
        #expect(
            badProblems.map(\.message) == [
                #"selector.matchExpressions[0].operator: "Like" is not a valid label selector operator"#
            ])
        #expect(LabelSelector.parse([:], field: "s").0 == LabelSelector())
    }
}

@Suite struct RBACScaleTests {
    /// 10,000 bindings: indexing keeps the answer right (timing lives in `rbac-bench`).
    @Test func tenThousandBindings() {
        var objects = RBACObjects()
        objects.clusterRoles.append(
            ClusterRole(name: "reader", rules: [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])]))
        for i in 0..<10_000 {
            objects.roleBindings.append(
                RoleBinding(
                    name: "b\(i)", namespace: "ns\(i % 100)", subjects: [Subject(kind: .user, name: "user\(i)")],
                    roleRef: RoleRef(kind: "ClusterRole", name: "reader")))
        }
        let authorizer = RBACAuthorizer(objects)
        let user = UserInfo(username: "user4242")
        #expect(
            authorizer.authorize(user, ResourceAttributes(verb: "get", resource: "pods", namespace: "ns42")).reason
                == #"RBAC: allowed by RoleBinding "b4242/ns42" of ClusterRole "reader" to User "user4242""#)
        #expect(
            !authorizer.authorize(user, ResourceAttributes(verb: "get", resource: "pods", namespace: "ns43")).allowed)
        #expect(authorizer.bindings(matching: user).count == 1)
    }
}

@Suite struct ReviewJSONTests {
    @Test func subjectAccessReviewStatus() {
        let allowed = RBACDecision(
            allowed: true, reason: "RBAC: allowed by x", source: .noOpinion, resolutionErrors: [])
        #expect(allowed.statusJSON == ["allowed": true, "reason": "RBAC: allowed by x"])
        let denied = RBACDecision(allowed: false, reason: "", source: .noOpinion, resolutionErrors: [])
        #expect(denied.statusJSON == ["allowed": false])
        #expect(denied.statusJSON.objectValue?.keys == ["allowed"])
    }

    @Test func rulesReviewStatus() {
        let review = RulesReview(
            resourceRules: [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])],
            nonResourceRules: [PolicyRule(verbs: ["get"], nonResourceURLs: ["/api"])], evaluationError: "")
        #expect(
            review.statusJSON == [
                "resourceRules": [["verbs": ["get"], "apiGroups": [""], "resources": ["pods"]]],
                "nonResourceRules": [["verbs": ["get"], "nonResourceURLs": ["/api"]]], "incomplete": false,
            ])
    }

    @Test func requestFromSpec() {
        let spec: JSONValue = [
            "resourceAttributes": ["verb": "get", "resource": "pods", "subresource": "log", "namespace": "dev"]
        ]
        #expect(
            AuthorizationRequest(spec: spec)
                == .resource(ResourceAttributes(verb: "get", resource: "pods", subresource: "log", namespace: "dev")))
        #expect(
            AuthorizationRequest(spec: ["nonResourceAttributes": ["path": "/healthz", "verb": "get"]])
                == .nonResource(NonResourceAttributes(path: "/healthz", verb: "get")))
        #expect(AuthorizationRequest(spec: [:]) == nil)
    }
}
