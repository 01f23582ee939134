/// yaml_emitter_analyze_scalar: which styles can represent a string.
struct YAMLScalarAnalysis: Equatable {
    var multiline = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    /// `allowingShortcut: false` always runs the full analysis (tests compare both).
    init(_ value: [UInt8], allowingShortcut: Bool = true) {
        if value.isEmpty {
            blockPlainAllowed = true
            singleQuotedAllowed = true
            blockAllowed = false
            return
        }
        if allowingShortcut, Self.isSimpleWord(value) { return }  // every style allowed, not multiline: the defaults
        var blockIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false
        var precededByWhitespace = true

        if value.count >= 3,
            (value[0] == UInt8(ascii: "-") && value[1] == UInt8(ascii: "-") && value[2] == UInt8(ascii: "-"))
                || (value[0] == UInt8(ascii: ".") && value[1] == UInt8(ascii: ".") && value[2] == UInt8(ascii: "."))
        {
            blockIndicators = true
        }
        var i = 0
        while i < value.count {
            let w = YAMLEmitter.width(value[i])
            let followedByWhitespace = YAMLEmitter.isBlankOrEnd(value, i + w)
            let c = value[i]
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ":"):
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace { blockIndicators = true }
                default: break
                }
            }
            if !YAMLEmitter.isPrintable(value, i) { specialCharacters = true }
            if YAMLEmitter.isSpace(value, i) {
                if i == 0 { leadingSpace = true }
                if i + w == value.count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if YAMLEmitter.isBreak(value, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == value.count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = YAMLEmitter.isBlankOrEnd(value, i)
            i += w
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks { blockPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    /// Whether `value` holds only ASCII letters, digits, `_`, `/`, `-` and `.`, and does not start with `-`
    /// or `.`: most keys and values of Kubernetes objects (`apiVersion`, `ClusterPolicy`, `rule-12`). For
    /// those the full analysis finds nothing (no indicator, space, break or special character; `-` and `.`
    /// only matter first, as in `- `, `---` and `...`), so it is skipped.
    static func isSimpleWord(_ value: [UInt8]) -> Bool {
        guard let first = value.first, first != UInt8(ascii: "-"), first != UInt8(ascii: ".") else { return false }
        for byte in value {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "-"),
                UInt8(ascii: "."):
                continue
            default:
                return false
            }
        }
        return true
    }
}
