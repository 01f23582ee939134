import CCurlShim
import KubeConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What running a plugin produced.
struct ExecRunResult: Sendable {
    enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case notFound
        case spawnFailed(Int32)
    }
    var outcome: Outcome
    var stdout: [UInt8]
    var stderr: [UInt8]
}

/// Runs an exec credential plugin with `posix_spawn` — blocking; call it on a dedicated thread.
///
/// As client-go does: the command gets the parent environment plus `exec.env` plus
/// `KUBERNETES_EXEC_INFO`; stdout is captured; stdin is the terminal only when interactive. Unlike
/// kubectl, a non-interactive plugin's stderr is captured too (so secrets a plugin logs cannot leak into
/// our output; only a safe last line is shown on failure) and the plugin is killed after a timeout.
/// Interactive plugins keep the terminal (stderr included) so their prompts reach the user.
enum ExecPluginRunner {
    /// Output beyond this is discarded (a credential is a few KiB).
    static let maxOutputBytes = 1 << 20

    static func run(command: String, args: [String], env: [(String, String)], interactive: Bool, timeout: Double?)
        -> ExecRunResult
    {
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard makePipe(&stdoutPipe) else { return ExecRunResult(outcome: .spawnFailed(errno), stdout: [], stderr: []) }
        if !interactive {
            guard makePipe(&stderrPipe) else {
                close(stdoutPipe[0])
                close(stdoutPipe[1])
                return ExecRunResult(outcome: .spawnFailed(errno), stdout: [], stderr: [])
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        if interactive {
            // stdin and stderr stay the terminal's.
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if !interactive {
            // Its own process group, so a timeout kills the plugin's children too. Interactive plugins stay
            // in the terminal's foreground group, or reading the terminal would stop them (SIGTTIN).
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }

        let argv: [UnsafeMutablePointer<CChar>?] = ([command] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = mergedEnvironment(env).map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        var pid = pid_t()
        // posix_spawnp searches PATH only for names without '/', like Go's exec.LookPath.
        let rc = posix_spawnp(&pid, command, &actions, &attributes, argv, envp)
        close(stdoutPipe[1])
        if !interactive { close(stderrPipe[1]) }
        if rc != 0 {
            close(stdoutPipe[0])
            if !interactive { close(stderrPipe[0]) }
            let notFound = rc == ENOENT && !command.contains("/")
            return ExecRunResult(outcome: notFound ? .notFound : .spawnFailed(rc), stdout: [], stderr: [])
        }

        let deadline = (timeout.map { $0 > 0 ? monotonicSeconds() + $0 : nil }) ?? nil
        var out: [UInt8] = []
        var err: [UInt8] = []
        var open: [(fd: Int32, isStdout: Bool)] = [(stdoutPipe[0], true)]
        if !interactive { open.append((stderrPipe[0], false)) }
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 16384)
        while !open.isEmpty {
            var waitMs: Int32 = -1
            if let deadline {
                let left = deadline - monotonicSeconds()
                if left <= 0 {
                    timedOut = true
                    break
                }
                waitMs = Int32(min(left * 1000 + 1, 1_000_000))
            }
            var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), waitMs)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            var closed: [Int32] = []
            for (i, entry) in open.enumerated() where fds[i].revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n > 0 {
                    if entry.isStdout {
                        if out.count < maxOutputBytes { out.append(contentsOf: buffer[0..<n]) }
                    } else if err.count < maxOutputBytes {
                        err.append(contentsOf: buffer[0..<n])
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(entry.fd)
                }
            }
            for fd in closed { close(fd) }
            open.removeAll { closed.contains($0.fd) }
        }
        for entry in open { close(entry.fd) }
        if timedOut {
            kill(interactive ? pid : -pid, SIGKILL)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut { return ExecRunResult(outcome: .timedOut, stdout: out, stderr: err) }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let termSignal = status & 0x7F
        if termSignal == 0 { return ExecRunResult(outcome: .exited((status >> 8) & 0xFF), stdout: out, stderr: err) }
        return ExecRunResult(outcome: .signaled(termSignal), stdout: out, stderr: err)
    }

    /// A pipe whose ends are closed on exec (the child gets them only through dup2).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    /// The parent environment with `overrides` replacing same-named variables (Go's `cmd.Env` keeps the
    /// last value of a duplicate), then appended.
    static func mergedEnvironment(_ overrides: [(String, String)]) -> [String] {
        let names = Set(overrides.map(\.0))
        var result: [String] = []
        if let environment = gr_process_environment() {
            var i = 0
            while let entry = environment[i] {
                let text = String(cString: entry)
                let name =
                    text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
                    ?? text
                if !names.contains(name) { result.append(text) }
                i += 1
            }
        }
        var seen = Set<String>()
        for (name, value) in overrides.reversed() where seen.insert(name).inserted {
            result.append("\(name)=\(value)")
        }
        return result
    }
}

/// Decides whether a line a plugin wrote to stderr may be shown in an error message. Plugins print
/// diagnostics there, but some print tokens, URLs with codes, or whole credentials when they fail, so
/// only a short last line that looks like prose is shown.
enum ExecStderrFilter {
    /// The last non-empty line of `stderr`, or `nil` when it may hold a secret.
    static func safeLastLine(_ stderr: [UInt8], stdout: [UInt8]) -> String? {
        let text = String(decoding: stderr, as: UTF8.self)
        guard
            let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).last(where: {
                !$0.trimmingWhitespace().isEmpty
            }).map({ $0.trimmingWhitespace() })
        else { return nil }
        guard line.count <= 200 else { return nil }
        let lower = line.lowercased()
        for marker in [
            "bearer", "token", "password", "passwd", "secret", "private key", "begin ", "authorization",
            "eyj", "code=", "key=", "sig=", "signature", "credential", "apikey", "api_key",
        ]
        where lower.contains(marker) {
            return nil
        }
        // Long unbroken runs of base64/hex-like characters look like keys or tokens.
        var run = 0
        for scalar in line.unicodeScalars {
            let v = scalar.value
            let tokenish =
                (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || v == 0x2B || v == 0x2F || v == 0x3D || v == 0x2D || v == 0x5F || v == 0x2E
            run = tokenish ? run + 1 : 0
            if run >= 24 { return nil }
        }
        // Nothing that also appears in stdout (where the credential is).
        let out = String(decoding: stdout, as: UTF8.self)
        for word in line.split(separator: " ") where word.count >= 8 && out.contains(word) { return nil }
        guard line.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        return line
    }
}
