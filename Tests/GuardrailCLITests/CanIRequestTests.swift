import GuardrailCore
import KubeClient
import Testing

@testable import GuardrailCLI

@Suite("can-i arguments and request building")
struct CanIRequestTests {
    static func parse(_ words: [String], subresource: String? = nil, hasObject: Bool = false) throws -> AccessQuery? {
        try AccessQuery.parse(words: words, subresource: subresource, hasObject: hasObject)
    }

    static func build(
        _ words: [String], subresource: String? = nil, namespace: String = "team-a",
        allNamespaces: Bool = false
    ) throws -> (AccessRequest, [String]) {
        let query = try #require(try parse(words, subresource: subresource))
        let (request, notes) = AccessRequestBuilder(catalog: .wellKnown).build(
            query, namespace: namespace, allNamespaces: allNamespaces)
        return (request, notes.map(\.message))
    }

    @Test func typeSlashNameIsANameLikeKubectl() throws {
        let query = try #require(try Self.parse(["get", "pods/log"]))
        #expect(query.resource == "pods" && query.name == "log" && query.subresource == nil && query.nameFromSlash)
        let third = try #require(try Self.parse(["delete", "deploy", "web"]))
        #expect(third.resource == "deploy" && third.name == "web" && !third.nameFromSlash)
    }

    @Test(arguments: [
        ([String](), "you must specify a verb and a resource"),
        (["get"], "you must specify a resource after the verb \"get\""),
        (["get", "pods", "a", "b"], "too many arguments"),
        (["get", "pods/a", "b"], "the name was given twice"),
        (["get", "/healthz", "x"], "NonResourceURL and ResourceName can not specified together"),
        (["get", "/x"], nil),
    ])
    func usageErrors(words: [String], message: String?) {
        do {
            _ = try AccessQuery.parse(words: words, subresource: words.last == "/x" ? "log" : nil, hasObject: false)
            Issue.record("expected a usage error for \(words)")
        } catch {
            let expected = message ?? "--subresource can not be used with NonResourceURL"
            #expect(error.message.hasPrefix(expected), "\(error.message)")
        }
    }

    @Test func objectLetsTheResourceAndVerbBeLeftOut() throws {
        #expect(try Self.parse([], hasObject: true) == nil)
        let query = try #require(try Self.parse(["update"], hasObject: true))
        #expect(query.verb == "update" && query.resource == nil)
    }

    @Test func resolvedRequestCarriesGroupKindAndOperation() throws {
        let (request, notes) = try Self.build(["create", "deploy"])
        #expect(request.group == "apps" && request.resource == "deployments" && request.kind == "Deployment")
        #expect(request.namespace == "team-a" && request.admission == .admitted(.create))
        #expect(notes.isEmpty)
        #expect(
            request.accessReviewSpec == [
                "resourceAttributes": [
                    "namespace": "team-a", "verb": "create", "group": "apps", "resource": "deployments",
                ]
            ])
    }

    @Test func clusterScopedResourcesAreCheckedWithoutTheNamespace() throws {
        let (request, notes) = try Self.build(["delete", "ns", "prod"])
        #expect(request.namespace == "" && request.name == "prod")
        #expect(
            notes == [
                "namespaces is cluster-scoped: checked without a namespace (a RoleBinding in \"team-a\" cannot grant it)"
            ])
        #expect(request.accessReviewSpec["resourceAttributes"]?["namespace"] == nil)
    }

    @Test func subresourceTypedAsANameGetsAHint() throws {
        let (request, notes) = try Self.build(["get", "pods/log"])
        #expect(request.name == "log" && request.subresource == "")
        #expect(notes.count == 1)
        #expect(notes[0].contains("asks about a pod named \"log\", not the log subresource"))
        #expect(notes[0].contains("\"pods --subresource log\""))
    }

    @Test func unknownResourceWarnsWithSuggestionAndIsSentRaw() throws {
        let (request, notes) = try Self.build(["get", "Deploymnets"])
        #expect(request.resource == "Deploymnets" && request.group == "")
        #expect(notes == ["the server doesn't have a resource type 'deploymnets'; did you mean 'deployments.apps'?"])
        let (_, groupNotes) = try Self.build(["get", "widgets.example.org"])
        #expect(
            groupNotes.first?.hasPrefix("the server doesn't have a resource type 'widgets' in group 'example.org'")
                == true)
        let (_, users) = try Self.build(["impersonate", "users"])
        #expect(users.isEmpty)
    }

    @Test func unknownVerbAndKubectlCommandsAreCaught() throws {
        let (_, notes) = try Self.build(["craete", "pods"])
        #expect(notes == ["verb 'craete' is not a known verb; did you mean 'create'?"])
        let (request, execNotes) = try Self.build(["exec", "pods"])
        #expect(
            execNotes.first
                == "\"exec\" is a kubectl command, not an API verb; did you mean \"can-i create pods --subresource exec\"?"
        )
        #expect(request.admission != .admitted(.connect))
    }

    @Test func unknownSubresourceSuggestsTheRightOne() throws {
        let (_, notes) = try Self.build(["get", "pods"], subresource: "logs")
        #expect(notes == ["pods has no subresource 'logs'; did you mean 'log'?; RBAC will still answer for it"])
    }

    @Test(arguments: [
        (["create", "pods"], nil as String?, AdmissionOperation.Mapping.admitted(.create)),
        (["update", "deploy"], nil, .admitted(.update)), (["patch", "deploy"], "scale", .admitted(.update)),
        (["delete", "pods"], nil, .admitted(.delete)), (["deletecollection", "pods"], nil, .admitted(.delete)),
        (["create", "pods"], "exec", .admitted(.connect)), (["get", "pods"], "exec", .admitted(.connect)),
        (["create", "pods"], "portforward", .admitted(.connect)), (["create", "pods"], "attach", .admitted(.connect)),
        (["create", "pods"], "eviction", .admitted(.create)),
    ])
    func verbsMapToAdmissionOperations(words: [String], subresource: String?, expected: AdmissionOperation.Mapping)
        throws
    {
        #expect(try Self.build(words, subresource: subresource).0.admission == expected)
    }

    @Test(arguments: ["get", "list", "watch", "use", "bind", "escalate", "impersonate", "*"])
    func readsAndRBACOnlyVerbsAreNeverAdmitted(verb: String) throws {
        guard case .notAdmitted(let why) = try Self.build([verb, "pods"]).0.admission else {
            Issue.record("\(verb) should not be admitted")
            return
        }
        #expect(why.contains("RBAC"))
    }

    @Test func nonResourceURLsAreRBACOnly() throws {
        let (request, notes) = try Self.build(["get", "/healthz"])
        #expect(request.nonResourceURL == "/healthz" && notes.isEmpty)
        #expect(request.accessReviewSpec == ["nonResourceAttributes": ["path": "/healthz", "verb": "get"]])
        guard case .notAdmitted = request.admission else {
            Issue.record("non-resource URLs are not admitted")
            return
        }
    }

    @Test func allNamespacesSendsAnEmptyNamespace() throws {
        let (request, _) = try Self.build(["list", "pods"], allNamespaces: true)
        #expect(request.namespace == "")
    }
}
