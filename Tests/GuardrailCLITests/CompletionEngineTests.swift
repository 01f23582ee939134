import ArgumentParser
import Testing

@testable import GuardrailCLI

/// A `can-i` with the flags the real command declares (`--subresource`, `-f`, `--offline`, `-o`), so the
/// engine is tested independently of how far the real command is.
struct FixtureCanI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "can-i", abstract: "Check an action.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, yaml }
    @OptionGroup var global: GlobalOptions
    @Option var subresource: String?
    @Option(name: [.short, .customLong("filename")]) var files: [String] = []
    @Option var offline: [String] = []
    @Option(name: [.short, .long]) var output: Format = .text
    @Argument var words: [String] = []
}

struct FixtureRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl-guardrail", subcommands: [WhoAmI.self, FixtureCanI.self, Completion.self])
}

@Suite("Completion engine: what `kubectl guardrail … <TAB>` offers")
struct CompletionEngineTests {
    let source = RecordingDataSource()

    var engine: CompletionEngine {
        var engine = CompletionEngine.live()
        engine.root = CommandTreeReader.read(toolInfoJSON: FixtureRoot._dumpHelp())!
        engine.dataSource = source
        return engine
    }

    func values(_ words: String...) async -> [String] {
        await engine.complete(words).candidates.map(\.value)
    }

    @Test func theRealRootOffersVisibleSubcommandsWithDescriptions() async {
        var engine = CompletionEngine.live()
        engine.dataSource = source
        let answer = await engine.complete([""])
        let names = answer.candidates.map(\.value)
        #expect(names.starts(with: ["whoami", "can-i", "jp", "completion"]))
        #expect(!names.contains("__complete"))
        #expect(answer.candidates.allSatisfy { !$0.description.isEmpty })
        #expect(answer.directive == .noFileComp)
    }

    @Test func subcommandsAreFilteredByThePartialWord() async {
        #expect(await values("c") == ["can-i", "completion"])
        #expect(await values("") == ["whoami", "can-i", "completion", "help"])
        #expect(await values("completion", "") == ["bash", "zsh", "fish", "install"])
        #expect(await values("completion", "i") == ["install"])
    }

    @Test func helpCompletesTheSubcommandPath() async {
        #expect(await values("help", "") == ["whoami", "can-i", "completion"])
        #expect(await values("help", "completion", "i") == ["install"])
        #expect(await values("help", "nope", "") == [])
    }

    @Test func positionalArgumentsWithoutCandidatesExplainThemselves() async {
        var engine = CompletionEngine.live()
        engine.dataSource = source
        let answer = await engine.complete(["jp", ""])
        #expect(answer.candidates.isEmpty)
        // The argument's own help text (declared by `jp`), shown but never inserted.
        #expect(answer.activeHelp.count == 1)
        #expect(answer.activeHelp.first?.contains("JMESPath") == true)
    }

    @Test func flagsOfTheCommandAndKubectlGlobals() async {
        let long = await values("whoami", "--c")
        #expect(long.contains("--context"))
        #expect(long.contains("--cluster"))
        #expect(long.contains("--client-key"))
        #expect(!long.contains("-n"))
        let short = await values("whoami", "-")
        #expect(short.contains("-n") && short.contains("--namespace") && short.contains("-h"))
    }

    @Test func flagsAlreadyGivenAreNotOfferedAgainUnlessRepeatable() async {
        let after = await values("whoami", "--context", "x", "--as-group", "g", "--")
        #expect(!after.contains("--context"))
        #expect(after.contains("--as-group"))
        #expect(after.contains("--cluster"))
    }

    @Test func contextsClustersAndUsersComeFromTheKubeconfig() async {
        #expect(
            await values("whoami", "--context", "") == ["kind-dev", "arn:aws:eks:eu-west-1:111122223333:cluster/prod"])
        #expect(await values("whoami", "--context", "arn:") == ["arn:aws:eks:eu-west-1:111122223333:cluster/prod"])
        #expect(await values("whoami", "--cluster", "") == ["kind-dev"])
        #expect(await values("whoami", "--user", "a") == ["alice"])
        #expect(await values("whoami", "--context=k") == ["--context=kind-dev"])
    }

    @Test func kubectlGlobalFlagsBeforeTheSubcommandAreSkippedAndUsed() async {
        #expect(await values("--context", "prod", "-n", "team-a", "") == ["whoami", "can-i", "completion", "help"])
        #expect(await values("--context", "prod", "-n", "team-a", "can-i", "get", "po") == ["pods", "po"])
        #expect(source.selections.last?.context == "prod")
        #expect(source.selections.last?.namespace == "team-a")
        #expect(await values("--kubeconfig=/tmp/k", "--context=prod", "-nteam-a", "can-i", "l") == ["list"])
    }

    @Test func canIVerbsKeepTheirOrder() async {
        let answer = await engine.complete(["can-i", ""])
        #expect(answer.candidates.prefix(3).map(\.value) == ["get", "list", "watch"])
        #expect(answer.directive.contains(.keepOrder))
        #expect(await values("can-i", "de") == ["delete", "deletecollection"])
    }

    @Test func canIResourceTypesIncludeShortNamesAndGroupQualifiedDuplicates() async {
        let all = await values("can-i", "get", "")
        #expect(
            all == [
                "pods", "po", "events", "ev", "namespaces", "ns", "deployments", "deploy",
                "events.events.k8s.io", "clusterpolicies", "cpol",
            ])
        #expect(await values("can-i", "get", "ev") == ["events", "ev", "events.events.k8s.io"])
        let described = await engine.complete(["can-i", "get", "cl"]).candidates
        #expect(described == [CompletionCandidate("clusterpolicies", "ClusterPolicy (kyverno.io)")])
    }

    @Test func withoutCachedDiscoveryCanISaysHowToGetIt() async {
        var engine = self.engine
        engine.dataSource = RecordingDataSource(types: [])
        let answer = await engine.complete(["can-i", "get", ""])
        #expect(answer.candidates.isEmpty)
        #expect(answer.activeHelp.count == 1)
        #expect(answer.activeHelp[0].contains("kubectl api-resources"))
    }

    @Test func subresourcesAfterTheResourceType() async {
        #expect(await values("can-i", "get", "pods", "--subresource", "") == ["log", "exec", "status"])
        #expect(await values("can-i", "get", "po", "--subresource", "l") == ["log"])
        #expect(
            await values("can-i", "update", "deploy.apps", "--subresource=s") == [
                "--subresource=scale", "--subresource=status",
            ])
        #expect(await engine.complete(["can-i", "get", "--subresource", ""]).activeHelp.count == 1)
    }

    @Test func namespacesForTheNamespaceFlag() async {
        #expect(await values("can-i", "get", "pods", "-n", "") == ["default", "kube-system", "team-a"])
        #expect(await values("can-i", "get", "pods", "--namespace", "k") == ["kube-system"])
        #expect(await values("can-i", "get", "pods", "-nt") == ["-nteam-a"])
        #expect(await values("-n", "t") == ["team-a"])
    }

    @Test func objectNamesForCanIInTheChosenNamespace() async {
        #expect(await values("can-i", "get", "pods", "-n", "team-a", "") == ["api-0", "api-1", "web-0"])
        #expect(await values("-n", "team-a", "can-i", "get", "po", "a") == ["api-0", "api-1"])
        #expect(await values("can-i", "get", "pods/w", "-n", "team-a") == ["team-a"])  // the partial is the last word
        #expect(await values("can-i", "-n", "team-a", "get", "pods/w") == ["pods/web-0"])
        let stale = await engine.complete(["can-i", "get", "pods", ""])
        #expect(stale.candidates.map(\.value) == ["default-pod"])
        #expect(stale.activeHelp == ["pods: showing names cached 2m ago"])
        #expect(await values("can-i", "get", "unknown-things", "") == [])
    }

    @Test func filesForManifestsAndOfflineInputs() async {
        let manifests = await engine.complete(["can-i", "create", "pods", "-f", ""])
        #expect(manifests.directive == .filterFileExt)
        #expect(manifests.candidates.map(\.value) == ["yaml", "yml", "json"])
        #expect(await engine.complete(["whoami", "--kubeconfig", ""]).directive == .default)
        #expect(await engine.complete(["can-i", "--offline", ""]).directive == .default)
    }

    @Test func closedValueSetsComeFromTheCommandDeclaration() async {
        #expect(await values("can-i", "-o", "") == ["text", "json", "yaml"])
        #expect(await values("can-i", "--output=j") == ["--output=json"])
    }

    @Test func afterTheTerminatorEverythingIsPositional() async {
        #expect(await values("can-i", "--", "-") == [])
    }
}

@Suite("Completion protocol: cobra's __complete output format")
struct CompletionAnswerTests {
    @Test func rendersCandidatesDescriptionsActiveHelpAndDirective() async {
        let answer = CompletionAnswer(
            [
                CompletionCandidate("pods", "Pod"), CompletionCandidate("plain"),
                CompletionCandidate("multi", "first line\nsecond\tline"),
            ],
            directive: [.noFileComp, .keepOrder], activeHelp: ["a hint"])
        #expect(answer.rendered() == "pods\tPod\nplain\nmulti\tfirst line\n_activeHelp_ a hint\n:36\n")
        #expect(answer.rendered(descriptions: false, activeHelpEnabled: false) == "pods\nplain\nmulti\n:36\n")
    }

    @Test func anEmptyAnswerIsJustTheDirective() async {
        #expect(CompletionAnswer(directive: .default).rendered() == ":0\n")
        #expect(CompletionAnswer([CompletionCandidate("a\tb")]).rendered() == "a b\n:4\n")
    }
}
