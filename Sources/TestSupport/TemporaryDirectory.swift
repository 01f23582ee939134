#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory under /tmp, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory.
    public init() {
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
    public func write(_ relative: String, _ text: String, mode: mode_t = 0o600) -> String {
        let full = path + "/" + relative
        var directory = ""
        for part in full.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(directory, 0o700)
        }
        // O_CLOEXEC: a subprocess another test spawns meanwhile must not inherit the file open for writing,
        // or executing this file (a plugin script) fails with ETXTBSY ("text file busy") while it runs.
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        chmod(full, mode)
        return full
    }
}
