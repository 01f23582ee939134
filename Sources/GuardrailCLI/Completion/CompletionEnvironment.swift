import KubeConfig

/// Process settings that change how completion answers.
enum CompletionEnvironment {
    /// cobra `active_help.go`: ActiveHelp is off when `COBRA_ACTIVE_HELP=0` or the program's own
    /// `<PROGRAM>_ACTIVE_HELP=0`. kubectl's is `KUBECTL_ACTIVE_HELP`; ours, for direct use of the
    /// binary, `KUBECTL_GUARDRAIL_ACTIVE_HELP`.
    static func activeHelpEnabled(_ environment: any KubeConfigEnvironment) -> Bool {
        !["COBRA_ACTIVE_HELP", "KUBECTL_ACTIVE_HELP", "KUBECTL_GUARDRAIL_ACTIVE_HELP"].contains {
            environment.variable($0) == "0"
        }
    }
}

extension CompletionEngine {
    /// The engine over the real command tree, kubeconfig and caches.
    static func live(environment: any KubeConfigEnvironment = SystemEnvironment()) -> CompletionEngine {
        CompletionEngine(
            root: CommandTreeReader.read(toolInfoJSON: Guardrail._dumpHelp())
                ?? CommandNode(
                    name: "kubectl-guardrail", abstract: "", isHidden: false, subcommands: [],
                    options: [], positionals: []),
            globalOptions: CommandTreeReader.options(toolInfoJSON: GlobalOptions._dumpHelp()),
            dataSource: LiveCompletionDataSource(environment: environment))
    }
}
