/// The one place commands print through: stdout, stderr, and whether colour may be used.
///
/// Commands get it from ``CommandContext/current`` — the real terminal in the executable, a capturing one
/// in tests:
/// ```swift
/// let terminal = CommandContext.current.terminal
/// terminal.print("Username  \(terminal.style.bold(name))")
/// terminal.printError("context \"x\" does not exist")   // → stderr: error: context "x" does not exist
/// ```
public struct Terminal: Sendable {
    public var standardOutput: any TextSink
    public var standardError: any TextSink
    /// Colour for stdout: only on a terminal, never with `NO_COLOR` set (https://no-color.org).
    public var style: TextStyle
    /// Colour for stderr, same rules.
    public var errorStyle: TextStyle

    public init(standardOutput: any TextSink, standardError: any TextSink, colorOutput: Bool = false, colorErrors: Bool = false) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.style = TextStyle(enabled: colorOutput)
        self.errorStyle = TextStyle(enabled: colorErrors)
    }

    /// The process's stdout and stderr; colour when each is a TTY and `NO_COLOR` is not set.
    public static func system(noColor: Bool) -> Terminal {
        let out = FileDescriptorSink(descriptor: 1)
        let err = FileDescriptorSink(descriptor: 2)
        return Terminal(
            standardOutput: out, standardError: err, colorOutput: !noColor && out.isTerminal,
            colorErrors: !noColor && err.isTerminal)
    }

    /// A terminal that records what is printed, and the two buffers.
    public static func capturing(color: Bool = false) -> (terminal: Terminal, output: CapturingSink, errors: CapturingSink) {
        let out = CapturingSink()
        let err = CapturingSink()
        return (Terminal(standardOutput: out, standardError: err, colorOutput: color, colorErrors: color), out, err)
    }

    /// Writes `text` and a newline to stdout.
    public func print(_ text: String = "") {
        standardOutput.write(text + "\n")
    }

    /// Writes `text` to stdout exactly (documents that end in their own newline).
    public func write(_ text: String) {
        standardOutput.write(text)
    }

    /// `error: message` (and `hint` lines) on stderr — the project's one-line error format.
    public func printError(_ message: String, hint: String? = nil) {
        var text = errorStyle.red("error:") + " " + ControlCharacterEscaping.escape(message) + "\n"
        if let hint { text += errorStyle.dim("hint:") + " " + ControlCharacterEscaping.escape(hint) + "\n" }
        standardError.write(text)
    }

    /// `Warning: message` on stderr (kubectl's prefix for server warnings).
    public func printWarning(_ message: String) {
        standardError.write(errorStyle.yellow("Warning:") + " " + ControlCharacterEscaping.escape(message) + "\n")
    }
}

/// ANSI styling that turns itself off when colour is not allowed.
public struct TextStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
}
