extension StringProtocol {
    /// Replaces every occurrence of `target` (no Foundation), e.g. to fill `{url}` placeholders in fixtures.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
