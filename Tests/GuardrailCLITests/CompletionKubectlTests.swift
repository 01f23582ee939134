import Foundation
import Testing

@testable import GuardrailCLI

/// The real kubectl (1.27 and 1.33) completing `kubectl guardrail …` through the `kubectl_complete-guardrail`
/// shim, and finding the plugin. Skips with a message when kubectl is not installed.
@Suite("Completion through the real kubectl (plugin completion, plugin list)")
struct CompletionKubectlTests {
    static let kubectls = ["1.27", "1.33"].map { "/usr/lib/google-cloud-sdk/bin/kubectl.\($0)" }

    /// A sandbox: `bin/` with the plugin and the shim, a kubectl cache with discovery for the fixture
    /// cluster, and the fixture kubeconfig.
    struct Sandbox {
        var root: String
        var bin: String
        var environment: [String: String]

        init(kubeconfig: String = CompletionPaths.fixtures + "/kubeconfig.json") throws {
            root = try CompletionPaths.temporaryDirectory("kubectl")
            guard let directory = try CompletionScriptTests.binDirectory() else {
                throw CompletionSkip("kubectl-guardrail is not built next to the tests")
            }
            bin = directory
            let discovery = root + "/cache/discovery/127.0.0.1_6443"
            try FileManager.default.createDirectory(
                atPath: root + "/cache/discovery", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CompletionPaths.fixtures + "/discovery", toPath: discovery)
            environment = [
                "PATH": bin + ":/usr/bin:/bin", "HOME": root, "KUBECACHEDIR": root + "/cache",
                "KUBECONFIG": kubeconfig,
                // Generous: these tests are about what is listed, and tests share two busy cores.
                "GUARDRAIL_COMPLETION_TIMEOUT": "20",
            ]
        }

        /// `kubectl __complete guardrail <words>`: the candidate values and the directive.
        func complete(_ kubectl: String, _ words: [String]) throws -> (values: [String], directive: Int) {
            let result = try TestProcess.run(
                kubectl, ["__complete", "guardrail"] + words, environment: environment,
                directory: root)
            #expect(result.status == 0, "kubectl __complete failed: \(result.stderr)")
            var lines = result.lines
            let directive = lines.popLast().flatMap { Int($0.dropFirst()) } ?? -1
            return (lines.filter { !$0.hasPrefix("_activeHelp_") }.map { String($0.prefix { $0 != "\t" }) }, directive)
        }
    }

    static var installedKubectls: [String] {
        kubectls.filter { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(arguments: kubectls)
    func subcommandsAfterThePluginName(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let sandbox = try Sandbox()
        let answer = try sandbox.complete(kubectl, [""])
        #expect(answer.values == ["whoami", "can-i", "jp", "completion", "help"])
        #expect(answer.directive == 4)
        #expect(try sandbox.complete(kubectl, ["c"]).values == ["can-i", "completion"])
    }

    @Test(arguments: kubectls)
    func resourceTypesForCanIFromCachedDiscovery(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let sandbox = try Sandbox()
        let answer = try sandbox.complete(kubectl, ["can-i", "get", ""])
        #expect(answer.values.starts(with: ["configmaps", "cm", "namespaces", "ns", "pods", "po"]))
        #expect(answer.values.contains("deployments") && answer.values.contains("cpol"))
        #expect(try sandbox.complete(kubectl, ["can-i", "get", "de"]).values == ["deployments", "deploy"])
        // kubectl passes its global flags through; they select the cluster (no cache for prod).
        let prod = "arn:aws:eks:eu-west-1:111122223333:cluster/prod"
        #expect(try sandbox.complete(kubectl, ["--context", prod, "can-i", "get", ""]).values == [])
        #expect(
            try sandbox.complete(kubectl, ["--context", "kind-dev", "can-i", "get", "po"]).values == [
                "pods", "po", "policies", "pol",
            ])
    }

    @Test(arguments: kubectls)
    func contextsClustersAndUsersFromTheKubeconfig(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let sandbox = try Sandbox()
        let prod = "arn:aws:eks:eu-west-1:111122223333:cluster/prod"
        #expect(try sandbox.complete(kubectl, ["--context", ""]).values == ["kind-dev", prod])
        #expect(try sandbox.complete(kubectl, ["whoami", "--context", "arn"]).values == [prod])
        #expect(try sandbox.complete(kubectl, ["whoami", "--cluster", ""]).values == ["kind-dev", prod])
        #expect(try sandbox.complete(kubectl, ["whoami", "--user", ""]).values == ["kind-dev", "devops"])
        #expect(try sandbox.complete(kubectl, ["can-i", "--kubeconfig", ""]).directive == 0)  // file names
    }

    @Test(arguments: kubectls)
    func canIFlagsOfTheRealCommand(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let sandbox = try Sandbox()
        #expect(
            try sandbox.complete(kubectl, ["can-i", "get", "pods", "--subresource", ""]).values == [
                "exec", "log", "status",
            ])
        #expect(
            try sandbox.complete(kubectl, ["can-i", "update", "deploy", "--subresource=s"]).values
                == ["--subresource=scale", "--subresource=status"])
        #expect(try sandbox.complete(kubectl, ["can-i", "get", "-o", ""]).values == ["table", "json", "yaml"])
        let manifests = try sandbox.complete(kubectl, ["can-i", "create", "deploy", "-f", ""])
        #expect(manifests == (["yaml", "yml", "json"], 8))  // FilterFileExt
        #expect(try sandbox.complete(kubectl, ["can-i", "--offline", ""]).directive == 0)
        #expect(try sandbox.complete(kubectl, ["jp", "--input", ""]).directive == 0)
    }

    @Test(arguments: kubectls)
    func pluginListFindsThePluginWithoutWarnings(kubectl: String) throws {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            print("skipped: \(kubectl) is not installed")
            return
        }
        let sandbox = try Sandbox()
        let result = try TestProcess.run(kubectl, ["plugin", "list"], environment: sandbox.environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains(sandbox.bin + "/kubectl-guardrail"))
        #expect(!result.stdout.contains("kubectl_complete-guardrail"))
        #expect(!result.stderr.contains("warning"), "kubectl plugin list warned: \(result.stderr)")
    }
}

/// A test precondition that is not met on this machine.
struct CompletionSkip: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
