import ArgumentParser
import GuardrailCore
import Identity
import KubeClient
import KubeConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `kubectl guardrail whoami`: asks the API server who it thinks you are (SelfSubjectReview) and shows
/// which credential produced that identity.
struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show who the cluster thinks you are, and which credential made it so.",
        discussion: """
            Sends a SelfSubjectReview (authentication.k8s.io/v1, falling back to v1beta1 and v1alpha1 on 404) \
            with your current kubeconfig context and prints the identity the API server authenticated: \
            username, UID, groups and extra attributes, followed by the context, cluster, credential kind and \
            impersonation that were used. Secrets are never printed.

            -o json and -o yaml print the SelfSubjectReview exactly as 'kubectl auth whoami -o json|yaml' does.

            Examples:
              # Who am I in the current context?
              kubectl guardrail whoami

              # In another context, as JSON (same output as kubectl auth whoami -o json)
              kubectl guardrail whoami --context prod -o json

              # And why: bindings, service account credentials, aws-auth, Kyverno rules aimed at me
              kubectl guardrail whoami --explain

              # Who would I be when impersonating a service account?
              kubectl guardrail whoami --as system:serviceaccount:ci:deployer

            Exit codes:
              0   the identity was printed
              2   configuration, credential, network or API error
              64  usage error (unknown flag, invalid value)
            """
    )

    @OptionGroup var global: GlobalOptions

    // allowingJoined: kubectl users type `-ojson`.
    @Option(
        name: [.customShort("o", allowingJoined: true), .long],
        help: "Output format: json or yaml (default: a readable identity card).")
    var output: ObjectFormat?

    /// Look up what explains the identity in the cluster (bindings, service account, aws-auth, guardrails);
    /// with -o json|yaml, print the explanation instead of the SelfSubjectReview.
    @Flag(help: ArgumentHelp(
        "Also look up your bindings, service account, aws-auth mapping and the Kyverno rules aimed at you; "
            + "with -o json|yaml print the explanation (guardrail.identity/v1) instead of the SelfSubjectReview."))
    var explain = false

    func run() async throws {
        let context = CommandContext.current
        let connection = try global.connection()
        let review = try await SelfSubjectReviewRequest.send(using: connection, verbosity: global.verbosity ?? 0)
        let terminal = context.terminal
        if let output, !explain {
            terminal.write(ObjectPrinter.render(
                SelfSubjectReviewObject.printable(review.object, apiVersion: review.apiVersion), as: output))
            return
        }
        let user = UserInfo(json: review.object[path: "status", "userInfo"] ?? .null)
        let explanation = await IdentityExplanationRun.explain(
            user, connection: connection, lookUpClusterFacts: explain,
            now: UTCInstant(secondsSince1970: Int64(time(nil))))
        if let output {
            terminal.write(ObjectPrinter.render(explanation.json, as: output))
            return
        }
        let card = IdentityCard(
            user: user, connection: connection, apiVersion: review.apiVersion,
            explanation: ExplanationStyling.render(ExplanationRenderer.lines(for: explanation), style: terminal.style),
            home: context.environment.homeDirectory)
        terminal.write(card.render(style: terminal.style))
    }
}

extension CredentialHints {
    /// The non-secret facts about the credential that the Identity module explains (tokens are reduced
    /// to ``BearerTokenFacts``; exec env keeps only displayable names; the key never leaves KubeConfig).
    init(_ connection: ConnectionConfig) {
        var kind = Kind.none
        var exec: ExecPlugin?
        var certificate: [UInt8]?
        var token: BearerTokenFacts?
        switch connection.credential {
        case .none: kind = .none
        case .clientCertificate(let pem, _, _):
            kind = .clientCertificate
            certificate = pem
        case .bearerToken(let value, _):
            kind = .bearerToken
            token = BearerTokenFacts(token: value)
        case .basicAuth: kind = .basicAuth
        case .exec(let config):
            kind = .exec
            var env: [String: String] = [:]
            for pair in config.env { env[pair.name] = pair.value }
            exec = ExecPlugin(command: config.command, args: config.args, env: env)
        }
        self.init(
            kind: kind, contextName: connection.contextName, clusterName: connection.clusterName,
            userName: connection.userName, server: connection.server, exec: exec, clientCertificatePEM: certificate,
            bearerToken: token, impersonating: connection.impersonation != nil)
    }
}

/// POST SelfSubjectReview with kubectl's version fallback (`kubectl/pkg/cmd/auth/whoami.go`): v1, then
/// v1beta1, then v1alpha1 — moving on only on 404 — and kubectl's messages when none answers.
enum SelfSubjectReviewRequest {
    static let versions = ["v1", "v1beta1", "v1alpha1"]

    struct Answer {
        var object: JSONValue
        var apiVersion: String
    }

    static func send(using connection: ConnectionConfig, verbosity: Int = 0) async throws -> Answer {
        try await send { apiVersion, body in
            try await APIRequest.post(
                connection: connection, path: "/apis/\(apiVersion)/selfsubjectreviews", body: body, verbosity: verbosity)
        }
    }

    /// The fallback logic over any `post(apiVersion, body)`.
    static func send(post: (String, JSONValue) async throws -> JSONValue) async throws -> Answer {
        for version in versions {
            let apiVersion = "authentication.k8s.io/" + version
            let body: JSONValue = ["apiVersion": .string(apiVersion), "kind": "SelfSubjectReview"]
            do {
                return Answer(object: try await post(apiVersion, body), apiVersion: apiVersion)
            } catch {
                switch APIRequest.statusCode(of: error) {
                case 404:
                    continue
                case 403:
                    // kubectl stops at its generic sentence; the server's own message says what was refused
                    // (often the impersonation, not the review), so it becomes the hint.
                    let serverSaid = (error as? any HTTPStatusError)?.serverMessage
                    throw CommandFailure(
                        .failure,
                        "the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it",
                        hint: serverSaid.map { "the API server said: \($0)" }
                            ?? "every authenticated user may call it through the system:basic-user ClusterRole; "
                            + "check that binding, or whether an admission or authorization webhook refuses it")
                default:
                    throw error
                }
            }
        }
        throw CommandFailure(
            .failure, "the selfsubjectreviews API is not enabled in the cluster",
            hint: "it is served by Kubernetes 1.28 and later; on 1.26–1.27 enable the APISelfSubjectReview feature "
                + "gate and the authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API")
    }
}

/// The adapter between whoami and KubeClient.
enum APIRequest {
    static func post(connection: ConnectionConfig, path: String, body: JSONValue, verbosity: Int = 0) async throws -> JSONValue {
        let client = try KubeAPIClient(config: connection, options: options(for: connection, verbosity: verbosity))
        return try await client.post(path, body: body)
    }

    /// Client options for a command: compression per kubeconfig; request lines with `-v=6` or more (as
    /// kubectl logs requests from `-v=6`) or `GUARDRAIL_DEBUG`, written through the Output seam's stderr
    /// rather than straight to the process's.
    static func options(for connection: ConnectionConfig, verbosity: Int = 0) -> ClientOptions {
        let context = CommandContext.current
        var debugLog: (@Sendable (String) -> Void)?
        let variable = context.environment.variable("GUARDRAIL_DEBUG") ?? ""
        if verbosity >= 6 || (!variable.isEmpty && variable != "0") {
            let errors = context.terminal.standardError
            debugLog = { line in errors.write("debug: \(line)\n") }
        }
        return ClientOptions(disableCompression: connection.disableCompression, debugLog: debugLog)
    }

    /// The HTTP status behind an API error, if there is one.
    static func statusCode(of error: any Error) -> Int? {
        (error as? any HTTPStatusError)?.httpStatus
    }
}

/// An error that came with an HTTP status from the API server.
protocol HTTPStatusError: Error {
    var httpStatus: Int? { get }
    /// The Status `message` the server sent, if any (never contains our credentials).
    var serverMessage: String? { get }
}

extension KubeClientError: HTTPStatusError {
    var serverMessage: String? { statusMessage }
}
