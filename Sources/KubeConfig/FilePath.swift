/// The little path arithmetic kubeconfig loading needs (client-go `ResolveLocalPaths` uses
/// `filepath.Dir(filepath.Abs(file))` and `filepath.Join`), without Foundation.
public enum FilePath {
    /// `path` made absolute against `base` (a directory), then cleaned.
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return clean(path) }
        return clean(base + "/" + path)
    }

    /// The directory containing `path` (`filepath.Dir`).
    public static func directory(of path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/") else { return "." }
        if slash == cleaned.startIndex { return "/" }
        return String(cleaned[..<slash])
    }

    /// Go's `filepath.Clean`: collapses `//`, `.` and `..` segments.
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `~/…` for paths under `home`, for friendlier messages.
    public static func abbreviated(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
