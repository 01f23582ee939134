import GuardrailCore
import Testing

@testable import GuardrailCLI

/// `can-i --offline` through the whole command line, on the bundled example the README starts with.
@Suite("can-i offline command")
struct CanIOfflineCommandTests {
    static let example = CanIFixtures.repositoryRoot + "/examples/eks-cluster-admin"
    static let objects = CanIFixtures.repositoryRoot + "/examples/objects"
    static let yesUnless =
        "yes, unless the object is rejected by ClusterPolicy \"require-team-label\" rule"
        + " \"check-team-label\" (pass the object with -f to know)"

    @Test func readmeFirstCommandShowsTheBlockedRequest() async throws {
        let result = await runCLI(["can-i", "create", "deployments", "-n", "testnamespace", "--offline", Self.example])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "")
        try Golden.check(result.stdout, "readme-example.txt")
    }

    struct Case: Sendable, CustomStringConvertible {
        var arguments: [String]
        var exitCode: Int32
        var firstLine: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let bob = ["--as", "bob", "--as-group", "payments-developers"]
    static let cases: [Case] = [
        Case(arguments: ["get", "pods", "-n", "testnamespace"], exitCode: 0, firstLine: "yes"),
        Case(arguments: ["create", "deployments", "-n", "sandbox"], exitCode: 0, firstLine: "yes"),
        Case(arguments: ["create", "deployments", "-n", "testnamespace"] + bob, exitCode: 3, firstLine: yesUnless),
        Case(
            arguments: ["create", "-n", "testnamespace", "-f", objects + "/deployment-labelled.yaml"] + bob,
            exitCode: 0, firstLine: "yes"),
        Case(
            arguments: ["create", "-f", objects + "/deployment-unlabelled.yaml"] + bob, exitCode: 1,
            firstLine: "no — blocked by ClusterPolicy \"require-team-label\" rule \"check-team-label\""),
        Case(
            arguments: [
                "create", "deployments", "-n", "testnamespace", "--as", "jane", "--as-group", "cell-infra-admins",
                "--as-group", "cell-infra-breakglass", "-f", objects + "/deployment-labelled.yaml",
            ], exitCode: 0,
            firstLine: "yes"),
        Case(
            arguments: ["create", "deployments", "-n", "testnamespace", "--as", "bob"], exitCode: 1,
            firstLine: "no — RBAC does not allow it"),
    ]

    @Test(arguments: cases)
    func exampleScenarios(_ example: Case) async {
        let result = await runCLI(["can-i"] + example.arguments + ["--offline", Self.example])
        #expect(result.exitCode == example.exitCode, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").first.map(String.init) == example.firstLine, "\(result.stdout)")
    }

    @Test func jsonAndYamlCarryTheSameVerdict() async throws {
        let json = await runCLI([
            "can-i", "create", "deploy", "-n", "testnamespace", "-o", "json", "--offline", Self.example,
        ])
        let document = try JSONParser.parse(json.stdout)
        #expect(document["verdict"] == "no" && document["exitCode"] == 1 && json.exitCode == 1)
        #expect(document[path: "guardrails", "rules"]?[0]?["policy"] == "block-cluster-admin-from-ns")
        let yaml = await runCLI([
            "can-i", "create", "deploy", "-n", "testnamespace", "-o", "yaml", "--offline", Self.example,
        ])
        #expect(yaml.stdout.contains("verdict: \"no\"") || yaml.stdout.contains("verdict: 'no'"))
        let quiet = await runCLI(["can-i", "create", "deploy", "-n", "testnamespace", "-q", "--offline", Self.example])
        #expect(quiet.stdout.isEmpty && quiet.exitCode == 1)
    }

    @Test func badOfflineFilesExitTwoNamingFileAndLine() async {
        let bad = CanIFixtures.directory + "/offline-bad"
        let result = await runCLI(["can-i", "create", "pods", "--offline", bad])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: \(bad)/policies.yaml:8: document has no kind"))
    }

    @Test func usageErrorsExitSixtyFour() async {
        let result = await runCLI(["can-i", "create", "--offline", Self.example])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("error: you must specify a resource after the verb \"create\""))
        let unknown = await runCLI(["can-i", "get", "/healthz", "--subresource", "x", "--offline", Self.example])
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.hasPrefix("error: --subresource can not be used with NonResourceURL"))
    }

    @Test func warningsGoToStderrAndKeepStdoutClean() async {
        let result = await runCLI([
            "can-i", "get", "pods/log", "-n", "testnamespace", "-o", "json", "--offline", Self.example,
        ])
        #expect(result.stderr.contains("Warning: \"pods/log\" asks about a pod named \"log\""))
        #expect((try? JSONParser.parse(result.stdout)) != nil)
    }
}
