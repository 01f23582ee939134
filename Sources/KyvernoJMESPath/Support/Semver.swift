/// Semantic versions and ranges as `github.com/blang/semver/v4` (Kyverno's `semver_compare`) reads them.
public struct SemanticVersion: Sendable, Hashable, Comparable {
    /// The major version.
    public var major: UInt64
    /// The minor version.
    public var minor: UInt64
    /// The patch version.
    public var patch: UInt64
    /// Pre-release identifiers (`1.0.0-alpha.1` → `["alpha", "1"]`).
    public var prerelease: [String]

    /// A version.
    public init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    /// Strict parsing (`semver.Parse`): `MAJOR.MINOR.PATCH[-pre][+build]`, no leading zeros, no `v`.
    public init?(parsing text: String) {
        var rest = Substring(text)
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard !build.isEmpty,
                build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
                    !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                })
            else { return nil }
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let pre = rest[rest.index(after: dash)...]
            for part in pre.split(separator: ".", omittingEmptySubsequences: false) {
                guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
                else { return nil }
                if part.allSatisfy(\.isNumber), part.count > 1, part.first == "0" { return nil }
                prerelease.append(String(part))
            }
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { return nil }
        var values: [UInt64] = []
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }),
                number.count == 1 || number.first != "0", let value = UInt64(number)
            else { return nil }
            values.append(value)
        }
        self.init(major: values[0], minor: values[1], patch: values[2], prerelease: prerelease)
    }

    /// Semantic-version precedence: numbers first, then a pre-release sorts before the release.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        // A version without pre-release is greater than one with.
        if lhs.prerelease.isEmpty || rhs.prerelease.isEmpty {
            return !lhs.prerelease.isEmpty && rhs.prerelease.isEmpty
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (UInt64(a), UInt64(b)) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }
}

/// A version range (`semver.ParseRange`): comparisons joined by spaces (and) and `||` (or), e.g.
/// `>=1.0.0 <2.0.0 || >=3.0.0`, with wildcards `1.x`, `1.2.x`.
public struct SemanticVersionRange: Sendable {
    private enum Operator: Sendable { case eq, ne, gt, ge, lt, le }
    private struct Comparison: Sendable {
        var op: Operator
        var version: SemanticVersion
        func matches(_ v: SemanticVersion) -> Bool {
            switch op {
            case .eq: v == version
            case .ne: v != version
            case .gt: v > version
            case .ge: v >= version
            case .lt: v < version
            case .le: v <= version
            }
        }
    }
    /// Or of ands.
    private var alternatives: [[Comparison]]

    /// Parses a range; throws a message like blang's on invalid input.
    public init(parsing text: String) throws(GoParseError) {
        var alternatives: [[Comparison]] = []
        for part in SemanticVersionRange.split(text, by: "||") {
            var tokens = part.split(separator: " ").map(String.init)
            // An operator separated from its version by spaces (`>= 1.0.0`) belongs to the next token.
            var merged: [String] = []
            while !tokens.isEmpty {
                let token = tokens.removeFirst()
                if token.allSatisfy({ "<>=!".contains($0) }), !tokens.isEmpty {
                    merged.append(token + tokens.removeFirst())
                } else {
                    merged.append(token)
                }
            }
            guard !merged.isEmpty else { throw GoParseError(message: "Could not get version from string: \"\"") }
            var ands: [Comparison] = []
            var orsFromWildcard: [[Comparison]] = []
            for token in merged {
                let expanded = try SemanticVersionRange.comparisons(token)
                if expanded.count == 1 {
                    ands.append(contentsOf: expanded[0])
                } else {
                    orsFromWildcard = expanded
                }
            }
            if orsFromWildcard.isEmpty {
                alternatives.append(ands)
            } else {
                for alternative in orsFromWildcard { alternatives.append(ands + alternative) }
            }
        }
        self.alternatives = alternatives
    }

    /// Whether `version` is in the range.
    public func contains(_ version: SemanticVersion) -> Bool {
        alternatives.contains { $0.allSatisfy { $0.matches(version) } }
    }

    private static func split(_ text: String, by separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: separator) {
            current = String(rest[..<range.lowerBound])
            parts.append(current)
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// One token → alternatives of conjunctions (a `!=1.x` wildcard becomes an alternative of two).
    private static func comparisons(_ token: String) throws(GoParseError) -> [[Comparison]] {
        var op = Operator.eq
        var rest = Substring(token)
        for (prefix, candidate) in [
            (">=", Operator.ge), ("<=", .le), ("!=", .ne), ("==", .eq), (">", .gt), ("<", .lt), ("=", .eq),
            ("!", .ne),
        ] where rest.hasPrefix(prefix) {
            op = candidate
            rest = rest.dropFirst(prefix.count)
            break
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let isWildcard: (Substring) -> Bool = { $0 == "x" || $0 == "X" || $0 == "*" }
        if parts.count == 3, !isWildcard(parts[0]), isWildcard(parts[1]) || isWildcard(parts[2]) {
            guard let major = UInt64(parts[0]) else { throw invalid(token) }
            let minorWildcard = isWildcard(parts[1])
            guard minorWildcard ? isWildcard(parts[2]) : true else { throw invalid(token) }
            let minor = minorWildcard ? 0 : UInt64(parts[1])
            guard let minor else { throw invalid(token) }
            let low = SemanticVersion(major: major, minor: minor, patch: 0)
            let high =
                minorWildcard
                ? SemanticVersion(major: major + 1, minor: 0, patch: 0)
                : SemanticVersion(major: major, minor: minor + 1, patch: 0)
            switch op {
            case .eq: return [[Comparison(op: .ge, version: low), Comparison(op: .lt, version: high)]]
            case .ne: return [[Comparison(op: .lt, version: low)], [Comparison(op: .ge, version: high)]]
            case .gt: return [[Comparison(op: .ge, version: high)]]
            case .ge: return [[Comparison(op: .ge, version: low)]]
            case .lt: return [[Comparison(op: .lt, version: low)]]
            case .le: return [[Comparison(op: .lt, version: high)]]
            }
        }
        if parts.count == 2, isWildcard(parts[1]), let major = UInt64(parts[0]) {
            return try comparisons(String(token.dropLast(rest.count)) + "\(major).x.x")
        }
        guard let version = SemanticVersion(parsing: String(rest)) else { throw invalid(token) }
        return [[Comparison(op: op, version: version)]]
    }

    private static func invalid(_ token: String) -> GoParseError {
        GoParseError(message: "Could not parse Range \"\(token)\"")
    }
}
