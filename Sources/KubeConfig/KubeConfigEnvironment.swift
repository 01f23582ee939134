#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of thing a path names, as far as kubeconfig loading cares.
public enum FileKind: Sendable, Equatable {
    case missing
    case regularFile
    case directory
    /// A socket, device or similar: reading it is refused.
    case other
}

/// A file could not be read; `reason` is the system's wording, e.g. `no such file or directory`.
public struct FileReadError: Error, Sendable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// Everything kubeconfig resolution reads from the outside world: environment variables, the home and
/// working directories, and files. Injected so resolution can be tested without touching the disk
/// (the idea of kubectx's `Loader`), and so a caller can resolve "as if" in another environment.
public protocol KubeConfigEnvironment: Sendable {
    /// An environment variable, `nil` when unset.
    func variable(_ name: String) -> String?
    /// The user's home directory (`$HOME` on Unix), `nil` when unknown.
    var homeDirectory: String? { get }
    /// The directory relative paths given on the command line or in `KUBECONFIG` are relative to.
    var currentDirectory: String { get }
    /// What `path` names.
    func fileKind(_ path: String) -> FileKind
    /// The bytes of the file at `path`.
    func readFile(_ path: String) throws(FileReadError) -> [UInt8]
}

/// The real process environment and file system.
public struct SystemEnvironment: KubeConfigEnvironment {
    public init() {}

    public func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    public var homeDirectory: String? {
        if let home = variable("HOME"), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    public var currentDirectory: String {
        guard let cwd = getcwd(nil, 0) else { return "/" }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    public func fileKind(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public func readFile(_ path: String) throws(FileReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(reason: Self.describe(errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(reason: Self.describe(errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            // Refuse absurd inputs (a kubeconfig pointing at /dev/zero or a huge file) before memory runs out.
            if bytes.count > 64 << 20 { throw FileReadError(reason: "file is larger than 64 MiB") }
        }
        return bytes
    }

    /// Go's lowercase wording for the common errno values (`open x: no such file or directory`).
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        case ENOTDIR: return "not a directory"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            return String(cString: text).lowercased()
        }
    }
}

/// An environment held in memory: variables, a home directory and files. For tests and for callers that
/// want to resolve a configuration they built themselves.
public struct InMemoryEnvironment: KubeConfigEnvironment {
    public var variables: [String: String]
    public var homeDirectory: String?
    public var currentDirectory: String
    /// File contents by absolute path.
    public var files: [String: [UInt8]]
    /// Paths that exist as directories.
    public var directories: Set<String>
    /// Paths that exist but cannot be read, with the reason (e.g. `permission denied`).
    public var unreadable: [String: String]

    public init(
        variables: [String: String] = [:], homeDirectory: String? = "/home/user",
        currentDirectory: String = "/work", files: [String: String] = [:]
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.currentDirectory = currentDirectory
        self.files = files.mapValues { Array($0.utf8) }
        self.directories = []
        self.unreadable = [:]
    }

    public func variable(_ name: String) -> String? { variables[name] }

    public func fileKind(_ path: String) -> FileKind {
        let path = FilePath.absolute(path, relativeTo: currentDirectory)
        if files[path] != nil || unreadable[path] != nil { return .regularFile }
        if directories.contains(path) { return .directory }
        return .missing
    }

    public func readFile(_ path: String) throws(FileReadError) -> [UInt8] {
        let path = FilePath.absolute(path, relativeTo: currentDirectory)
        if let reason = unreadable[path] { throw FileReadError(reason: reason) }
        if directories.contains(path) { throw FileReadError(reason: "is a directory") }
        guard let bytes = files[path] else { throw FileReadError(reason: "no such file or directory") }
        return bytes
    }
}
