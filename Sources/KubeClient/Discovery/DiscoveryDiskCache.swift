import GuardrailCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// kubectl's discovery disk cache, read and written in kubectl's own layout so either tool can use
/// what the other fetched (cli-runtime `config_flags.go` `toDiscoveryClient`, client-go
/// `discovery/cached/disk/cached_discovery.go`):
///
/// ```
/// <cache-dir>/discovery/<safe host>/servergroups.json                       APIGroupList (core group first)
/// <cache-dir>/discovery/<safe host>/v1/serverresources.json                 APIResourceList of the core group
/// <cache-dir>/discovery/<safe host>/<group>/<version>/serverresources.json  one per group version
/// ```
///
/// Files older than the TTL (6 hours, kubectl's value) count as missing; directories are created
/// 0750 and files written 0660 through a temporary file and a rename, as client-go does.
public struct DiscoveryDiskCache: Sendable {
    /// kubectl's discovery cache TTL: 6 hours (cli-runtime `toDiscoveryClient`).
    public static let defaultTTL: Double = 6 * 60 * 60

    /// `<cache-dir>/discovery/<safe host>`.
    public var directory: String
    /// Seconds a file stays fresh after it was written.
    public var ttl: Double

    /// The cache for `server` under `cacheDirectory` (kubectl's `--cache-dir`, e.g. `~/.kube/cache`).
    public init(cacheDirectory: String, server: String, ttl: Double = defaultTTL) {
        self.directory = cacheDirectory + "/discovery/" + Self.safeHostDirectoryName(server: server)
        self.ttl = ttl
    }

    /// The cache root kubectl uses: `--cache-dir`, else `$KUBECACHEDIR`, else `$HOME/.kube/cache`.
    public static func defaultCacheDirectory(flag: String?, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        if let dir = environment["KUBECACHEDIR"], !dir.isEmpty { return dir }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.kube/cache"
    }

    /// The directory name for a server URL, exactly as cli-runtime's `computeDiscoverCacheDir`: the first
    /// `https://` and `http://` are removed, then every character other than letters, digits, `_`, `/`,
    /// `.`, `(` and `)` becomes `_` (regexp `[^(\w/.)]`). So `https://127.0.0.1:6443` →
    /// `127.0.0.1_6443`, and EKS/ARN-like hosts lose their `:`. `/` is kept (a server path prefix becomes
    /// subdirectories); `.` and `..` components are then dropped as Go's `filepath.Join` cleans them,
    /// so a hostile server URL cannot escape the cache directory.
    public static func safeHostDirectoryName(server: String) -> String {
        // Go: strings.Replace(strings.Replace(host, "https://", "", 1), "http://", "", 1) — anywhere, once each.
        let host = removingFirst("http://", from: removingFirst("https://", from: server))
        let safe = String(
            host.unicodeScalars.map { scalar -> Character in
                let v = scalar.value
                let allowed =
                    (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                    || scalar == "_" || scalar == "/" || scalar == "." || scalar == "(" || scalar == ")"
                return allowed ? Character(scalar) : "_"
            })
        let components = safe.split(separator: "/").filter { $0 != "." && $0 != ".." }
        return components.isEmpty ? "_" : components.joined(separator: "/")
    }

    private static func removingFirst(_ needle: String, from text: String) -> String {
        let t = Array(text.utf8)
        let n = Array(needle.utf8)
        guard t.count >= n.count else { return text }
        for start in 0...(t.count - n.count) where Array(t[start..<start + n.count]) == n {
            return String(decoding: t[..<start] + t[(start + n.count)...], as: UTF8.self)
        }
        return text
    }

    /// The path of the cached resource list of one group version.
    public func resourcesPath(group: String, version: String) -> String {
        directory + "/" + (group.isEmpty ? version : "\(group)/\(version)") + "/serverresources.json"
    }

    /// The path of the cached group list.
    public var groupsPath: String { directory + "/servergroups.json" }

    /// The cached catalog, or `nil` when anything is missing, stale or unreadable (then fetch again).
    /// Group versions that were stale when cached (no file) are returned with unknown resources.
    public func load(now: Date = Date()) -> DiscoveryCatalog? {
        guard let groupsJSON = readFresh(groupsPath, now: now),
            var groups = try? DiscoveryDocument.groups(fromGroupList: groupsJSON)
        else { return nil }
        for g in groups.indices {
            for v in groups[g].versions.indices {
                let path = resourcesPath(group: groups[g].name, version: groups[g].versions[v].version)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                guard let json = readFresh(path, now: now),
                    let list = try? DiscoveryDocument.resources(fromResourceList: json)
                else { return nil }
                groups[g].versions[v].resources = list.resources
                groups[g].versions[v].resourcesKnown = true
            }
        }
        return DiscoveryCatalog(groups: groups)
    }

    /// Writes `catalog` in kubectl's layout. Failures are returned, not thrown: a cache that cannot be
    /// written must never fail the command (kubectl only logs them).
    @discardableResult
    public func store(_ catalog: DiscoveryCatalog) -> [String] {
        var failures: [String] = []
        for group in catalog.groups {
            for version in group.versions where version.resourcesKnown {
                let path = resourcesPath(group: group.name, version: version.version)
                if let failure = write(DiscoveryDocument.resourceList(group: group.name, version: version), to: path) {
                    failures.append(failure)
                }
            }
        }
        if let failure = write(DiscoveryDocument.groupList(of: catalog), to: groupsPath) { failures.append(failure) }
        return failures
    }

    /// Removes the cached group list, so the next ``load(now:)`` misses (a refresh after "not found").
    public func invalidate() {
        try? FileManager.default.removeItem(atPath: groupsPath)
    }

    private func readFresh(_ path: String, now: Date) -> JSONValue? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date,
            now.timeIntervalSince(modified) < ttl,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return try? JSONParser.parse(bytes: data)
    }

    /// Writes through a temporary file and a rename, like client-go's `writeCachedFile` — and like it
    /// without fsync: FileManager's atomic write syncs every file, which cost ~1 ms each (much more on a
    /// real disk) for the ~10 files of a cold cache, for a cache that is merely refetched if ever lost.
    private func write(_ value: JSONValue, to path: String) -> String? {
        let directory = String(path[..<path.lastIndex(of: "/")!])
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            return "could not write \(path): \(error)"
        }
        let temporary =
            directory + "/.tmp-\(UInt32.random(in: .min ... .max))-" + (path.split(separator: "/").last ?? "")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "could not write \(temporary): \(String(cString: strerror(errno)))" }
        var text = JSONWriter().string(from: value)
        let written = text.withUTF8 { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        let failure = written ? nil : String(cString: strerror(errno))
        fchmod(fd, 0o660)  // client-go: os.Chmod(f.Name(), 0660), whatever the umask
        close(fd)
        guard failure == nil, rename(temporary, path) == 0 else {
            let reason = failure ?? String(cString: strerror(errno))
            unlink(temporary)
            return "could not write \(path): \(reason)"
        }
        return nil
    }
}
