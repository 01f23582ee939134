import GuardrailCore

/// Regular expressions for Kyverno's `regex_match` / `regex_replace_all*` (Go `regexp`, RE2 syntax).
///
/// Backed by the standard library's `Regex` (no Foundation), matching on Unicode scalars like Go does
/// on runes. RE2's syntax is (nearly) a subset of what `Regex` accepts; Go's replacement templates
/// (`$1`, `${1}`, `$name`, `${name}`, `$$`) are expanded here as `Regexp.Expand` does.
enum GoRegex {
    struct InvalidPattern: Error {
        var message: String
    }

    static func compile(_ pattern: String) throws(InvalidPattern) -> Regex<AnyRegexOutput> {
        try RegexCache.shared.regex(pattern, compile: uncachedCompile)
    }

    private static func uncachedCompile(_ pattern: String) throws(InvalidPattern) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw InvalidPattern(message: "error parsing regexp: invalid pattern `\(pattern)`: \(error)")
        }
    }

    /// `regexp.MatchString`: whether the pattern matches anywhere in `text`.
    static func matches(_ pattern: String, _ text: String) throws(InvalidPattern) -> Bool {
        let regex = try compile(pattern)
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// `ReplaceAllString` (`literal: false`, templates expanded) or `ReplaceAllLiteralString`.
    static func replaceAll(_ pattern: String, in text: String, with replacement: String, literal: Bool)
        throws(InvalidPattern) -> String
    {
        let regex = try compile(pattern)
        var result = ""
        var last = text.startIndex
        var searchStart = text.startIndex
        while searchStart <= text.endIndex {
            guard let match = try? regex.firstMatch(in: text[searchStart...]) else { break }
            result += text[last..<match.range.lowerBound]
            result += literal ? replacement : expand(replacement, match)
            last = match.range.upperBound
            if match.range.isEmpty {
                // Go advances one rune past an empty match.
                guard match.range.upperBound < text.endIndex else { break }
                let next = text.unicodeScalars.index(after: match.range.upperBound)
                result += text[match.range.upperBound..<next]
                last = next
                searchStart = next
            } else {
                searchStart = match.range.upperBound
            }
        }
        result += text[last...]
        return result
    }

    /// Go `Regexp.Expand`: `$n`, `${n}`, `$name`, `${name}`; `$$` is a dollar; unknown groups are empty.
    static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        var out = ""
        let scalars = Array(template.unicodeScalars)
        var i = 0
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c.properties.isAlphabetic) || (c.value >= 48 && c.value <= 57)
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "$", i + 1 < scalars.count else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            if scalars[i + 1] == "$" {
                out += "$"
                i += 2
                continue
            }
            var name = ""
            var j = i + 1
            if scalars[j] == "{" {
                j += 1
                while j < scalars.count, isNameScalar(scalars[j]) {
                    name.unicodeScalars.append(scalars[j])
                    j += 1
                }
                guard j < scalars.count, scalars[j] == "}", !name.isEmpty else {
                    out += "$"
                    i += 1
                    continue
                }
                j += 1
            } else {
                while j < scalars.count, isNameScalar(scalars[j]) {
                    name.unicodeScalars.append(scalars[j])
                    j += 1
                }
                if name.isEmpty {
                    out += "$"
                    i += 1
                    continue
                }
            }
            out += group(name, match)
            i = j
        }
        return out
    }

    private static func group(_ name: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        if let number = Int(name) {
            guard number < match.output.count, let sub = match.output[number].substring else { return "" }
            return String(sub)
        }
        if let element = match.output[name], let sub = element.substring { return String(sub) }
        return ""
    }
}
