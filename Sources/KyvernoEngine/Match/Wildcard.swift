/// Kyverno's wildcard matching (ext/wildcard → github.com/IGLOU-EU/go-wildcard v1.0.3 `Match`).
///
/// `*` matches any sequence (also empty), `?` exactly one character (any character, `/` and `:`
/// included); everything else is literal and case-sensitive; the whole string must match; the empty
/// pattern matches only the empty string.
public enum Wildcard {
    /// Whether `text` matches `pattern`.
    public static func match(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.isEmpty { return text.isEmpty }
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        if !p.contains("*") && !p.contains("?") { return p == t }
        // Iterative glob matching with single-star backtracking: linear for the patterns Kyverno sees.
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || (p[pi] != "*" && p[pi] == t[ti])) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == "*" {
                starP = pi
                starT = ti
                pi += 1
            } else if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether `text` contains `*` or `?` (Kyverno `wildcard.ContainsWildcard`).
    public static func containsWildcard(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }
}
