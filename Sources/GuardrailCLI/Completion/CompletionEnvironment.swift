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

extension CompletionEnvironment {
    /// The network time budget: `GUARDRAIL_COMPLETION_TIMEOUT` in seconds (e.g. `2` or `0.5`, for slow
    /// links or slow exec credential plugins), else 0.8 s.
    static func budget(_ environment: any KubeConfigEnvironment) -> Duration {
        guard let text = environment.variable("GUARDRAIL_COMPLETION_TIMEOUT"), let seconds = Double(text),
            seconds > 0, seconds <= 60
        else { return .milliseconds(800) }
        return .milliseconds(Int(seconds * 1000))
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
            dataSource: LiveCompletionDataSource(environment: environment),
            budget: CompletionEnvironment.budget(environment))
    }
}
