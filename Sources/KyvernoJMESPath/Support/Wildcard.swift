/// Kyverno's wildcard matching (`ext/wildcard` → `github.com/IGLOU-EU/go-wildcard` v1.0.3 `Match`):
/// `*` matches any run of characters (also empty), `?` exactly one character, everything else itself;
/// the whole string must match and an empty pattern matches only the empty string.
public enum Wildcard {
    /// Whether `text` matches `pattern`.
    public static func match(_ pattern: String, _ text: String) -> Bool {
        if pattern.isEmpty { return text.isEmpty }
        if pattern == "*" || pattern == text { return true }
        let p = Array(pattern.unicodeScalars)
        let s = Array(text.unicodeScalars)
        // Iterative glob matching with single-star backtracking: linear in practice, never recursive.
        var pi = 0
        var si = 0
        var starPattern = -1
        var starText = 0
        while si < s.count {
            if pi < p.count, p[pi] == "*" {
                starPattern = pi
                starText = si
                pi += 1
            } else if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1
                si += 1
            } else if starPattern >= 0 {
                pi = starPattern + 1
                starText += 1
                si = starText
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether `text` contains `*` or `?` (Kyverno `wildcard.ContainsWildcard`).
    public static func containsWildcard(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }
}
