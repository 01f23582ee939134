import ArgumentParser

/// The root command: `kubectl guardrail`.
struct Guardrail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl guardrail",
        abstract: "Who does the cluster think I am, and may I do this — and if not, which rule stops me?",
        discussion: """
            kubectl's global flags (--context, --kubeconfig, -n, --as, …) work before or after the subcommand.

            Exit codes: 0 success (can-i: allowed), 1 can-i: denied, 2 could not evaluate (configuration, \
            credential, network or API error), 3 can-i: allowed unless the object is blocked, 64 usage error.
            """,
        subcommands: [WhoAmI.self, CanI.self, JP.self, Completion.self, CobraComplete.self]
    )

    /// Subcommand names by parent path, derived from the ArgumentParser configuration, for
    /// ``KubectlArguments/normalize(_:commands:)``.
    static let commandTree: KubectlArguments.CommandTree = {
        var tree: KubectlArguments.CommandTree = [:]
        func visit(_ command: any ParsableCommand.Type, path: [String]) {
            let children = command.configuration.subcommands
            guard !children.isEmpty else { return }
            var names = Set<String>()
            for child in children {
                let name = child.configuration.commandName ?? child._commandName
                names.insert(name)
                for alias in child.configuration.aliases { names.insert(alias) }
                visit(child, path: path + [name])
            }
            tree[path] = names
        }
        visit(Guardrail.self, path: [])
        return tree
    }()
}
