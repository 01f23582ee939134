import GuardrailCore
import KubeClient
import KubeConfig

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs `can-i`: parses the question, gathers what it needs (offline files or the cluster), folds RBAC
/// and guardrails into verdicts, prints them and returns the exit code. One verdict per object when
/// `-f` holds several documents; the exit code is then the most serious one (no, unknown, yes-unless, yes).
struct CanIRunner {
    var options: CanI
    /// The variables the discovery cache location depends on, from the command's environment.
    var environment: [String: String] {
        let context = CommandContext.current.environment
        var values: [String: String] = [:]
        if let dir = context.variable("KUBECACHEDIR") { values["KUBECACHEDIR"] = dir }
        if let home = context.homeDirectory { values["HOME"] = home }
        return values
    }
    var write: CanIWriter = .standard

    init(options: CanI, write: CanIWriter = .standard) {
        self.options = options
        self.write = write
    }

    func run() async -> GuardrailExitCode {
        do {
            let query = try AccessQuery.parse(
                words: options.words, subresource: options.subresource, hasObject: options.filename != nil)
            let verdicts =
                options.offline.isEmpty
                ? try await CanILiveRun(options: options, environment: environment, write: write).verdicts(for: query)
                : try offlineVerdicts(for: query)
            report(verdicts)
            ProcessLifetime.keepUntilExit(verdicts)
            return Self.combinedExitCode(verdicts)
        } catch let error as CanIUsageError {
            write.stderr("error: \(error.message)\nSee 'kubectl guardrail can-i --help' for usage.\n")
            return .usage
        } catch let error as OfflineInputErrors {
            for diagnostic in error.diagnostics { write.stderr("error: \(Self.format(diagnostic))\n") }
            return .failure
        } catch let error as KubeClientError {
            // Already in kubectl's words, prefix included.
            write.stderr(error.description + "\n" + (error.hint.map { "hint: \($0)\n" } ?? ""))
            return .failure
        } catch let error as KubeConfigError {
            write.stderr("error: \(error.message)\n")
            return error.kind == .invalidFlag ? .usage : .failure
        } catch {
            write.stderr("error: \(error)\n")
            return .failure
        }
    }

    /// The most serious exit code: a definite no beats could-not-evaluate, which beats yes-unless.
    static func combinedExitCode(_ verdicts: [CanIVerdict]) -> GuardrailExitCode {
        let codes = verdicts.map(\.exitCode)
        for code in [GuardrailExitCode.denied, .failure, .dependsOnObject] where codes.contains(code) { return code }
        return .success
    }

    static func format(_ diagnostic: Diagnostic) -> String {
        var text = ""
        if let location = diagnostic.location, !location.description.isEmpty { text += "\(location): " }
        // Policy-parser warnings carry no file location; name the policy and field instead.
        if let policy = diagnostic.context["policy"] {
            text += "policy \"\(policy)\"" + (diagnostic.context["field"].map { " \($0)" } ?? "") + ": "
        }
        return text + diagnostic.message
    }

    // MARK: - Output

    private func report(_ verdicts: [CanIVerdict]) {
        var seen: Set<String> = []
        for verdict in verdicts {
            for note in verdict.notes where seen.insert(Self.format(note)).inserted {
                write.stderr("\(note.severity == .warning ? "Warning" : "Note"): \(Self.format(note))\n")
            }
        }
        guard !options.quiet else { return }
        switch options.output {
        case .table:
            let text = verdicts.map { CanITextRenderer().render($0) }.joined(separator: "\n")
            write.stdout(ControlCharacterEscaping.escape(text, keepingLineBreaks: true))
        case .json, .yaml:
            let document: JSONValue =
                verdicts.count == 1
                ? CanIDocument.make(verdicts[0])
                : ["apiVersion": "v1", "kind": "List", "items": .array(verdicts.map(CanIDocument.make))]
            if options.output == .json {
                write.stdout(ObjectPrinter.json(document))
            } else {
                write.stdout(ObjectPrinter.yaml(document))
            }
        }
    }

    // MARK: - Offline

    private func offlineVerdicts(for query: AccessQuery?) throws -> [CanIVerdict] {
        let reader = OfflineFileReader(parse: CanIDocuments.parse)
        let inputs = OfflineInputs.classify(try reader.documents(in: options.offline))
        if inputs.hasErrors {
            throw OfflineInputErrors(diagnostics: inputs.diagnostics.filter { $0.severity == .error })
        }
        if (options.global.verbosity ?? 0) > 0 {
            for note in inputs.diagnostics { write.stderr("Note: \(Self.format(note))\n") }
        }
        let user = try OfflineCaller.resolve(
            impersonateUser: options.global.as, groups: options.global.asGroup, uid: options.global.asUID,
            reviewed: inputs.caller?.user)
        let evaluation = OfflineEvaluation(inputs: inputs)
        return try questions(for: query, catalog: inputs.catalog).map { question in
            var verdict = evaluation.verdict(for: question.request, user: user, object: question.object)
            verdict.notes = question.notes + verdict.notes
            return verdict
        }
    }

    // MARK: - Questions (shared by offline and live)

    /// One resolved request per object (or one without an object).
    struct Question {
        var request: AccessRequest
        var object: JSONValue?
        var notes: [Diagnostic]
    }

    /// Resolves the query, once per `-f` document when objects are given.
    func questions(for query: AccessQuery?, catalog: DiscoveryCatalog, defaultNamespace: String = "default")
        throws -> [Question]
    {
        let explicitNamespace = options.global.namespace
        let builder = AccessRequestBuilder(catalog: catalog)
        guard let filename = options.filename else {
            let (request, notes) = builder.build(
                query!, namespace: explicitNamespace ?? defaultNamespace,
                allNamespaces: options.allNamespaces)
            return [Question(request: request, object: nil, notes: notes)]
        }
        let documents = try CanIDocuments.parse(
            try OfflineFileReader.readText(filename), filename == "-" ? "<stdin>" : filename)
        guard !documents.isEmpty else { throw InputFileError("\(filename): no object in the file") }
        return try documents.map { document in
            let object = try ObjectRequest.make(
                document, query: query, catalog: catalog, explicitNamespace: explicitNamespace)
            let (request, notes) = builder.build(
                object.query, namespace: object.namespace ?? explicitNamespace ?? defaultNamespace,
                allNamespaces: options.allNamespaces)
            return Question(request: request, object: document.value, notes: notes)
        }
    }
}

/// Errors in offline files, all reported at once (each names its file and line).
struct OfflineInputErrors: Error {
    var diagnostics: [Diagnostic]
}

/// Where `can-i` writes: the terminal of the current ``CommandContext`` (captured in tests).
struct CanIWriter: Sendable {
    var stdout: @Sendable (String) -> Void
    var stderr: @Sendable (String) -> Void

    static var standard: CanIWriter {
        let terminal = CommandContext.current.terminal
        // Names and messages may hold control characters (a hostile name, kubeconfig or server): escaped.
        return CanIWriter(
            stdout: { terminal.write($0) },
            stderr: { terminal.standardError.write(ControlCharacterEscaping.escape($0, keepingLineBreaks: true)) })
    }
}
