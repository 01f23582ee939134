#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files for tests (fixtures, captured output) without Foundation.
public enum TextFile {
    /// The contents of the file at `path` decoded as UTF-8, or `nil` when it cannot be opened.
    public static func read(_ path: String) -> String? {
        bytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes `text` to `path` (created or truncated) with `mode`; `false` when it cannot be written.
    ///
    /// Opened with O_CLOEXEC: tests run in parallel and spawn subprocesses, and a child forked while this
    /// file is open for writing would keep it open across exec — executing the file (a script the test
    /// wrote) then fails with ETXTBSY ("text file busy") for as long as that child lives.
    @discardableResult
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        return written == bytes.count && chmod(path, mode) == 0
    }

    /// The bytes of the file at `path`, or `nil` when it cannot be opened.
    public static func bytes(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }
}
