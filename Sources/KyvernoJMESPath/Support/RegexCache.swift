import Synchronization

/// Compiled regular expressions by pattern: compiling costs far more than matching, and policies use the
/// same few patterns for every request.
final class RegexCache: Sendable {
    static let shared = RegexCache()

    /// `Regex<AnyRegexOutput>` is not declared `Sendable` only because its output type is not; a compiled
    /// regex is immutable (the standard library lowers its program once, atomically), so sharing it
    /// between threads is safe.
    private struct Compiled: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }

    private let storage = Mutex<[String: Compiled]>([:])

    func regex(_ pattern: String, compile: (String) throws(GoRegex.InvalidPattern) -> Regex<AnyRegexOutput>)
        throws(GoRegex.InvalidPattern) -> Regex<AnyRegexOutput>
    {
        if let cached = storage.withLock({ $0[pattern] }) { return cached.regex }
        let compiled = Compiled(regex: try compile(pattern))
        storage.withLock {
            if $0.count >= 1024 { $0.removeAll(keepingCapacity: true) }
            $0[pattern] = compiled
        }
        return compiled.regex
    }
}
