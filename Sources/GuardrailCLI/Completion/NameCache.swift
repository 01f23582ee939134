#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Object names remembered between completion requests, so that typing `-n <TAB>` twice in a row asks
/// the API server at most once, and a slow or unreachable server still gets the last known names.
///
/// Layout: `<kube cache dir>/guardrail/completion/<safe host>/<user>/<resource>[.<group>]@<namespace>`,
/// one name per line; the file's mtime is when the list was fetched. Beside kubectl's own
/// `discovery/` and `http/` directories, never inside them. Directories 0750, files 0640 (client-go
/// uses the same modes for its disk cache), written through a temporary file and a rename.
struct NameCache: Sendable {
    /// The directory of one server and user.
    var directory: String

    /// The cache for `server` and `user` under `cacheRoot` (e.g. `~/.kube/cache`).
    init(cacheRoot: String, safeHost: String, user: String) {
        directory =
            cacheRoot + "/guardrail/completion/" + safeHost + "/" + Self.safeComponent(user.isEmpty ? "_" : user)
    }

    /// A cached list: the names and how old they are.
    struct Entry: Sendable, Equatable {
        /// The names in the order they were stored.
        var names: [String]
        /// Seconds since they were fetched.
        var age: Double
    }

    /// The file for `resource` in `namespace` (`nil` for cluster-scoped resources).
    func path(resource: String, namespace: String?) -> String {
        directory + "/" + Self.safeComponent(resource + "@" + (namespace ?? "_cluster"))
    }

    /// The cached names, or `nil` when nothing is cached.
    func load(resource: String, namespace: String?, now: Double) -> Entry? {
        let path = path(resource: resource, namespace: namespace)
        var info = stat()
        guard stat(path, &info) == 0, let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while bytes.count < 4 << 20 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let names = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #if canImport(Darwin)
        let modified = Double(info.st_mtimespec.tv_sec)
        #else
        let modified = Double(info.st_mtim.tv_sec)
        #endif
        return Entry(names: names, age: max(0, now - modified))
    }

    /// Stores `names`; failures are ignored (a cache must never break completion).
    func store(_ names: [String], resource: String, namespace: String?) {
        guard makeDirectories(directory) else { return }
        let path = path(resource: resource, namespace: namespace)
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
        guard descriptor >= 0 else { return }
        let bytes = Array(names.map { $0 + "\n" }.joined().utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        if written != bytes.count || rename(temporary, path) != 0 { unlink(temporary) }
    }

    private func makeDirectories(_ path: String) -> Bool {
        var current = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            current += (current.isEmpty && component.isEmpty) ? "/" : (current.hasSuffix("/") ? "" : "/") + component
            if component.isEmpty { continue }
            if mkdir(current, 0o750) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// A single path component: `/` and anything outside `[A-Za-z0-9._@-]` become `_`, and `.`/`..` are
    /// never produced, so names from a kubeconfig cannot steer the path.
    static func safeComponent(_ text: String) -> String {
        let mapped = String(
            text.unicodeScalars.map { scalar -> Character in
                let v = scalar.value
                let allowed =
                    (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                    || scalar == "." || scalar == "_" || scalar == "@" || scalar == "-"
                return allowed ? Character(scalar) : "_"
            })
        return mapped == "." || mapped == ".." ? "_" : mapped
    }
}
