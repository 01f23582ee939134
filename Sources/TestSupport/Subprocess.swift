#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an external program (kubectl, the built plugin) for oracle and end-to-end tests, capturing its
/// output through temporary files (no pipe deadlocks) — no Foundation. Shared by the test targets
/// (GuardrailCLITests, GuardrailYAMLTests, KubeClientTests).
public struct Subprocess {
    /// What the program did.
    public struct Result: Sendable {
        /// The exit code (128 + signal when killed by a signal, -1 when it could not be started).
        public var status: Int32
        /// Everything it wrote to stdout.
        public var stdout: String
        /// Everything it wrote to stderr.
        public var stderr: String
    }

    /// Runs `executable` with `arguments` and exactly `environment` (nothing inherited), waiting for it on
    /// a dedicated thread: a blocking `waitpid` on Swift's cooperative pool (2 threads here) would stall
    /// every other async test of the run, and with them the test servers' clients.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async -> Result {
        await withCheckedContinuation { continuation in
            let box = Unmanaged.passRetained(
                ThreadBody { continuation.resume(returning: runBlocking(executable, arguments, environment: environment)) })
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { raw in
                let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
                body.run()
                return nil
            }, box.toOpaque())
            if created == 0 {
                pthread_detach(thread)
            } else {
                box.takeRetainedValue().run()
            }
        }
    }

    private final class ThreadBody: @unchecked Sendable {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// The blocking form of ``run(_:_:environment:)``, for synchronous callers off the async pool.
    public static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) -> Result {
        let scratch = TemporaryDirectory()
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { return Result(status: -1, stdout: "", stderr: "spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: code, stdout: readText(outPath), stderr: readText(errPath))
    }

    /// The contents of the file at `path` as UTF-8 text; empty when it cannot be read.
    public static func readText(_ path: String) -> String { TextFile.read(path) ?? "" }

    /// The first executable among `candidates` (absolute paths), or found on `PATH` for bare names.
    public static func findExecutable(_ candidates: [String]) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for candidate in candidates {
            if candidate.hasPrefix("/") {
                if access(candidate, X_OK) == 0 { return candidate }
                continue
            }
            for dir in path.split(separator: ":") where access("\(dir)/\(candidate)", X_OK) == 0 {
                return "\(dir)/\(candidate)"
            }
        }
        return nil
    }

    /// A real kubectl for oracle tests: a versioned gcloud binary (not gcloud's dispatcher), else `kubectl`.
    public static let kubectl: String? = findExecutable(
        ["1.33", "1.32", "1.31", "1.30", "1.29", "1.28"].map { "/usr/lib/google-cloud-sdk/bin/kubectl.\($0)" } + ["kubectl"])
}
