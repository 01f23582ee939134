import ArgumentParser
import GuardrailCore

/// `kubectl guardrail can-i`: RBAC and the cluster's Kyverno guardrails in one answer, live or offline.
struct CanI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-i",
        abstract: "Check whether an action is allowed by RBAC and by the cluster's guardrails.",
        usage: """
            kubectl guardrail can-i VERB (TYPE[.VERSION][.GROUP] | TYPE/NAME | NONRESOURCEURL) [NAME] [flags]
              kubectl guardrail can-i [VERB] -f FILE [flags]
            """,
        discussion: """
            Asks RBAC (a SelfSubjectAccessReview, or the built-in authorizer with --offline) and then every \
            Kyverno rule that would block, audit or might block the request, and prints one verdict with \
            the reasons: the RBAC reason (also on yes), and per rule the policy, action, outcome, Kyverno's \
            message and why it applies to you.

            Examples:
              # May I create deployments in testnamespace? (RBAC + guardrails)
              kubectl guardrail can-i create deployments -n testnamespace

              # The same question against YAML files, without a cluster
              kubectl guardrail can-i create deploy -n testnamespace \\
                  --offline examples/eks-cluster-admin

              # Object-dependent rules too; resource, name and namespace from the file
              kubectl guardrail can-i create -f deployment.yaml

              # Subresources need --subresource ("pods/log" is a pod named log)
              kubectl guardrail can-i create pods --subresource exec -n testnamespace

              # For scripts
              kubectl guardrail can-i delete ns prod -o json

            Exit codes:
              0  yes: allowed by RBAC and by every guardrail
              1  no: denied by RBAC or blocked by an Enforce rule
              2  could not evaluate: configuration, credentials, network, API error,
                 invalid input files, or RBAC allows it but the guardrails are unknown
              3  allowed by RBAC, but an Enforce rule may block it depending on
                 the object (pass it with -f)
              64 bad usage
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "VERB, then TYPE[.VERSION][.GROUP], TYPE/NAME or a NONRESOURCEURL, then an optional NAME.",
            valueName: "verb resource [name]"))
    var words: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Check in all namespaces.")
    var allNamespaces = false

    @Option(help: "The subresource, e.g. log, exec, scale, status, eviction.")
    var subresource: String?

    @Flag(name: [.short, .long], help: "Print nothing; only the exit code answers.")
    var quiet = false

    @Option(name: [.short, .long], help: "Output format: table, json or yaml.")
    var output: CanIOutputFormat = .table

    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: ArgumentHelp(
            "The object (YAML or JSON, several documents allowed; - reads standard input).", valueName: "file"))
    var filename: String?

    @Option(
        name: .customLong("offline"),
        help: ArgumentHelp(
            "Evaluate without a cluster, from YAML/JSON files or directories (repeatable).",
            valueName: "dir|file"))
    var offline: [String] = []

    func run() async throws {
        let code = await CanIRunner(options: self).run()
        if code != .success { throw ExitCode(code.rawValue) }
    }
}

/// `-o` values.
enum CanIOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, yaml
}
