import ArgumentParser
import GuardrailCore
import KyvernoJMESPath
import Testing

@testable import GuardrailCLI

/// `kubectl guardrail jp`: argument parsing and the evaluation core (text in, text and exit code out).
@Suite("jp command")
struct JPCommandTests {
    static let document =
        #"{"request": {"operation": "CREATE", "object": {"metadata": {"name": "web", "labels": {"app": "web"}}}}}"#
    static let clock = KyvernoJMESPath.Clock(unixSeconds: 1_700_000_000)

    func run(
        _ expression: String, document: String = document, kyverno: Bool = true, compact: Bool = false,
        unquoted: Bool = false
    ) -> JPEvaluation.Outcome {
        JPEvaluation.run(
            expression: expression, document: document, source: "doc.json", kyverno: kyverno, compact: compact,
            unquoted: unquoted, clock: Self.clock)
    }

    @Test("parses the flags like kyverno jp query")
    func parsesFlags() throws {
        let command = try Guardrail.parseAsRoot(["jp", "-i", "pod.json", "--no-kyverno", "-c", "-u", "metadata.name"])
        let jp = try #require(command as? JP)
        #expect(jp.input == "pod.json")
        #expect(jp.noKyverno && jp.compact && jp.unquoted)
        #expect(jp.expression == "metadata.name")
        let list = try #require(try Guardrail.parseAsRoot(["jp", "--functions"]) as? JP)
        #expect(list.listFunctions && list.expression == nil)
        let defaults = try #require(try Guardrail.parseAsRoot(["jp", "@"]) as? JP)
        #expect(defaults.input == "-" && !defaults.noKyverno && !defaults.compact && !defaults.unquoted)
    }

    @Test("a missing expression is a usage error (exit 64)")
    func missingExpression() {
        #expect(throws: (any Error).self) { try Guardrail.parseAsRoot(["jp"]) }
        do {
            _ = try Guardrail.parseAsRoot(["jp"])
        } catch {
            #expect(Guardrail.exitCode(for: error).rawValue == GuardrailExitCode.usage.rawValue)
        }
    }

    @Test("prints the result as 2-space indented JSON with sorted keys")
    func printsIndentedJSON() {
        let outcome = run("request.object.metadata")
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(
            outcome.standardOutput == """
                {
                  "labels": {
                    "app": "web"
                  },
                  "name": "web"
                }

                """)
    }

    @Test("compact and unquoted output")
    func compactAndUnquoted() {
        #expect(run("request.object.metadata.labels", compact: true).standardOutput == #"{"app":"web"}"# + "\n")
        #expect(run("request.operation", unquoted: true).standardOutput == "CREATE\n")
        #expect(run("request.operation").standardOutput == "\"CREATE\"\n")
    }

    @Test("Kyverno's dialect is the default: a missing key fails with exit 2 and a hint")
    func kyvernoMissingKey() {
        let outcome = run("request.object.metadata.namespace")
        #expect(outcome.exitCode == GuardrailExitCode.failure.rawValue)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.hasPrefix("error: not-found error: unknown key \"namespace\" in path"))
        #expect(outcome.standardError.contains("||"))
        #expect(run("request.object.metadata.namespace || 'default'").standardOutput == "\"default\"\n")
    }

    @Test("--no-kyverno evaluates standard JMESPath")
    func standardMode() {
        #expect(run("request.object.metadata.namespace", kyverno: false).standardOutput == "null\n")
        let outcome = run("to_upper(request.operation)", kyverno: false)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("unknown-function"))
        #expect(run("to_upper(request.operation)").standardOutput == "\"CREATE\"\n")
    }

    @Test("syntax errors show the kind, the column and a caret")
    func syntaxError() {
        let outcome = run("request.[operation")
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.standardError == """
                error: syntax error at column 19: expected ',' but found end of expression
                  request.[operation
                                    ^

                """)
    }

    @Test("function errors point at the call")
    func functionErrorPosition() {
        let outcome = run("to_string(divide(`1`, `0`))")
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.standardError == """
                error: evaluation error at column 11: JMESPath function 'divide': Zero divisor passed
                  to_string(divide(`1`, `0`))
                            ^

                """)
    }

    @Test("the position names the function even after spaces")
    func functionErrorPositionWithSpaces() {
        #expect(run("to_string(  nope  (`1`))").standardError.hasPrefix("error: unknown-function error at column 13:"))
    }

    @Test("invalid input documents are reported with their position")
    func invalidInput() {
        let outcome = run("a", document: "a: [1")
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.hasPrefix("error: doc.json:"))
        #expect(outcome.standardError.hasSuffix("(the input must be one JSON or YAML document)\n"))
    }

    @Test("--functions lists signatures")
    func functionList() {
        let kyverno = JPEvaluation.functionList(kyverno: true)
        #expect(kyverno.contains("regex_match(string, string|number)\n"))
        #expect(kyverno.contains("sort_by(array, expression)\n"))
        #expect(kyverno.contains("merge(object, ...)\n"))
        let standard = JPEvaluation.functionList(kyverno: false)
        #expect(!standard.contains("regex_match"))
        #expect(standard.split(separator: "\n").count == 26)
    }

    @Test("YAML documents are accepted")
    func yamlInput() {
        let outcome = run("metadata.labels.app", document: "metadata:\n  labels:\n    app: web\n")
        #expect(outcome.standardOutput == "\"web\"\n")
    }

    @Test("time functions use the injected clock")
    func injectedClock() {
        #expect(run("time_now_utc()").standardOutput == "\"2023-11-14T22:13:20Z\"\n")
    }
}
