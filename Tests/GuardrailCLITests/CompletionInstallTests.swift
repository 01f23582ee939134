import Foundation
import Testing

@testable import GuardrailCLI

@Suite("completion install: the kubectl_complete-guardrail shim")
struct CompletionInstallTests {
    func environment(
        executable: String, path: [String], krewRoot: String? = nil, home: String? = nil
    ) -> InstallEnvironment {
        InstallEnvironment(
            executablePath: executable, path: path.joined(separator: ":"), krewRoot: krewRoot, home: home)
    }

    @Test func installsNextToTheBinaryKubectlRanAndIsIdempotent() throws {
        let bin = try CompletionPaths.temporaryDirectory("krew-bin")
        let installer = ShimInstaller(
            environment: environment(executable: bin + "/kubectl-guardrail", path: [bin, "/usr/bin"]))
        let first = try installer.install(into: nil)
        #expect(first == .init(path: bin + "/kubectl_complete-guardrail", wrote: true, warning: nil))
        #expect(first.message.hasPrefix("installed \(bin)/kubectl_complete-guardrail"))
        #expect(try String(contentsOfFile: first.path, encoding: .utf8) == CompletionScripts.kubectlShim)
        #expect(FileManager.default.isExecutableFile(atPath: first.path))
        let second = try installer.install(into: nil)
        #expect(second.wrote == false)
        #expect(second.message.hasPrefix("already installed: "))
    }

    @Test func findsTheBinaryOnPathOrFallsBackToKrew() throws {
        let onPath = try CompletionPaths.temporaryDirectory("on-path")
        FileManager.default.createFile(
            atPath: onPath + "/kubectl-guardrail", contents: Data("#!/bin/sh\n".utf8),
            attributes: [.posixPermissions: 0o755])
        let viaPath = ShimInstaller(
            environment: environment(executable: "kubectl-guardrail", path: ["/nonexistent", onPath]))
        #expect(viaPath.defaultDirectory() == onPath)

        let krew = try CompletionPaths.temporaryDirectory("krew-root")
        try FileManager.default.createDirectory(atPath: krew + "/bin", withIntermediateDirectories: true)
        let viaKrew = ShimInstaller(
            environment: environment(executable: "kubectl-guardrail", path: ["/nonexistent"], krewRoot: krew))
        #expect(viaKrew.defaultDirectory() == krew + "/bin")
        let nowhere = ShimInstaller(
            environment: environment(executable: "kubectl-guardrail", path: [], home: "/nonexistent"))
        #expect(nowhere.defaultDirectory() == nil)
        #expect(
            throws: ShimInstallError(
                message: "cannot tell where kubectl-guardrail is installed; pass --dir with a directory on your PATH")
        ) {
            try nowhere.install(into: nil)
        }
    }

    @Test func warnsWhenTheDirectoryIsNotOnPath() throws {
        let dir = try CompletionPaths.temporaryDirectory("off-path")
        let installer = ShimInstaller(
            environment: environment(executable: "/opt/x/kubectl-guardrail", path: ["/usr/bin"]))
        let outcome = try installer.install(into: dir)
        #expect(outcome.wrote)
        #expect(outcome.warning == "\(dir) is not on PATH; kubectl finds kubectl_complete-guardrail only on PATH")
    }

    @Test func neverOverwritesSomeoneElsesFileButUpdatesAnOldShim() throws {
        let dir = try CompletionPaths.temporaryDirectory("foreign")
        let target = dir + "/kubectl_complete-guardrail"
        try "#!/bin/sh\necho mine\n".write(toFile: target, atomically: true, encoding: .utf8)
        let installer = ShimInstaller(environment: environment(executable: dir + "/kubectl-guardrail", path: [dir]))
        #expect(throws: ShimInstallError.self) { try installer.install(into: nil) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "#!/bin/sh\necho mine\n")

        try "#!/bin/sh\nexec kubectl-guardrail __complete \"$@\"\n".write(
            toFile: target, atomically: true, encoding: .utf8)
        #expect(try installer.install(into: nil).wrote)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == CompletionScripts.kubectlShim)
    }

    @Test func aMissingDirectoryIsAClearError() {
        let installer = ShimInstaller(environment: environment(executable: "/x/kubectl-guardrail", path: []))
        #expect(throws: ShimInstallError(message: "--dir /nonexistent/bin: no such directory")) {
            try installer.install(into: "/nonexistent/bin")
        }
    }

    @Test func theCommandInstallsAndKubectlThenCompletes() throws {
        guard let binary = CompletionPaths.builtBinary else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        let bin = try CompletionPaths.temporaryDirectory("cmd-bin")
        try FileManager.default.createSymbolicLink(atPath: bin + "/kubectl-guardrail", withDestinationPath: binary)
        let env = ["PATH": bin + ":/usr/bin:/bin", "HOME": bin]
        // kubectl runs plugins by full path; so does this.
        let result = try TestProcess.run(bin + "/kubectl-guardrail", ["completion", "install"], environment: env)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("installed \(bin)/kubectl_complete-guardrail"))
        #expect(result.stderr == "")
        let bad = try TestProcess.run(
            bin + "/kubectl-guardrail", ["completion", "install", "--dir", "/nonexistent"], environment: env)
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: --dir /nonexistent: no such directory\n")
        if let kubectl = TestProcess.which(["/usr/lib/google-cloud-sdk/bin/kubectl.1.33", "/usr/bin/kubectl"]) {
            let completed = try TestProcess.run(kubectl, ["__complete", "guardrail", "who"], environment: env)
            #expect(completed.lines.first?.hasPrefix("whoami\t") == true)
        }
    }
}
