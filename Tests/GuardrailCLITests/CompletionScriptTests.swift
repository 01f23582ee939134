import Foundation
import Testing
import TestSupport

@testable import GuardrailCLI

/// The checked-in scripts under `completions/` are what the binary prints, and they work in real shells.
@Suite("Completion scripts: checked in, in sync, loading and completing in bash, zsh and fish")
struct CompletionScriptTests {
    static let completionsDirectory = CompletionPaths.packageRoot + "/completions"

    static func checkedIn(_ name: String) throws -> String {
        try String(contentsOfFile: completionsDirectory + "/" + name, encoding: .utf8)
    }

    @Test(arguments: CompletionShell.allCases)
    func checkedInScriptMatchesWhatTheBinaryPrints(shell: CompletionShell) throws {
        let file = try Self.checkedIn(CompletionScripts.fileName(for: shell))
        let name = "completions/" + CompletionScripts.fileName(for: shell)
        #expect(
            file == CompletionScripts.script(for: shell),
            "\(name) drifted: regenerate it with `kubectl-guardrail completion \(shell.rawValue) > \(name)`"
        )
        guard let binary = CompletionPaths.builtBinary else {
            Issue.record("kubectl-guardrail is not built next to the tests; run swift build first")
            return
        }
        let printed = try TestProcess.run(binary, ["completion", shell.rawValue], environment: [:])
        #expect(printed.status == 0)
        #expect(printed.stdout == file)
    }

    @Test func checkedInKubectlShimIsExecutableAndCurrent() throws {
        let path = Self.completionsDirectory + "/" + CompletionScripts.kubectlShimName
        #expect(try Self.checkedIn(CompletionScripts.kubectlShimName) == CompletionScripts.kubectlShim)
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    /// A directory holding `kubectl-guardrail` (a link to the built binary) and the shim, for `PATH`.
    static func binDirectory() throws -> String? {
        guard let binary = CompletionPaths.builtBinary else { return nil }
        let directory = try CompletionPaths.temporaryDirectory("bin")
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/kubectl-guardrail", withDestinationPath: binary)
        let shim = directory + "/" + CompletionScripts.kubectlShimName
        // Not Foundation's atomic write: its temporary file is not close-on-exec (see TextFile.write).
        guard TextFile.write(CompletionScripts.kubectlShim, to: shim, mode: 0o755) else {
            throw CompletionSkip("cannot write \(shim)")
        }
        return directory
    }

    static func environment(bin: String, home: String) -> [String: String] {
        [
            "PATH": bin + ":/usr/bin:/bin", "HOME": home, "TERM": "dumb",
            "KUBECONFIG": CompletionPaths.fixtures + "/kubeconfig.json",
        ]
    }

    static let arn = "arn:aws:eks:eu-west-1:111122223333:cluster/prod"

    @Test(arguments: [
        ("bash", ["--norc", "--noprofile", "-c"]), ("zsh", ["-f", "-c"]), ("fish", ["--no-config", "-c"]),
    ])
    func scriptLoadsWithoutErrors(shell: String, flags: [String]) throws {
        guard let executable = TestProcess.which(["/usr/bin/\(shell)", "/bin/\(shell)"]) else {
            print("skipped: \(shell) is not installed (apt-get install \(shell))")
            return
        }
        guard let bin = try Self.binDirectory() else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        let file = Self.completionsDirectory + "/" + CompletionScripts.fileName(for: CompletionShell(rawValue: shell)!)
        let load =
            switch shell {
            case "zsh":
                "autoload -U compinit && compinit -u -D && source \(file) && print -r -- $_comps[kubectl-guardrail]"
            case "fish": "source \(file); and complete -c kubectl-guardrail | string collect"
            default: "source \(file) && complete -p kubectl-guardrail"
            }
        let result = try TestProcess.run(executable, flags + [load], environment: Self.environment(bin: bin, home: bin))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains(shell == "zsh" ? "_kubectl_guardrail" : "__kubectl_guardrail"))
    }

    @Test func bashCompletesSubcommandsFlagsAndFlagValues() throws {
        guard let bash = TestProcess.which(["/usr/bin/bash", "/bin/bash"]),
            let bin = try Self.binDirectory()
        else {
            Issue.record("bash or the binary is missing")
            return
        }
        // bash calls the completion function with COMP_* set exactly like this for `kubectl-guardrail c<TAB>`.
        func complete(_ line: String) throws -> [String] {
            let script = """
                source \(Self.completionsDirectory)/kubectl-guardrail.bash
                COMP_LINE=\(Self.shellQuoted(line)); COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<<"$COMP_LINE"; [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                __kubectl_guardrail_complete kubectl-guardrail
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let result = try TestProcess.run(
                bash, ["--norc", "--noprofile", "-c", script],
                environment: Self.environment(bin: bin, home: bin))
            #expect(result.status == 0)
            return result.lines
        }
        #expect(try complete("kubectl-guardrail c") == ["can-i", "completion"])
        #expect(try complete("kubectl-guardrail ").contains("whoami"))
        #expect(try complete("kubectl-guardrail completion ") == ["bash", "zsh", "fish", "install"])
        #expect(try complete("kubectl-guardrail whoami --cont") == ["--context"])
        #expect(try complete("kubectl-guardrail can-i ").first == "get")
        // bash replaces only the text after the last ':' (COMP_WORDBREAKS); the rest of the ARN stays.
        #expect(
            try complete("kubectl-guardrail whoami --context arn:aws:e") == ["eks:eu-west-1:111122223333:cluster/prod"])
        #expect(try complete("kubectl-guardrail whoami --context=ki") == ["kind-dev"])
    }

    @Test func bashListsSubcommandsInAnInteractiveSession() throws {
        guard let zsh = TestProcess.which(["/usr/bin/zsh", "/bin/zsh"]),
            let bash = TestProcess.which(["/usr/bin/bash", "/bin/bash"])
        else {
            print("skipped: bash and zsh (whose zpty module drives the terminal) are needed")
            return
        }
        guard let bin = try Self.binDirectory() else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        // A real interactive bash on a pseudo-terminal: readline, `complete -F`, and two TABs.
        let driver = """
            zmodload zsh/zpty
            zpty b \(bash) --norc --noprofile -i
            zpty -w b "PS1='> '; source \(Self.completionsDirectory)/kubectl-guardrail.bash; echo RE''ADY"
            zpty -r -m b line '*READY*' || exit 3
            sleep 0.5
            zpty -n -w b $'kubectl-guardrail c\\t\\t'
            sleep 2
            out=""
            while zpty -r -t b chunk; do out+=$chunk; done
            print -r -- "$out"
            zpty -d b
            """
        let result = try TestProcess.run(
            zsh, ["-f", "-c", driver], environment: Self.environment(bin: bin, home: bin))
        #expect(result.status == 0)
        let screen = result.stdout.replacingOccurrences(of: "\r", with: "")
        #expect(screen.contains("can-i") && screen.contains("completion"), "bash showed: \(screen)")
        #expect(!screen.contains("whoami"))
    }

    @Test func zshCompletesSubcommandsInAnInteractiveSession() throws {
        guard let zsh = TestProcess.which(["/usr/bin/zsh", "/bin/zsh"]) else {
            print("skipped: zsh is not installed (apt-get install zsh)")
            return
        }
        guard let bin = try Self.binDirectory() else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        // zsh/zpty drives a real interactive zsh: compinit, the script, then a typed TAB.
        func session(_ typed: String) throws -> String {
            let driver = """
                zmodload zsh/zpty
                zpty z zsh -f -i
                zpty -w z "PS1='> '; autoload -U compinit; compinit -u -D"
                zpty -w z "source \(Self.completionsDirectory)/_kubectl-guardrail; echo RE''ADY"
                zpty -r -m z line '*READY*' || exit 3
                zpty -n -w z \(Self.shellQuoted(typed))$'\\t'
                sleep 2
                out=""
                while zpty -r -t z chunk; do out+=$chunk; done
                print -r -- "$out"
                zpty -d z
                """
            let result = try TestProcess.run(
                zsh, ["-f", "-c", driver], environment: Self.environment(bin: bin, home: bin))
            #expect(result.status == 0)
            return result.stdout
        }
        let listing = try session("kubectl-guardrail c")
        #expect(listing.contains("can-i"))
        #expect(listing.contains("completion"))
        #expect(listing.contains("Check whether an action is allowed"))  // descriptions are shown
        let inserted = try session("kubectl-guardrail who")
        #expect(inserted.contains("kubectl-guardrail whoami"))
        // Context names with colons (EKS ARNs) are inserted whole (a TERM=dumb line scrolls, so look at its
        // end; a listing would show the description instead).
        let arn = try session("kubectl-guardrail whoami --context arn")
        #expect(arn.contains("111122223333:cluster/prod"))
        #expect(!arn.contains("user devops"))
    }

    @Test func fishCompletesSubcommandsAndFallsBackToFiles() throws {
        guard let fish = TestProcess.which(["/usr/bin/fish", "/bin/fish"]) else {
            print("skipped: fish is not installed (apt-get install fish)")
            return
        }
        guard let bin = try Self.binDirectory() else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        func complete(_ line: String) throws -> [String] {
            let script =
                "source \(Self.completionsDirectory)/kubectl-guardrail.fish; complete -C \(Self.shellQuoted(line))"
            let result = try TestProcess.run(
                fish, ["--no-config", "-c", script],
                environment: Self.environment(bin: bin, home: bin),
                directory: CompletionPaths.packageRoot)
            #expect(result.status == 0)
            return result.lines
        }
        let subcommands = try complete("kubectl-guardrail ")
        #expect(subcommands.contains { $0.hasPrefix("can-i\t") })
        #expect(subcommands.contains { $0.hasPrefix("whoami\t") })
        #expect(!subcommands.contains { $0.hasPrefix("__complete") })
        #expect(
            try complete("kubectl-guardrail completion i") == [
                "install\tInstall kubectl_complete-guardrail so that `kubectl guardrail <TAB>` completes."
            ])
        #expect(
            try complete("kubectl-guardrail whoami --context arn") == [Self.arn + "\tcluster \(Self.arn), user devops"])
        // --kubeconfig answers ShellCompDirectiveDefault: fish falls back to file names.
        #expect(try complete("kubectl-guardrail whoami --kubeconfig Package.s") == ["Package.swift"])
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
