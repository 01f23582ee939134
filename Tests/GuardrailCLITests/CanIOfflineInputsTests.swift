import GuardrailCore
import KubeClient
import Testing

@testable import GuardrailCLI

@Suite("can-i offline inputs")
struct CanIOfflineInputsTests {
    static let example = CanIFixtures.repositoryRoot + "/examples/eks-cluster-admin"

    static func load(_ paths: [String]) throws -> OfflineInputs {
        OfflineInputs.classify(try OfflineFileReader(parse: CanIDocuments.parse).documents(in: paths))
    }

    @Test func bundledExampleIsClassified() throws {
        let inputs = try Self.load([Self.example])
        #expect(!inputs.hasErrors, "\(inputs.diagnostics)")
        #expect(
            inputs.clusterPolicies.compactMap { $0.value[path: "metadata", "name"]?.stringValue }.sorted()
                == ["block-cluster-admin-from-ns", "disallow-latest-tag", "require-team-label"])
        #expect(inputs.policyExceptions.count == 1 && inputs.kyvernoConfigMap != nil)
        #expect(
            inputs.clusterRoles.count == 4 && inputs.clusterRoleBindings.count == 2 && inputs.roleBindings.count == 2)
        #expect(inputs.namespace(named: "testnamespace")?.value[path: "metadata", "labels", "team"] == "payments")
        let caller = try #require(inputs.caller)
        #expect(caller.user.username == "cell-infra-jane.doe-example.com")
        #expect(caller.user.groups == ["cell-infra-admins", "system:authenticated"])
        #expect(caller.user.extra["sessionName"] == ["jane.doe@example.com"])
        #expect(caller.location.file?.hasSuffix("caller/whoami.yaml") == true && caller.location.line == 5)
        let list = try CanIDocuments.parse("apiVersion: v1\nkind: List\nitems:\n- kind: A\n- kind: B\n", "l.yaml")
        #expect(list.map(\.location.line) == [4, 5])
    }

    @Test func badDocumentsNameFileAndLine() throws {
        let directory = CanIFixtures.directory + "/offline-bad"
        let inputs = try Self.load([
            directory + "/policies.yaml", directory + "/whoami.json", directory + "/whoami-again.yaml",
        ])
        let errors = inputs.diagnostics.filter { $0.severity == .error }.map { CanIRunner.format($0) }
        #expect(
            errors == [
                "\(directory)/policies.yaml:8: document has no kind; every object needs apiVersion and kind",
                "\(directory)/policies.yaml:12: PolicyException \"no-namespace\" has no metadata.namespace",
                "\(directory)/whoami-again.yaml:1: a second SelfSubjectReview (the caller is already \"alice\" from"
                    + " \(directory)/whoami.json:1); keep one, or pass --as",
            ])
        #expect(
            inputs.diagnostics.contains {
                $0.severity == .note && $0.message == "ignored apps/v1 Deployment \"ignored\": not used by can-i"
            })
        #expect(inputs.clusterPolicies.count == 1)
    }

    @Test func yamlSyntaxErrorsNameFileLineAndColumn() throws {
        let path = CanIFixtures.directory + "/offline-syntax/broken.yaml"
        #expect {
            _ = try Self.load([path])
        } throws: { error in
            "\(error)".hasPrefix("\(path):10:1: did not find expected") && "\(error)".contains("started at line 9")
        }
    }

    @Test func missingPathsAndEmptyDirectoriesAreErrors() throws {
        #expect { _ = try Self.load(["/nonexistent/x"]) } throws: {
            "\($0)" == "/nonexistent/x: no such file or directory"
        }
        let empty = try CanIFixtures.temporaryDirectory()
        #expect { _ = try Self.load([empty]) } throws: {
            "\($0)".hasSuffix("no .yaml, .yml or .json files in the directory")
        }
    }

    @Test func listsAreUnpackedAndCRDsExtendDiscovery() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: apiextensions.k8s.io/v1
              kind: CustomResourceDefinition
              metadata: {name: widgets.example.com}
              spec:
                group: example.com
                scope: Namespaced
                names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
                versions:
                - {name: v1, served: true, storage: true, subresources: {status: {}}}
            - apiVersion: v1
              kind: Namespace
              metadata: {name: team-a}
            """
        let inputs = OfflineInputs.classify(try CanIDocuments.parse(text, "list.yaml"))
        #expect(inputs.namespaces.count == 1 && inputs.customResourceDefinitions.count == 1)
        guard case .resolved(let info, _) = ResourceResolver(catalog: inputs.catalog).resolve("wd") else {
            Issue.record("wd did not resolve")
            return
        }
        #expect(
            info.qualifiedName == "widgets.example.com" && info.namespaced && info.subresource(named: "status") != nil)
    }

    @Test(arguments: [
        ("alice", [String](), ["system:authenticated"]),
        ("alice", ["devs"], ["devs", "system:authenticated"]),
        ("alice", ["system:unauthenticated"], ["system:unauthenticated"]),
        ("system:anonymous", [], ["system:unauthenticated"]),
        (
            "system:serviceaccount:ci:deployer", [],
            ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"]
        ),
    ])
    func impersonationAddsTheServersGroups(user: String, groups: [String], expected: [String]) throws {
        let caller = try OfflineCaller.resolve(impersonateUser: user, groups: groups, uid: nil, reviewed: nil)
        #expect(caller.username == user && caller.groups == expected)
    }

    @Test func callerComesFromTheReviewOrFails() throws {
        let reviewed = UserInfo(username: "jane", groups: ["g"])
        #expect(try OfflineCaller.resolve(impersonateUser: nil, groups: [], uid: nil, reviewed: reviewed) == reviewed)
        #expect { try OfflineCaller.resolve(impersonateUser: nil, groups: [], uid: nil, reviewed: nil) } throws: {
            "\($0)".hasPrefix("no caller: put a SelfSubjectReview")
        }
        #expect {
            try OfflineCaller.resolve(impersonateUser: nil, groups: ["x"], uid: nil, reviewed: reviewed)
        } throws: {
            "\($0)".hasPrefix("requesting uid or groups without impersonating a user")
        }
    }
}
