/// Byte-wise string operations, as Go's `strings` package does them.
///
/// Swift's `String` compares by canonical equivalence; Go (and so JMESPath in Kyverno) compares UTF-8
/// bytes. These helpers keep sorting and searching byte-exact.
extension String {
    /// Whether `other` occurs in this string, comparing UTF-8 bytes (Go `strings.Contains`).
    package func containsBytes(_ other: String) -> Bool {
        byteRange(of: other) != nil
    }

    /// Go `strings.HasPrefix`.
    package func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Go `strings.HasSuffix`.
    package func hasByteSuffix(_ suffix: String) -> Bool {
        let n = suffix.utf8.count
        guard n <= utf8.count else { return false }
        return utf8.suffix(n).elementsEqual(suffix.utf8)
    }

    /// Byte-wise ordering (Go string comparison).
    package func bytePrecedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// The byte offsets of the first occurrence of `other`.
    package func byteRange(of other: String, from start: Int = 0) -> Range<Int>? {
        let haystack = Array(utf8)
        let needle = Array(other.utf8)
        if needle.isEmpty { return start..<start }
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i..<(i + needle.count) }
            }
            i += 1
        }
        return nil
    }
}
