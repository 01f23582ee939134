import GuardrailCore

/// An option or flag of a command, as the completer needs it.
struct CompletableOption: Sendable, Hashable {
    /// All spellings with their dashes: `["-n", "--namespace"]`.
    var names: [String]
    /// Whether a value follows (`--context NAME`), as opposed to a flag (`--insecure-skip-tls-verify`).
    var takesValue: Bool
    /// Whether it may be given more than once (`--as-group`), so it is offered again after use.
    var isRepeating: Bool
    /// One-line help.
    var abstract: String
    /// The closed set of values, when ArgumentParser knows one (`-o json|yaml|table`).
    var allowedValues: [String]
    /// ArgumentParser's file-completion hint: the extensions to filter by, or `nil` when not a file.
    var fileExtensions: [String]?
    /// Whether the value is a directory.
    var isDirectory: Bool
    /// Hidden options are accepted but never offered.
    var isHidden: Bool = false
    /// ArgumentParser's value name (`file`, `dir|file`, `FILE`), which tells file-valued options apart.
    var valueName: String = ""

    /// The long spelling when there is one (`--namespace`), the key value providers are chosen by.
    var canonicalName: String {
        names.first(where: { $0.hasPrefix("--") }) ?? names.first ?? ""
    }
}

/// A positional argument of a command.
struct CompletablePositional: Sendable, Hashable {
    /// ArgumentParser's value name (`words`, `expression`).
    var valueName: String
    /// Whether it swallows every remaining word.
    var isRepeating: Bool
    /// The closed set of values, when known.
    var allowedValues: [String]
    /// One-line help.
    var abstract: String
}

/// One command of the `kubectl guardrail` tree, reduced to what completion needs.
struct CommandNode: Sendable, Hashable {
    /// The name typed on the command line (`can-i`).
    var name: String
    /// One-line help.
    var abstract: String
    /// Hidden commands (`__complete`) are never offered.
    var isHidden: Bool
    /// Subcommands, in declaration order.
    var subcommands: [CommandNode]
    /// Options and flags, including `-h/--help`.
    var options: [CompletableOption]
    /// Positional arguments in order.
    var positionals: [CompletablePositional]

    /// The subcommand typed as `word`, if any.
    func subcommand(named word: String) -> CommandNode? {
        subcommands.first { $0.name == word }
    }

    /// Subcommand names by parent path, the shape ``KubectlArguments/normalize(_:commands:)`` takes.
    var kubectlCommandTree: KubectlArguments.CommandTree {
        var tree: KubectlArguments.CommandTree = [:]
        func visit(_ node: CommandNode, path: [String]) {
            guard !node.subcommands.isEmpty else { return }
            tree[path] = Set(node.subcommands.map(\.name))
            for child in node.subcommands { visit(child, path: path + [child.name]) }
        }
        visit(self, path: [])
        return tree
    }

    /// The option spelled `name` (`-n`, `--namespace`).
    func option(named name: String) -> CompletableOption? {
        options.first { $0.names.contains(name) }
    }
}

/// Builds the completion model from ArgumentParser's ToolInfo JSON (`_dumpHelp()`), so that every flag
/// and subcommand other parts of the CLI declare is offered without being listed twice.
enum CommandTreeReader {
    /// Reads the `command` of a ToolInfo document.
    static func read(toolInfoJSON: String) -> CommandNode? {
        guard let document = try? JSONParser.parse(toolInfoJSON), let command = document["command"] else {
            return nil
        }
        return node(command)
    }

    /// Reads only the options of a ToolInfo document (for an option group such as `GlobalOptions`).
    static func options(toolInfoJSON: String) -> [CompletableOption] {
        read(toolInfoJSON: toolInfoJSON)?.options ?? []
    }

    private static func node(_ command: JSONValue) -> CommandNode {
        var options: [CompletableOption] = []
        var positionals: [CompletablePositional] = []
        for argument in command["arguments"]?.arrayValue ?? [] {
            let kind = argument["kind"]?.stringValue ?? ""
            let abstract = argument["abstract"]?.stringValue ?? ""
            let allowed = (argument["allValues"]?.arrayValue ?? []).compactMap(\.stringValue)
            let repeating = argument["isRepeating"]?.boolValue ?? false
            if kind == "positional" {
                positionals.append(
                    CompletablePositional(
                        valueName: argument["valueName"]?.stringValue ?? "",
                        isRepeating: repeating,
                        allowedValues: allowed,
                        abstract: abstract))
                continue
            }
            let names = (argument["names"]?.arrayValue ?? []).compactMap { name -> String? in
                guard let text = name["name"]?.stringValue else { return nil }
                switch name["kind"]?.stringValue {
                case "long": return "--" + text
                case "short", "longWithSingleDash": return "-" + text
                default: return nil
                }
            }
            guard !names.isEmpty else { continue }
            // ToolInfo encodes the enum `CompletionKindV0` as `{"file": {"extensions": [...]}}` etc.
            let completion = argument["completionKind"]
            let fileExtensions = completion?["file"].map {
                ($0["extensions"]?.arrayValue ?? []).compactMap(\.stringValue)
            }
            options.append(
                CompletableOption(
                    names: names.sorted { $0.count < $1.count },
                    takesValue: kind == "option",
                    isRepeating: repeating,
                    abstract: abstract,
                    allowedValues: allowed,
                    fileExtensions: fileExtensions,
                    isDirectory: completion?["directory"] != nil,
                    isHidden: !(argument["shouldDisplay"]?.boolValue ?? true),
                    valueName: argument["valueName"]?.stringValue ?? ""))
        }
        let subcommands = (command["subcommands"]?.arrayValue ?? []).map(node)
        return CommandNode(
            name: command["commandName"]?.stringValue ?? "",
            abstract: command["abstract"]?.stringValue ?? "",
            isHidden: !(command["shouldDisplay"]?.boolValue ?? true),
            subcommands: subcommands,
            options: options,
            positionals: positionals)
    }
}
