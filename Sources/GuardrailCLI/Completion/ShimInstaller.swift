#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KubeConfig

/// What `completion install` needs from the process: where it runs from and its search path.
struct InstallEnvironment: Sendable {
    /// `argv[0]`: kubectl passes the full path of the plugin it found on `PATH`.
    var executablePath: String
    /// `$PATH`.
    var path: String
    /// `$KREW_ROOT`, when set.
    var krewRoot: String?
    /// `$HOME`.
    var home: String?


    /// The directories of `$PATH`, empty entries dropped.
    var pathDirectories: [String] {
        path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}

extension InstallEnvironment {
    /// The values of the running process, its variables read through `environment`.
    init(_ environment: any KubeConfigEnvironment, executablePath: String? = CommandLine.arguments.first) {
        self.init(
            executablePath: executablePath ?? "kubectl-guardrail",
            path: environment.variable("PATH") ?? "",
            krewRoot: environment.variable("KREW_ROOT"),
            home: environment.homeDirectory)
    }
}

/// A failed install, worded for one `error:` line.
struct ShimInstallError: Error, Sendable, Equatable {
    /// Lowercase, names the path and how to fix it.
    var message: String
}

/// Writes the `kubectl_complete-guardrail` shim (krew links only one executable per plugin, krew#812).
struct ShimInstaller: Sendable {
    /// Where the process runs from.
    var environment: InstallEnvironment

    /// The result of an install, for the user.
    struct Outcome: Sendable, Equatable {
        /// Where the shim is.
        var path: String
        /// Whether the file was written (`false`: it was already up to date).
        var wrote: Bool
        /// A problem that does not stop completion from being installed (the directory is not on PATH).
        var warning: String?

        /// One line for stdout.
        var message: String {
            (wrote ? "installed " : "already installed: ") + path
                + " (kubectl 1.26+ now completes `kubectl guardrail <TAB>`)"
        }
    }

    /// The directory the shim goes to when `--dir` is not given: next to the running binary when it was
    /// started by path (kubectl always does that), else the `PATH` entry holding `kubectl-guardrail`, else
    /// krew's bin directory.
    func defaultDirectory() -> String? {
        let executable = environment.executablePath
        if let slash = executable.lastIndex(of: "/") {
            let directory = String(executable[..<slash])
            return directory.isEmpty ? "/" : directory
        }
        for directory in environment.pathDirectories
        where access(directory + "/" + CompletionScripts.program, X_OK) == 0 {
            return directory
        }
        if let krewRoot = environment.krewRoot ?? environment.home.map({ $0 + "/.krew" }),
            isDirectory(krewRoot + "/bin")
        {
            return krewRoot + "/bin"
        }
        return nil
    }

    /// Writes the shim into `directory` (or the default directory), atomically and idempotently.
    func install(into directory: String?) throws(ShimInstallError) -> Outcome {
        guard let given = directory ?? defaultDirectory() else {
            throw ShimInstallError(
                message: "cannot tell where kubectl-guardrail is installed; "
                    + "pass --dir with a directory on your PATH")
        }
        guard isDirectory(given) else {
            throw ShimInstallError(message: "--dir \(given): no such directory")
        }
        // Absolute, so the message says exactly where the file went (argv[0] may be `bin/kubectl-guardrail`).
        let directory = given.hasPrefix("/") ? given : canonical(given)
        let target = directory + "/" + CompletionScripts.kubectlShimName
        let content = CompletionScripts.kubectlShim
        let warning =
            isOnPath(directory)
            ? nil
            : "\(directory) is not on PATH; kubectl finds \(CompletionScripts.kubectlShimName) only on PATH"
        if let existing = readSmallFile(target) {
            if existing == content, access(target, X_OK) == 0 {
                return Outcome(path: target, wrote: false, warning: warning)
            }
            // Only ever replace a shim of ours; someone else's file stays untouched.
            guard existing.contains("kubectl-guardrail __complete") else {
                throw ShimInstallError(
                    message: "\(target) exists and was not written by kubectl-guardrail; "
                        + "remove it or pass --dir")
            }
        }
        try writeAtomically(content, to: target)
        return Outcome(path: target, wrote: true, warning: warning)
    }

    private func isOnPath(_ directory: String) -> Bool {
        let wanted = canonical(directory)
        return environment.pathDirectories.contains { canonical($0) == wanted }
    }

    private func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65536 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Temp file in the same directory, mode 0755, then `rename`, so kubectl never runs half a shim.
    private func writeAtomically(_ content: String, to target: String) throws(ShimInstallError) {
        let temporary = target + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        guard descriptor >= 0 else {
            throw ShimInstallError(
                message: "cannot write \(target): \(String(cString: strerror(errno))); "
                    + "pass --dir with a writable directory on your PATH")
        }
        let bytes = Array(content.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fchmod(descriptor, 0o755)
        close(descriptor)
        guard written == bytes.count, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw ShimInstallError(message: "cannot write \(target): \(String(cString: strerror(errno)))")
        }
    }
}
