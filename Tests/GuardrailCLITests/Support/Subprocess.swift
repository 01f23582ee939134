#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an external program (kubectl, the built plugin) for oracle and end-to-end tests, capturing its
/// output through temporary files (no pipe deadlocks) — no Foundation.
struct Subprocess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` and exactly `environment` (nothing inherited), waiting for it on
    /// a dedicated thread: a blocking `waitpid` on Swift's cooperative pool (2 threads here) would stall
    /// every other async test of the run, and with them the test servers' clients.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async -> Result {
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
    static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) -> Result {
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

    static func readText(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first executable among `candidates` (absolute paths), or found on `PATH` for bare names.
    static func findExecutable(_ candidates: [String]) -> String? {
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
    static let kubectl: String? = findExecutable(
        ["1.33", "1.32", "1.31", "1.30", "1.29", "1.28"].map { "/usr/lib/google-cloud-sdk/bin/kubectl.\($0)" } + ["kubectl"])
}

/// A fresh directory under /tmp, removed when the value is deinitialised.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() {
        var template = Array("/tmp/guardrail-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            String(cString: mkdtemp(buffer.baseAddress!))
        }
    }

    deinit {
        // Not through Subprocess.run: that makes a TemporaryDirectory itself.
        var pid: pid_t = 0
        let words: [String] = ["/bin/rm", "-rf", path]
        let argv = words.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        if posix_spawn(&pid, "/bin/rm", nil, nil, argv, nil) == 0 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// Writes `text` to `relative` (creating directories), returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String, mode: mode_t = 0o600) -> String {
        let full = path + "/" + relative
        var directory = ""
        for part in full.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(directory, 0o700)
        }
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, mode)
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        chmod(full, mode)
        return full
    }
}
