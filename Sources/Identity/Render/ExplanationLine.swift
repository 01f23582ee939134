/// One line of the plain-language explanation: a label column and styled text. The CLI decides how
/// styles and severities look (colour only on a TTY, none with `NO_COLOR`); ``plainText(labelWidth:)``
/// is the uncoloured form.
public struct ExplanationLine: Sendable, Hashable {
    /// The label column (`Identity`, `  account`, `Groups`); empty on continuation lines.
    public var label: String
    /// The text, in styled runs.
    public var spans: [ExplanationSpan]
    /// How much attention the line deserves.
    public var severity: Severity

    /// A line from plain values.
    public init(label: String, spans: [ExplanationSpan], severity: Severity = .info) {
        self.label = label
        self.spans = spans
        self.severity = severity
    }

    /// The text without the label.
    public var text: String { spans.map(\.text).joined() }

    /// `label` padded to `labelWidth` (at least one space after it), then the text; no trailing spaces.
    public func plainText(labelWidth: Int = ExplanationRenderer.labelWidth) -> String {
        let padding = max(1, labelWidth - label.count)
        let line = label + String(repeating: " ", count: padding) + text
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
        return String(line[..<end])
    }
}

/// A run of text with a styling hint.
public struct ExplanationSpan: Sendable, Hashable {
    /// How a span should look; the CLI maps styles to terminal attributes.
    public enum Style: String, Sendable, Hashable {
        /// Ordinary prose.
        case plain
        /// A value from the identity (names, ARNs, ids): worth emphasis.
        case value
        /// A template, command or Kubernetes object reference: monospace-ish / distinct colour.
        case code
        /// A gloss in parentheses or after a dash: dimmed.
        case muted
    }

    /// The text, without ANSI codes.
    public var text: String
    /// The styling hint.
    public var style: Style

    /// A span.
    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}
