import ArgumentParser
import GuardrailCore
import GuardrailYAML
import JMESPath
import KyvernoJMESPath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `kubectl guardrail jp`: evaluates a JMESPath expression against a JSON or YAML document, the way Kyverno's
/// `{{ … }}` does (like `kyverno jp query`), so guardrail authors can debug their conditions.
struct JP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jp",
        abstract: "Evaluate a JMESPath expression the way Kyverno does.",
        discussion: """
            Reads one JSON or YAML document from stdin (or -i FILE) and prints the value of EXPRESSION as \
            JSON, like `kyverno jp query`.

            By default EXPRESSION is read the way Kyverno reads {{ … }}: Kyverno's functions are \
            available, and a key missing from an object is an error unless it is defaulted with ||, \
            for example:
              kubectl guardrail jp -i pod.yaml "metadata.labels.app || 'none'"
            --no-kyverno evaluates standard JMESPath instead (missing keys are null).

            Exit codes: 0 success; 2 the expression is invalid or could not be evaluated, or the input \
            could not be read; 64 usage error.
            """
    )

    @Option(
        name: [.short, .customLong("input")],
        help: ArgumentHelp("Read the document from FILE ('-' for stdin).", valueName: "FILE"))
    var input: String = "-"

    @Flag(name: .customLong("no-kyverno"), help: "Standard JMESPath: no Kyverno functions, missing keys are null.")
    var noKyverno = false

    @Flag(name: [.short, .long], help: "Print compact JSON on one line.")
    var compact = false

    @Flag(name: [.short, .long], help: "Print a string result without quotes.")
    var unquoted = false

    @Flag(
        name: .customLong("functions"),
        help: "List the functions available (with --no-kyverno: the standard ones) and exit.")
    var listFunctions = false

    @Argument(help: ArgumentHelp("The JMESPath expression (the text inside {{ }}).", valueName: "EXPRESSION"))
    var expression: String?

    func validate() throws {
        if expression == nil && !listFunctions {
            throw ValidationError(
                "missing expression: give the JMESPath expression to evaluate, e.g. \"metadata.name\"")
        }
    }

    func run() async throws {
        if listFunctions {
            JPOutput.emit(JPEvaluation.functionList(kyverno: !noKyverno), to: 1)
            return
        }
        guard let expression else { return }
        let document: String
        do {
            document = try input == "-" ? JPInput.readStandardInput() : JPInput.readFile(input)
        } catch {
            JPOutput.writeError("error: \(error.message)")
            throw ExitCode(GuardrailExitCode.failure.rawValue)
        }
        let outcome = JPEvaluation.run(
            expression: expression, document: document, source: input == "-" ? "<stdin>" : input,
            kyverno: !noKyverno, compact: compact, unquoted: unquoted, clock: JPInput.systemClock())
        if !outcome.standardOutput.isEmpty { JPOutput.emit(outcome.standardOutput, to: 1) }
        if !outcome.standardError.isEmpty { JPOutput.writeError(outcome.standardError) }
        if outcome.exitCode != GuardrailExitCode.success.rawValue { throw ExitCode(outcome.exitCode) }
    }
}

/// The testable core of `jp`: text in, text and an exit code out (no I/O, no clock).
enum JPEvaluation {
    struct Outcome: Equatable {
        var standardOutput = ""
        var standardError = ""
        var exitCode = GuardrailExitCode.success.rawValue
    }

    static func run(
        expression: String, document: String, source: String, kyverno: Bool, compact: Bool, unquoted: Bool,
        clock: KyvernoJMESPath.Clock
    ) -> Outcome {
        var outcome = Outcome()
        let value: JSONValue
        if let json = try? JSONParser.parse(document) {
            value = json  // the fast path; YAML is the fallback (JSON is YAML)
        } else {
            do {
                value = try YAML.load(document, file: source)
            } catch {
                outcome.standardError = "error: \(error.description) (the input must be one JSON or YAML document)\n"
                outcome.exitCode = GuardrailExitCode.failure.rawValue
                return outcome
            }
        }
        let runtime = kyverno ? KyvernoJMESPath.runtime(clock: clock) : JMESPath.Runtime.standard
        do {
            let result = try JMESPath.Expression(parsing: expression).evaluate(on: value, runtime: runtime)
            if unquoted, case .string(let text) = result {
                outcome.standardOutput = text + "\n"
            } else {
                // `kyverno jp query` prints json.MarshalIndent(result, "", "  "): sorted keys, HTML escaped.
                let options = JSONWriter.Options(indent: compact ? nil : "  ", escapeHTML: true, sortKeys: true)
                outcome.standardOutput = JSONWriter(options: options).string(from: result) + "\n"
            }
        } catch {
            var message = "error: \(error.description)"
            if error.kind == .notFound {
                message += " (default it with ||, e.g. `\(expression) || ''`, or use --no-kyverno)"
            }
            message += "\n"
            if let pointer = (error.pointer ?? pointer(for: error, in: expression)).map(clipped) {
                message +=
                    pointer.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
            outcome.standardError = message
            outcome.exitCode = GuardrailExitCode.failure.rawValue
        }
        return outcome
    }

    /// One signature per line, sorted by name (like `kyverno jp function`).
    static func functionList(kyverno: Bool) -> String {
        let runtime = kyverno ? KyvernoJMESPath.runtime(clock: .init(unixSeconds: 0)) : JMESPath.Runtime.standard
        return runtime.functions.values.map(\.signature).sorted().joined(separator: "\n") + "\n"
    }

    /// A caret diagram cut to about 100 columns around the caret: a hostile or generated expression of
    /// 100 000 characters must not flood the terminal.
    static func clipped(_ pointer: String) -> String {
        let lines = pointer.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 2, lines[0].count > 100 else { return pointer }
        let expression = Array(lines[0]), caret = max(0, lines[1].count - 1)
        let start = max(0, min(caret - 60, expression.count - 100)), end = min(expression.count, start + 100)
        let head = start > 0 ? "…" : "", tail = end < expression.count ? "…" : ""
        return head + String(expression[start..<end]) + tail + "\n"
            + String(repeating: " ", count: caret - start + head.count) + "^"
    }

    private static func pointer(for error: JMESPathError, in expression: String) -> String? {
        guard let position = error.position else { return nil }
        return expression + "\n" + String(repeating: " ", count: position) + "^"
    }
}

/// Reading the document and the clock for `jp`.
enum JPInput {
    struct ReadError: Error {
        var message: String
    }

    /// Refuse absurd inputs instead of exhausting memory.
    static let maximumSize = 256 << 20

    static func readStandardInput() throws(ReadError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: "cannot read <stdin>")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > maximumSize { throw ReadError(message: "<stdin> is larger than 256 MiB") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func readFile(_ path: String) throws(ReadError) -> String {
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw ReadError(message: "cannot read \(path): \(reason.lowercased())")
        }
        defer { fclose(file) }
        return try readAll(from: file, name: path)
    }

    private static func readAll(from file: UnsafeMutablePointer<FILE>, name: String) throws(ReadError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if bytes.count > maximumSize { throw ReadError(message: "\(name) is larger than 256 MiB") }
            if count < buffer.count {
                if ferror(file) != 0 { throw ReadError(message: "cannot read \(name)") }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The system clock and local UTC offset, for `time_now()` and friends.
    static func systemClock() -> KyvernoJMESPath.Clock {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = time_t(now.tv_sec)
        var local = tm()
        localtime_r(&seconds, &local)
        return KyvernoJMESPath.Clock(
            now: GoTime(unixSeconds: Int64(now.tv_sec), nanoseconds: Int64(now.tv_nsec)),
            localUTCOffset: Int(local.tm_gmtoff))
    }
}

/// Writing for `jp` (stdout for results, stderr for errors).
enum JPOutput {
    static func emit(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    static func writeError(_ text: String) {
        emit(text.hasSuffix("\n") ? text : text + "\n", to: 2)
    }
}
