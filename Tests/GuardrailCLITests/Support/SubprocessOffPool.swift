#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs blocking work (posix_spawn + waitpid) on a fresh detached pthread and resumes the caller when it is
/// done. The test suite shares a cooperative pool of only a couple of threads; blocking one of them in
/// `waitpid` for a second starves every other async test, so subprocess tests must come through here.
func onDedicatedThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
        let job = DedicatedThreadJob { continuation.resume(returning: work()) }
        let unmanaged = Unmanaged.passRetained(job)
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let created = pthread_create(&thread, nil, { raw in
            let job = Unmanaged<DedicatedThreadJob>.fromOpaque(raw!).takeRetainedValue()
            job.body()
            return nil
        }, unmanaged.toOpaque())
        if created == 0 {
            #if canImport(Darwin)
            pthread_detach(thread!)
            #else
            pthread_detach(thread)
            #endif
        } else {
            // No thread to be had: run it here rather than never resuming.
            unmanaged.takeRetainedValue().body()
        }
    }
}

/// The closure a dedicated thread runs (boxed to cross the C function-pointer boundary).
private final class DedicatedThreadJob: @unchecked Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

extension Subprocess {
    /// ``run(_:_:environment:)`` off the cooperative pool, killed after `timeLimit` seconds (through
    /// coreutils `timeout`, when present) so a hanging child fails the test instead of stalling the suite.
    static func runOffPool(
        _ executable: String, _ arguments: [String], environment: [String: String], timeLimit: Int = 90
    ) async -> Result {
        let timeout = findExecutable(["/usr/bin/timeout", "/bin/timeout"])
        return await onDedicatedThread {
            if let timeout {
                return run(timeout, ["-s", "KILL", String(timeLimit), executable] + arguments, environment: environment)
            }
            return run(executable, arguments, environment: environment)
        }
    }
}
