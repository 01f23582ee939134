import KubeConfig

/// What a command reads from and writes to the outside world: the terminal and the environment that
/// kubeconfig resolution sees. A task-local, so in-process tests run commands against captured output
/// and an in-memory environment while the executable uses the real ones.
///
/// ```swift
/// let (terminal, out, _) = Terminal.capturing()
/// let code = await GuardrailMain.execute(["whoami", "-o", "json"],
///                                        context: CommandContext(terminal: terminal, environment: env))
/// ```
public struct CommandContext: Sendable {
    public var terminal: Terminal
    public var environment: any KubeConfigEnvironment

    public init(terminal: Terminal, environment: any KubeConfigEnvironment) {
        self.terminal = terminal
        self.environment = environment
    }

    /// The real terminal and process environment.
    public static func system() -> CommandContext {
        let environment = SystemEnvironment()
        return CommandContext(terminal: .system(noColor: environment.variable("NO_COLOR") != nil), environment: environment)
    }

    /// The context commands run in; set by ``GuardrailMain/execute(_:context:)``.
    @TaskLocal public static var current: CommandContext = .system()
}
