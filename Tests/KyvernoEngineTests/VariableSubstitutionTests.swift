import GuardrailCore
@testable import KyvernoEngine
import Testing

/// Kyverno's `{{ }}` semantics (pkg/engine/variables/vars.go, vars_test.go).
@Suite struct VariableSubstitutionTests {
    static let context: JSONValue = [
        "request": [
            "operation": "CREATE",
            "object": [
                "metadata": ["name": "web", "annotations": ["test": "name"], "labels": ["a": "1", "b": "<x>"]],
                "spec": ["replicas": 3, "list": ["value1", "value2"]],
            ],
            "oldObject": nil,
        ]
    ]

    func substitute(
        _ text: String, delete: Bool = false, unknown: [String] = []
    ) throws(SubstitutionFailure) -> JSONValue {
        try VariableSubstitution(
            context: Self.context, evaluator: KyvernoExpressionEvaluator(), now: 0,
            isDelete: delete, unknownRoots: unknown
        ).substitute(text, path: "")
    }

    @Test(
        arguments: [
            ("{{ request.object.spec.replicas }}", JSONValue.int(3)),
            ("{{request.object.spec.list}}", ["value1", "value2"]),
            ("n={{ request.object.spec.replicas }}", "n=3"),
            ("{{ request.object.spec.list }}!", "[\"value1\",\"value2\"]!"),
            ("{{ request.object.metadata.labels }}", ["a": "1", "b": "<x>"]),
            ("l={{ request.object.metadata.labels }}", "l={\"a\":\"1\",\"b\":\"\\u003cx\\u003e\"}"),
            ("{{ request.object.metadata.{{ request.object.metadata.annotations.test }} }}", "web"),
            ("\\{{ request.operation }} is {{ request.operation }}", "{{ request.operation }} is CREATE"),
            ("{{ request.oldObject.metadata.name }}", nil),
            ("x{{ request.oldObject }}y", "xnully"),
            ("{{ request.operation }}{{ request.operation }}", "CREATECREATE"),
            ("{{ request.object.metadata.labels.missing || 'default' }}", "default"),
            ("no variables", "no variables"),
        ] as [(String, JSONValue)])
    func substitution(text: String, expected: JSONValue) throws {
        #expect(try substitute(text) == expected)
    }

    @Test func missingKeyIsAnError() {
        #expect(
            throws: SubstitutionFailure.error(
                "failed to resolve request.object.metadata.labels.team at path : JMESPath query failed: Unknown key \"team\" in path"
            )
        ) {
            try substitute("{{ request.object.metadata.labels.team }}")
        }
    }

    @Test func deleteReadsTheOldObject() throws {
        #expect(try substitute("{{ request.object }}", delete: true) == .null)
    }

    @Test func unknownObjectIsReportedNotGuessed() {
        #expect(throws: SubstitutionFailure.unknown(["request.object.metadata.name"])) {
            try substitute("{{ request.object.metadata.name }}", unknown: ["request.object"])
        }
        #expect(try! substitute("{{ request.operation }}", unknown: ["request.object"]) == "CREATE")
    }

    @Test func shallowSubstitutionEscapesBraces() throws {
        let context: JSONValue = ["v": "{{ request.operation }}", "request": ["operation": "CREATE"]]
        let deep = VariableSubstitution(
            context: context, evaluator: KyvernoExpressionEvaluator(), now: 0, isDelete: false,
            unknownRoots: [])
        #expect(try deep.substitute("{{ v }}", path: "") == "CREATE")
        #expect(try deep.substitute("{{- v }}", path: "") == "\\{{ request.operation }}")
    }

    @Test func scannerFindsKyvernoVariables() {
        #expect(VariableScanner.find(in: "a {{ b }} c {{ d }}").map(\.body) == [" b ", " d "])
        #expect(VariableScanner.find(in: "\\{{ b }}").isEmpty)
        #expect(VariableScanner.find(in: "{{ {a: b} }}").map(\.body) == [" {a: b} "])
        #expect(VariableScanner.find(in: "{{ a {{ b }} }}").map(\.body) == [" b "])
    }

    @Test(arguments: [
        ("system:serviceaccount:nirmata:user1", "user1", "nirmata"),
        ("kubernetes-admin", "", ""),
        ("system:serviceaccount:ns", "", ""),
    ])
    func serviceAccountVariables(username: String, name: String, namespace: String) {
        let context = AdmissionContext.build(
            request: AdmissionRequest(
                operation: "CREATE", kind: GroupVersionKind(version: "v1", kind: "Pod"),
                resource: GroupVersionResource(version: "v1", resource: "pods")),
            user: UserInfo(username: username), roles: KyvernoRoles(roles: [], clusterRoles: [], grants: []))
        #expect(context["serviceAccountName"] == .string(name))
        #expect(context["serviceAccountNamespace"] == .string(namespace))
        // omitempty: no namespace, name, roles or clusterRoles keys.
        #expect(context[path: "request", "namespace"] == nil)
        #expect(context[path: "request", "roles"] == nil)
    }
}
