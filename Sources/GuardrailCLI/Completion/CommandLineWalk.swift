/// What the words before the cursor say: which command we are in, which options were given (with
/// their values) and which positional words were typed.
///
/// kubectl hands a plugin's completer every word after the plugin name, its own global flags included
/// and in any position (`kubectl guardrail --context prod can-i get <TAB>` runs
/// `kubectl_complete-guardrail --context prod can-i get ""`), so global options are recognised before
/// the subcommand as well as after it — the same rule the CLI applies when it runs a command.
struct CommandLineWalk: Sendable {
    /// The commands from the root down to the one the cursor is in.
    var path: [CommandNode]
    /// Values of the options given so far, by canonical name (`--namespace` for `-n`).
    var optionValues: [String: [String]] = [:]
    /// Canonical names of every option and flag given so far.
    var usedOptions: Set<String> = []
    /// Positional words of the current command, in order.
    var positionals: [String] = []
    /// The option whose value is being typed (`--context <TAB>`).
    var pendingOption: CompletableOption?
    /// Whether `--` was seen: everything after it is positional.
    var afterTerminator = false

    /// The command the cursor is in.
    var command: CommandNode { path[path.count - 1] }

    /// The names of the commands from the root, without the root: `["can-i"]`.
    var commandNames: [String] { path.dropFirst().map(\.name) }

    /// The last value given for an option, by canonical name.
    func value(of canonicalName: String) -> String? {
        optionValues[canonicalName]?.last
    }

    /// Walks `words` (everything before the word being completed) from `root`.
    /// `globalOptions` are accepted at every level, before and after subcommands.
    init(root: CommandNode, globalOptions: [CompletableOption], words: [String]) {
        path = [root]
        for word in words {
            consume(word, globalOptions: globalOptions)
        }
    }

    /// The option spelled `name` in the current command or among the global options.
    func option(named name: String, globalOptions: [CompletableOption]) -> CompletableOption? {
        command.option(named: name) ?? globalOptions.first { $0.names.contains(name) }
    }

    private mutating func consume(_ word: String, globalOptions: [CompletableOption]) {
        if let pending = pendingOption {
            record(pending, value: word)
            pendingOption = nil
            return
        }
        if afterTerminator || !Self.looksLikeOption(word) {
            if positionals.isEmpty, let sub = command.subcommand(named: word) {
                path.append(sub)
            } else {
                positionals.append(word)
            }
            return
        }
        if word == "--" {
            afterTerminator = true
            return
        }
        if word.hasPrefix("--") {
            // --name or --name=value
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard let option = option(named: name, globalOptions: globalOptions) else { return }
            if option.takesValue {
                if parts.count == 2 { record(option, value: String(parts[1])) } else { pendingOption = option }
            } else {
                usedOptions.insert(option.canonicalName)
            }
            return
        }
        // -n, -nvalue, -n=value (pflag accepts all three), or a cluster of boolean shorthands.
        let short = "-" + String(word.dropFirst().prefix(1))
        guard let option = option(named: short, globalOptions: globalOptions) else { return }
        if option.takesValue {
            var rest = word.dropFirst(2)
            if rest.hasPrefix("=") { rest = rest.dropFirst() }
            if rest.isEmpty { pendingOption = option } else { record(option, value: String(rest)) }
        } else {
            usedOptions.insert(option.canonicalName)
        }
    }

    private mutating func record(_ option: CompletableOption, value: String) {
        usedOptions.insert(option.canonicalName)
        optionValues[option.canonicalName, default: []].append(value)
    }

    /// `-x`, `--x`, `--`; not `-` alone (stdin) and not negative numbers.
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let second = word[word.index(after: word.startIndex)]
        return !second.isNumber
    }
}
