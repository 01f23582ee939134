import GuardrailCore

/// Why a substitution could not produce a value.
enum SubstitutionFailure: Error, Sendable, Hashable {
    /// Kyverno would report this error text (e.g. `failed to resolve x at path : JMESPath query failed: …`).
    case error(String)
    /// The value depends on parts of the request that were not supplied (the listed expressions).
    case unknown(Set<String>)
}

/// Kyverno variable substitution (pkg/engine/variables/vars.go, regex/vars.go).
///
/// * A variable is `{{ … }}` not preceded by `\`, whose body contains no braces except single-level
///   `{…}` groups (regex `(^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})`).
/// * Inner variables resolve first and the text is rescanned until no variable remains (nesting).
/// * A string that is exactly one variable keeps the value's JSON type; otherwise strings are inserted
///   verbatim and other values JSON-encoded (Go encoding: sorted keys, HTML-escaped).
/// * `{{- expr }}` is shallow: `{{` in its result is escaped and not expanded again.
/// * `\{{` is an escape: it stays as literal `{{` with the backslash removed.
/// * On DELETE every `request.object` in an expression reads `request.oldObject`.
/// * A failed lookup fails the whole substitution: `failed to resolve <expr> at path <path>: <error>`.
struct VariableSubstitution {
    var context: JSONValue
    var evaluator: any ExpressionEvaluator
    var now: Double
    var isDelete: Bool
    /// Expression prefixes whose values were not supplied (`request.object`, `request.oldObject`).
    var unknownRoots: [String]

    /// Substitutes in every string of a JSON document (object keys are left alone).
    func substituteAll(_ value: JSONValue, path: String = "") throws(SubstitutionFailure) -> JSONValue {
        switch value {
        case .string(let s):
            return try substitute(s, path: path)
        case .array(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { result.append(try substituteAll(item, path: "\(path)/\(i)")) }
            return .array(result)
        case .object(let object):
            var result = JSONObject()
            for entry in object { result[entry.key] = try substituteAll(entry.value, path: "\(path)/\(entry.key)") }
            return .object(result)
        default:
            return value
        }
    }

    /// Substitutes the variables of one string.
    func substitute(_ text: String, path: String) throws(SubstitutionFailure) -> JSONValue {
        var current = text
        var iterations = 0
        outer: while true {
            let variables = VariableScanner.find(in: current)
            guard !variables.isEmpty else { break }
            iterations += 1
            if iterations > 100 { throw .error("failed to resolve variables at path \(path): too many nesting levels") }
            var unknown = Set<String>()
            // Replace from the end so earlier ranges stay valid.
            var replaced = current
            for variable in variables.reversed() {
                let shallow = variable.body.hasPrefix("-")
                var expression = (shallow ? String(variable.body.dropFirst()) : variable.body)
                    .trimmingCharacters(in: " ")
                if isDelete {
                    expression = expression.replacingOccurrences(of: "request.object", with: "request.oldObject")
                }
                if !unknownRoots.isEmpty && unknownRoots.contains(where: { Self.containsBytes(expression, $0) }) {
                    unknown.insert(expression)
                    continue
                }
                let value: JSONValue
                do {
                    value = try evaluator.evaluate(expression, on: context, now: now)
                } catch {
                    throw .error("failed to resolve \(expression) at path \(path): JMESPath query failed: \(error)")
                }
                // A string that is exactly one variable keeps the value's type.
                if variables.count == 1 && variable.range == current.startIndex..<current.endIndex {
                    if case .string(let s) = value {
                        if shallow { return .string(s.replacingOccurrences(of: "{{", with: "\\{{")) }
                        if VariableScanner.find(in: s).isEmpty { return .string(Self.unescape(s)) }
                        current = s
                        continue outer
                    }
                    return value
                }
                var inserted: String
                if case .string(let s) = value {
                    inserted = s
                } else {
                    inserted = JSONWriter(options: .init(escapeHTML: true, sortKeys: true)).string(from: value)
                }
                if shallow { inserted = inserted.replacingOccurrences(of: "{{", with: "\\{{") }
                replaced.replaceSubrange(variable.range, with: inserted)
            }
            if !unknown.isEmpty { throw .unknown(unknown) }
            if replaced == current { break }
            current = replaced
        }
        return .string(Self.unescape(current))
    }

    /// Byte-wise substring test (faster than the generic `contains` for these short ASCII needles).
    static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        guard n.count <= h.count, let first = n.first else { return n.isEmpty }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == first && h[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\{{", with: "{{")
    }
}

/// Finds `{{ … }}` variables the way Kyverno's regex does.
enum VariableScanner {
    struct Variable {
        var range: Range<String.Index>
        /// The text between the braces.
        var body: String
    }

    static func find(in text: String) -> [Variable] {
        guard text.contains("{{") else { return [] }
        var result: [Variable] = []
        var index = text.startIndex
        var previous: Character? = nil
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "{", next < text.endIndex, text[next] == "{", previous != "\\",
                let end = scanBody(text, from: text.index(after: next))
            {
                let bodyStart = text.index(index, offsetBy: 2)
                let bodyEnd = text.index(end, offsetBy: -2)
                result.append(Variable(range: index..<end, body: String(text[bodyStart..<bodyEnd])))
                previous = "}"
                index = end
                continue
            }
            previous = text[index]
            index = next
        }
        return result
    }

    /// Scans `(?:\{[^{}]*\}|[^{}])*\}\}` from `start`; returns the index after the closing braces.
    private static func scanBody(_ text: String, from start: String.Index) -> String.Index? {
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if c == "}" {
                let j = text.index(after: i)
                if j < text.endIndex && text[j] == "}" {
                    // Greedy regex: prefer extending with a `{…}` group only when it started one; a bare `}}`
                    // ends the variable.
                    return text.index(after: j)
                }
                return nil
            }
            if c == "{" {
                var j = text.index(after: i)
                while j < text.endIndex && text[j] != "}" && text[j] != "{" { j = text.index(after: j) }
                guard j < text.endIndex, text[j] == "}" else { return nil }
                i = text.index(after: j)
                continue
            }
            i = text.index(after: i)
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first == "\t" || s.first == "\n" { s = s.dropFirst() }
        while s.last == set || s.last == "\t" || s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
