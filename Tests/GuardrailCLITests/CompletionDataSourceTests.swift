import KubeClient
import KubeConfig
import Testing

@testable import GuardrailCLI

@Suite("Completion data source: kubeconfig names and cached discovery")
struct CompletionDataSourceTests {
    let kubeconfig = CompletionPaths.fixtures + "/kubeconfig.json"
    let prod = "arn:aws:eks:eu-west-1:111122223333:cluster/prod"

    @Test func namesComeFromTheKubeconfigInFileOrderWithoutSecrets() throws {
        let names = LiveCompletionDataSource().kubeconfigNames(ClusterSelection(kubeconfig: kubeconfig))
        #expect(
            names.contexts == [
                CompletionCandidate("kind-dev", "current, cluster kind-dev, user kind-dev, namespace team-a"),
                CompletionCandidate(prod, "cluster \(prod), user devops"),
            ])
        #expect(names.clusters.map(\.value) == ["kind-dev", prod])
        #expect(names.clusters.first?.description == "https://127.0.0.1:6443")
        #expect(names.users == [CompletionCandidate("kind-dev"), CompletionCandidate("devops")])
    }

    @Test(
        arguments: [(nil, 800), ("2", 2000), ("0.25", 250), ("0", 800), ("soon", 800), ("600", 800)] as [(String?, Int)]
    )
    func theNetworkBudgetCanBeSetForSlowLinks(value: String?, milliseconds: Int) {
        var environment = OverriddenEnvironment()
        environment.values["GUARDRAIL_COMPLETION_TIMEOUT"] = value
        #expect(CompletionEnvironment.budget(environment) == .milliseconds(milliseconds))
    }

    @Test func activeHelpCanBeTurnedOffLikeCobras() {
        var environment = OverriddenEnvironment()
        #expect(CompletionEnvironment.activeHelpEnabled(environment))
        for name in ["COBRA_ACTIVE_HELP", "KUBECTL_ACTIVE_HELP", "KUBECTL_GUARDRAIL_ACTIVE_HELP"] {
            environment.values = [name: "0"]
            #expect(!CompletionEnvironment.activeHelpEnabled(environment))
        }
    }

    @Test func anUnreadableKubeconfigGivesNoNamesRatherThanAnError() {
        let names = LiveCompletionDataSource().kubeconfigNames(ClusterSelection(kubeconfig: "/nonexistent/config"))
        #expect(names == KubeconfigNames())
    }

    @Test func resourceTypesFollowDiscoveryOrderAndCarrySubresources() throws {
        let catalog = DiscoveryCatalog(groups: [
            .init(
                name: "",
                versions: [
                    .init(
                        version: "v1",
                        resources: [
                            APIResourceInfo(
                                group: "", version: "v1", name: "pods", singularName: "pod", kind: "Pod",
                                namespaced: true, verbs: ["get"], shortNames: ["po"], categories: [],
                                subresources: [APISubresourceInfo(name: "log")])
                        ])
                ]),
            .init(
                name: "apps",
                versions: [
                    .init(
                        version: "v1",
                        resources: [
                            APIResourceInfo(
                                group: "apps", version: "v1", name: "deployments", singularName: "deployment",
                                kind: "Deployment", namespaced: true, verbs: ["get"], shortNames: ["deploy"],
                                categories: [], subresources: [APISubresourceInfo(name: "scale")])
                        ]),
                    .init(
                        version: "v1beta1",
                        resources: [
                            APIResourceInfo(
                                group: "apps", version: "v1beta1", name: "deployments", singularName: "deployment",
                                kind: "Deployment", namespaced: true, verbs: ["get"], shortNames: [],
                                categories: [], subresources: [])
                        ]),
                ], preferredVersion: "v1"),
        ])
        let summaries = LiveCompletionDataSource.summaries(of: catalog)
        #expect(summaries.map(\.qualifiedName) == ["pods", "deployments.apps"])
        #expect(summaries[0].subresources == ["log"])
        #expect(summaries[1].version == "v1")
        #expect(summaries[1].shortNames == ["deploy"])
    }
}
