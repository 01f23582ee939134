/// Kyverno's wildcard matching (`ext/wildcard` → `github.com/IGLOU-EU/go-wildcard` v1.0.3 `Match`), shared by
/// the JMESPath functions and the engine's match/condition code.
///
/// `*` matches any sequence (also empty), `?` exactly one character (any character, `/` and `:`
/// included); everything else is literal and case-sensitive; the whole string must match; the empty
/// pattern matches only the empty string.
public enum Wildcard {
    /// Whether `text` matches `pattern`.
    public static func match(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.isEmpty { return text.isEmpty }
        var pattern = pattern, text = text
        // Fast path without allocation for ASCII text (every character is one byte, so `?` = one byte).
        let ascii: Bool? = pattern.withUTF8 { p in
            text.withUTF8 { t in
                guard p.allSatisfy({ $0 < 0x80 }), t.allSatisfy({ $0 < 0x80 }) else { return nil }
                return globMatch(p, t, star: UInt8(ascii: "*"), one: UInt8(ascii: "?"))
            }
        }
        if let ascii { return ascii }
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        return globMatch(p, t, star: "*", one: "?")
    }

    /// Iterative glob matching with single-star backtracking: linear for the patterns Kyverno sees.
    private static func globMatch<C: RandomAccessCollection>(_ p: C, _ t: C, star: C.Element, one: C.Element) -> Bool
    where C.Element: Equatable, C.Index == Int {
        if !p.contains(star) && !p.contains(one) { return p.elementsEqual(t) }
        var pi = p.startIndex, ti = t.startIndex
        var starP = -1, starT = 0
        while ti < t.endIndex {
            if pi < p.endIndex && (p[pi] == one || (p[pi] != star && p[pi] == t[ti])) {
                pi += 1
                ti += 1
            } else if pi < p.endIndex && p[pi] == star {
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
        while pi < p.endIndex && p[pi] == star { pi += 1 }
        return pi == p.endIndex
    }

    /// Whether `text` contains `*` or `?` (Kyverno `wildcard.ContainsWildcard`).
    public static func containsWildcard(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }
}
