import KyvernoJMESPath

/// A parsed `kinds` entry: group, version, kind and subresource patterns
/// (Kyverno pkg/utils/kube/kind.go `ParseKindSelector`).
public struct KindSelector: Sendable, Hashable, CustomStringConvertible {
    /// Group pattern.
    public var group: String
    /// Version pattern.
    public var version: String
    /// Kind pattern (case-sensitive).
    public var kind: String
    /// Subresource pattern (`""` = the resource itself).
    public var subresource: String

    public init(group: String, version: String, kind: String, subresource: String) {
        self.group = group
        self.version = version
        self.kind = kind
        self.subresource = subresource
    }

    /// Parses `Kind`, `v1/Kind`, `group/version/Kind`, `Kind/sub`, `Kind.sub`, `*/*`, … exactly like Kyverno:
    /// split on `/`, then split the last part on its first `.` when the first part is not a group.
    public init(parsing text: String) {
        // Fast path for the common bare `Kind` (no `/`, no `.`): what the general case below yields for a
        // single part without a dot, without splitting into arrays (loading 1,000 policies parses
        // thousands of these on every can-i run).
        let isSeparator = { (byte: UInt8) in byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") }
        let hasSeparator =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSeparator) }
            ?? text.utf8.contains(where: isSeparator)
        if !hasSeparator {
            self.init(group: "*", version: "*", kind: text, subresource: "")
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func splitKind(_ s: String) -> (String, String) {
            // Kyverno splits "Kind.sub" on the first "." (strings.Split(..., ".") with at most 2 parts used).
            if let dot = s.firstIndex(of: ".") {
                return (String(s[..<dot]), String(s[s.index(after: dot)...]))
            }
            return (s, "")
        }
        switch parts.count {
        case 1:
            let (k, s) = splitKind(parts[0])
            self.init(group: "*", version: "*", kind: k, subresource: s)
        case 2:
            if parts[0] == "*" && parts[1] == "*" {
                self.init(group: "*", version: "*", kind: "*", subresource: "*")
            } else if parts[0] == "*" && parts[1].first.map({ $0.isLowercase }) == true && !parts[1].contains(".") {
                // `*/scale`: any kind, that subresource.
                self.init(group: "*", version: "*", kind: "*", subresource: parts[1])
            } else if KindSelector.isVersion(parts[0]) {
                let (k, s) = splitKind(parts[1])
                self.init(group: "*", version: parts[0], kind: k, subresource: s)
            } else {
                let (k, s) = splitKind(parts[0])
                self.init(group: "*", version: "*", kind: k, subresource: parts[1].isEmpty ? s : parts[1])
            }
        case 3:
            if KindSelector.isVersion(parts[0]) {
                self.init(group: "*", version: parts[0], kind: parts[1], subresource: parts[2])
            } else {
                let (k, s) = splitKind(parts[2])
                self.init(group: parts[0], version: parts[1], kind: k, subresource: s)
            }
        case 4:
            self.init(group: parts[0], version: parts[1], kind: parts[2], subresource: parts[3])
        default:
            self.init(group: "", version: "", kind: "", subresource: "")
        }
    }

    /// `^(v\d+((alpha|beta)\d+)?|\*)$`.
    static func isVersion(_ s: String) -> Bool {
        if s == "*" { return true }
        var rest = Substring(s)
        guard rest.first == "v" else { return false }
        rest = rest.dropFirst()
        let major = rest.prefix { $0.isASCII && $0.isNumber }
        guard !major.isEmpty else { return false }
        rest = rest.dropFirst(major.count)
        if rest.isEmpty { return true }
        for tag in ["alpha", "beta"] where rest.hasPrefix(tag) {
            let tail = rest.dropFirst(tag.count)
            return !tail.isEmpty && tail.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    /// Kyverno pkg/utils/match/kind.go `CheckKind`: every part wildcard-matches; in the engine a `Pod`
    /// entry also matches the `pods/ephemeralcontainers` subresource.
    public func matches(_ gvk: GroupVersionKind, subresource: String, allowEphemeralContainers: Bool = true) -> Bool {
        // Kind first: it is the part that usually differs.
        guard Self.match(kind, gvk.kind), Self.match(group, gvk.group), Self.match(version, gvk.version) else {
            return false
        }
        if Self.match(self.subresource, subresource) { return true }
        return allowEphemeralContainers && gvk.group == "" && gvk.version == "v1" && gvk.kind == "Pod"
            && subresource == "ephemeralcontainers"
    }

    /// `Wildcard.match`, answering the common case — the pattern is the very text (`Pod` for a Pod) — without
    /// the glob machinery: a glob pattern always matches its own bytes.
    @inline(__always)
    private static func match(_ pattern: String, _ text: String) -> Bool {
        sameBytes(pattern, text) || Wildcard.match(pattern, text)
    }

    /// Byte equality (not `==`, which is Unicode canonical equivalence), lengths first: most kind
    /// comparisons are between different kinds. Iterating `String.UTF8View` byte by byte costs far more
    /// than comparing the contiguous bytes that native and small strings have.
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let contiguous = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
        }
        if let contiguous, let equal = contiguous { return equal }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// `(group,version,kind,subresource)`.
    public var description: String { "(\(group),\(version),\(kind),\(subresource))" }
}
