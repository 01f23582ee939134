/// Go's `path/filepath.Clean` on Linux (Kyverno's `path_canonicalize` is `filepath.Join(path)`).
enum GoPath {
    /// Lexically cleans a slash-separated path: collapses `//`, removes `.` and resolves `..`.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(component)
                }
            default: parts.append(component)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `filepath.Join(path)`: empty stays empty, anything else is cleaned.
    static func join(_ path: String) -> String {
        path.isEmpty ? "" : clean(path)
    }
}
