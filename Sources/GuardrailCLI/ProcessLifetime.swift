import Synchronization

/// Lets a command hand its large data to the process instead of freeing it.
///
/// The executable ends with `_exit` (GuardrailMain.run), so memory still referenced at that point is
/// returned to the kernel wholesale. Freeing a parsed 1,000-policy list and the engine state built from
/// it node by node cost ~10 % of `can-i`'s CPU time, for nothing. Only the real process opts in
/// (ProcessStartup): in-process test runs execute many commands and must not accumulate their data.
enum ProcessLifetime {
    private static let keepsData = Atomic<Bool>(false)
    private static let kept = Mutex<[Any]>([])

    /// Called once by the executable before the command runs.
    static func endWithoutTeardown() {
        keepsData.store(true, ordering: .relaxed)
    }

    /// Keeps `value` referenced until the process exits, when the process opted in; otherwise does nothing
    /// (the value is freed as usual when the caller lets go of it).
    static func keepUntilExit(_ value: some Sendable) {
        guard keepsData.load(ordering: .relaxed) else { return }
        kept.withLock { $0.append(value) }
    }
}
