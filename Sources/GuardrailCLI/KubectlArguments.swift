/// kubectl passes a plugin every word after its name verbatim and refuses flags before it, so
/// `kubectl guardrail --context x whoami` reaches us with the global flag *before* the subcommand, and
/// users write pflag spellings ArgumentParser does not read (`-nfoo`, `-n=foo`,
/// `--insecure-skip-tls-verify=true`). ``normalize(_:)`` rewrites argv so that both
/// `kubectl guardrail --context x whoami` and `kubectl guardrail whoami --context x` parse the same.
///
/// Every part of the CLI that interprets argv — the parser in ``GuardrailMain`` and the shell-completion
/// helper — must go through this function so they agree.
public enum KubectlArguments {
    /// One kubectl global flag.
    public struct GlobalFlag: Sendable, Hashable {
        /// Long name without dashes (`context`).
        public var name: String
        /// Short name without the dash (`n`), if any.
        public var short: Character?
        /// Whether it takes a value (`--context NAME`) or is a boolean (`--insecure-skip-tls-verify`).
        public var takesValue: Bool
    }

    /// The global flags of ``GlobalOptions`` (cli-runtime `ConfigFlags` plus `-v`).
    public static let globalFlags: [GlobalFlag] = [
        .init(name: "kubeconfig", short: nil, takesValue: true),
        .init(name: "context", short: nil, takesValue: true),
        .init(name: "cluster", short: nil, takesValue: true),
        .init(name: "user", short: nil, takesValue: true),
        .init(name: "namespace", short: "n", takesValue: true),
        .init(name: "server", short: "s", takesValue: true),
        .init(name: "token", short: nil, takesValue: true),
        .init(name: "certificate-authority", short: nil, takesValue: true),
        .init(name: "client-certificate", short: nil, takesValue: true),
        .init(name: "client-key", short: nil, takesValue: true),
        .init(name: "insecure-skip-tls-verify", short: nil, takesValue: false),
        .init(name: "tls-server-name", short: nil, takesValue: true),
        .init(name: "request-timeout", short: nil, takesValue: true),
        .init(name: "as", short: nil, takesValue: true),
        .init(name: "as-group", short: nil, takesValue: true),
        .init(name: "as-uid", short: nil, takesValue: true),
        .init(name: "v", short: "v", takesValue: true),
    ]

    /// The subcommand words, by parent path (`[]` is the root); the default is guardrail's command tree.
    public typealias CommandTree = [[String]: Set<String>]

    /// Rewrites argv (without argv[0]) so global flags written before the subcommand come right after it,
    /// and pflag spellings become ArgumentParser's: `-nfoo`/`-n=foo` → `-n foo`,
    /// `--insecure-skip-tls-verify=true` → `--insecure-skip-tls-verify` (`=false` → dropped).
    /// Words after `--` are left alone.
    ///
    /// ```swift
    /// KubectlArguments.normalize(["--context", "x", "whoami", "-nkube-system"])
    /// // ["whoami", "--context", "x", "-n", "kube-system"]
    /// ```
    public static func normalize(_ arguments: [String], commands: CommandTree? = nil) -> [String] {
        let tree = commands ?? Guardrail.commandTree
        var words: [String] = []
        var terminator: [String] = []
        for (i, word) in arguments.enumerated() {
            if word == "--" {
                terminator = Array(arguments[i...])
                break
            }
            words += split(word)
        }

        // Collect leading global flags (with their values) and the subcommand path after them.
        var hoisted: [String] = []
        var i = 0
        var path: [String] = []
        var rest: [String] = []
        while i < words.count {
            let word = words[i]
            if let flag = globalFlag(for: word) {
                hoisted.append(word)
                if flag.takesValue && !word.contains("=") && i + 1 < words.count {
                    hoisted.append(words[i + 1])
                    i += 1
                }
                i += 1
                continue
            }
            if let children = tree[path], children.contains(word) {
                path.append(word)
                i += 1
                continue
            }
            rest = Array(words[i...])
            break
        }
        guard !path.isEmpty else { return hoisted + rest + terminator }
        return path + hoisted + rest + terminator
    }

    /// The global flag a word names (`--context`, `--context=x`, `-n`), if any.
    public static func globalFlag(for word: String) -> GlobalFlag? {
        if word.hasPrefix("--") {
            let name = word.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return globalFlags.first { $0.name == name }
        }
        if word.hasPrefix("-"), word.count == 2, let letter = word.dropFirst().first {
            return globalFlags.first { $0.short == letter }
        }
        return nil
    }

    /// pflag spellings → ArgumentParser's, one word at a time.
    private static func split(_ word: String) -> [String] {
        if word.hasPrefix("--") {
            let parts = word.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let flag = globalFlags.first(where: { $0.name == parts[0] }) else { return [word] }
            if !flag.takesValue {
                // pflag booleans accept =true/=false (strconv.ParseBool spellings).
                switch parts[1].lowercased() {
                case "true", "t", "1": return ["--" + flag.name]
                case "false", "f", "0": return []
                default: return [word]
                }
            }
            return ["--" + flag.name, String(parts[1])]
        }
        // -nfoo / -n=foo for short global flags that take a value.
        if word.hasPrefix("-"), word.count > 2, let letter = word.dropFirst().first,
            globalFlags.contains(where: { $0.short == letter && $0.takesValue })
        {
            var value = word.dropFirst(2)
            if value.first == "=" { value = value.dropFirst() }
            return ["-" + String(letter), String(value)]
        }
        return [word]
    }
}
