import TestSupport

extension Subprocess {
    /// ``run(_:_:environment:)`` (which waits on a dedicated thread, off the cooperative pool), killed after
    /// `timeLimit` seconds through coreutils `timeout` when present, so a hanging child fails its test
    /// instead of stalling the suite.
    static func runOffPool(
        _ executable: String, _ arguments: [String], environment: [String: String], timeLimit: Int = 90
    ) async -> Result {
        if let timeout = findExecutable(["/usr/bin/timeout", "/bin/timeout"]) {
            return await run(
                timeout, ["-s", "KILL", String(timeLimit), executable] + arguments, environment: environment)
        }
        return await run(executable, arguments, environment: environment)
    }
}
