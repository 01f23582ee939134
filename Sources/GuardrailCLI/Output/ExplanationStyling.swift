import Identity

/// Styles the Identity module's explanation lines for the terminal: values bold, code cyan, glosses dim,
/// warnings yellow — all of it only when colour is allowed (``TextStyle``).
enum ExplanationStyling {
    static func render(_ lines: [ExplanationLine], style: TextStyle, indent: String = "  ") -> [String] {
        let width = max(ExplanationRenderer.labelWidth, (lines.map(\.label.count).max() ?? 0) + 2)
        return lines.map { line in
            var text = ""
            for span in line.spans {
                // Span texts quote server data (usernames, groups, ARNs): no control characters through.
                let spanText = ControlCharacterEscaping.escape(span.text)
                switch span.style {
                case .plain: text += spanText
                case .value: text += style.bold(spanText)
                case .code: text += style.cyan(spanText)
                case .muted: text += style.dim(spanText)
                }
            }
            var label = line.label
            switch line.severity {
            case .warning, .critical: label = style.yellow(label)
            default: label = style.dim(label)
            }
            let padding = String(repeating: " ", count: max(1, width - line.label.count))
            return trimTrailingSpaces(indent + label + padding + text)
        }
    }

    private static func trimTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
