import GuardrailCore
import JMESPath

/// Kyverno's string functions (`pkg/engine/jmespath/functions.go`), with Go `strings` semantics
/// (byte-wise comparison, rune-wise trimming and splitting).
enum StringFunctions {
    static let all: [JMESPath.Function] = [
        F("compare", [P(.string), P(.string)]) { args, _ in
            let (a, b) = (args[0].string, args[1].string)
            return .int(a == b ? 0 : (a.bytePrecedes(b) ? -1 : 1))
        },
        F("equal_fold", [P(.string), P(.string)]) { args, _ in
            .bool(foldCase(args[0].string) == foldCase(args[1].string))
        },
        F("replace", [P(.string), P(.string), P(.string), P(.number)]) { args, _ in
            let limit = Int(exactly: args[3].number.rounded(.towardZero)) ?? -1
            return .string(replace(args[0].string, args[1].string, args[2].string, limit: limit))
        },
        F("replace_all", [P(.string), P(.string), P(.string)]) { args, _ in
            .string(replace(args[0].string, args[1].string, args[2].string, limit: -1))
        },
        F("to_upper", [P(.string)]) { args, _ in .string(mapScalars(args[0].string, upper: true)) },
        F("to_lower", [P(.string)]) { args, _ in .string(mapScalars(args[0].string, upper: false)) },
        F("trim", [P(.string), P(.string)]) { args, _ in .string(trim(args[0].string, cutset: args[1].string)) },
        F("trim_prefix", [P(.string), P(.string)]) { args, _ in
            let (s, prefix) = (args[0].string, args[1].string)
            guard s.hasBytePrefix(prefix) else { return .string(s) }
            return .string(String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
        },
        F("split", [P(.string), P(.string)]) { args, _ in
            .array(split(args[0].string, separator: args[1].string).map(JSONValue.string))
        },
        F("truncate", [P(.string), P(.number)]) { args, _ in
            // github.com/aquilax/truncate with CutStrategy: keep the first N runes.
            let length = max(0, Int(exactly: args[1].number.rounded(.towardZero)) ?? 0)
            let scalars = args[0].string.unicodeScalars
            guard scalars.count > length else { return args[0].json }
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars.prefix(length))
            return .string(String(result))
        },
        F("to_boolean", [P(.string)]) { args, _ throws(JMESPathError) in
            switch args[0].string.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                throw KyvernoFunctionError.failure(
                    "to_boolean",
                    "lowercase argument must be 'true' or 'false' (provided: '\(args[0].string)')")
            }
        },
        F("path_canonicalize", [P(.string)]) { args, _ in .string(GoPath.join(args[0].string)) },
        F("pattern_match", [P(.string), P(.string, .number)]) { args, _ throws(JMESPathError) in
            guard let text = kyvernoString(args[1].json) else {
                throw KyvernoFunctionError.invalidType("pattern_match", argument: 2, "String or Real")
            }
            return .bool(Wildcard.match(args[0].string, text))
        },
    ]

    /// Go `strings.Replace(s, old, new, n)`; `n < 0` replaces all; an empty `old` matches before every rune.
    static func replace(_ s: String, _ old: String, _ new: String, limit: Int) -> String {
        if limit == 0 || old == new { return s }
        if old.isEmpty {
            var out = ""
            var count = 0
            for scalar in s.unicodeScalars {
                if limit < 0 || count < limit {
                    out += new
                    count += 1
                }
                out.unicodeScalars.append(scalar)
            }
            if limit < 0 || count < limit { out += new }
            return out
        }
        let bytes = Array(s.utf8)
        let needle = Array(old.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var count = 0
        while i < bytes.count {
            if limit < 0 || count < limit, i + needle.count <= bytes.count, bytes[i] == needle[0],
                Array(bytes[i..<(i + needle.count)]) == needle
            {
                out.append(contentsOf: new.utf8)
                i += needle.count
                count += 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go `strings.Split`: all pieces, empty ones included; an empty separator splits into runes.
    static func split(_ s: String, separator: String) -> [String] {
        if separator.isEmpty { return s.unicodeScalars.map { String($0) } }
        let bytes = Array(s.utf8)
        let needle = Array(separator.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// Go `strings.Trim`: removes leading and trailing runes that occur in `cutset`.
    static func trim(_ s: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        var scalars = Array(s.unicodeScalars)[...]
        while let first = scalars.first, cut.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, cut.contains(last) { scalars = scalars.dropLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Go `strings.ToUpper`/`ToLower`: per-rune simple case mapping (multi-rune mappings such as
    /// `ß` → `SS` are left alone, as Go's `unicode.ToUpper` does).
    static func mapScalars(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let mapped = upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            let mappedScalars = mapped.unicodeScalars
            if mappedScalars.count == 1 {
                out.append(mappedScalars.first!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Go `strings.EqualFold` compares simple case folds rune by rune.
    static func foldCase(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let folded = scalar.properties.lowercaseMapping.unicodeScalars
            if folded.count == 1 { out.append(folded.first!) } else { out.append(scalar) }
        }
        return String(out)
    }
}
