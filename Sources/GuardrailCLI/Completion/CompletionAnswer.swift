/// One word the shell may insert, with the help text cobra shows next to it.
struct CompletionCandidate: Sendable, Hashable {
    /// The word itself.
    var value: String
    /// One short line; empty for none. Shown by zsh and fish, dropped by bash and `__completeNoDesc`.
    var description: String

    init(_ value: String, _ description: String = "") {
        self.value = value
        self.description = description
    }
}

/// Everything one completion request answers: candidates, ActiveHelp lines and the directive.
struct CompletionAnswer: Sendable, Equatable {
    /// The candidates, already filtered by the word being completed.
    var candidates: [CompletionCandidate]
    /// How the shell should treat the candidates.
    var directive: CobraDirective
    /// Hints shown to the user but never inserted (cobra's ActiveHelp).
    var activeHelp: [String]

    init(_ candidates: [CompletionCandidate] = [], directive: CobraDirective = .noFileComp, activeHelp: [String] = []) {
        self.candidates = candidates
        self.directive = directive
        self.activeHelp = activeHelp
    }

    /// The answer in cobra's `__complete` wire format: one `value<TAB>description` line per candidate,
    /// then `_activeHelp_ <text>` lines, then `:<directive>`.
    ///
    /// cobra `completions.go`: descriptions are cut at the first newline and dropped entirely for
    /// `__completeNoDesc`; ActiveHelp is suppressed when `<PROGRAM>_ACTIVE_HELP=0` or
    /// `COBRA_ACTIVE_HELP=0` (checked by the caller and passed in as `activeHelpEnabled`).
    func rendered(descriptions: Bool = true, activeHelpEnabled: Bool = true) -> String {
        var out = ""
        for candidate in candidates {
            out += Self.oneLine(candidate.value)
            let description = Self.oneLine(candidate.description)
            if descriptions, !description.isEmpty {
                out += "\t" + description
            }
            out += "\n"
        }
        if activeHelpEnabled {
            for help in activeHelp {
                out += "_activeHelp_ " + Self.oneLine(help) + "\n"
            }
        }
        out += ":\(directive.rawValue)\n"
        return out
    }

    /// The first line of `text`, tabs turned into spaces: a candidate must fit on one protocol line.
    private static func oneLine(_ text: String) -> String {
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return firstLine.replacingTabs()
    }
}

extension Substring {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
