#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pthread mutex protecting a value. The client's mutable state (credential caches, the transfer
/// queue) is touched from dedicated threads and from async code, so it is guarded by a plain lock
/// rather than an actor: libcurl's threads must never wait on Swift's cooperative pool.
final class Locked<Value>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Runs `body` with exclusive access to the value.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body(&value)
    }
}

/// Starts a detached OS thread running `body`. Blocking work (libcurl transfers, waiting for an exec
/// plugin) runs here, never on the cooperative pool, which has only as many threads as cores and
/// deadlocks when they all block (swift-feasibility.md §a.7).
func startDetachedThread(_ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    defer { pthread_attr_destroy(&attributes) }
    #if canImport(Glibc)
        var thread = pthread_t()
    #else
        var thread: pthread_t?
    #endif
    let rc = pthread_create(
        &thread, &attributes,
        { raw in
            #if canImport(Glibc)
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            #else
                let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, box)
    if rc != 0 {
        // Out of threads: run inline rather than lose the work (still off the pool's fast path).
        Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
    }
}

/// Runs blocking `work` on its own thread and resumes the caller with its result.
func runOnDedicatedThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
        startDetachedThread { continuation.resume(returning: work()) }
    }
}

/// Monotonic seconds, for timing requests and exec-credential expiry checks within one process.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Wall-clock seconds since the Unix epoch (exec credentials' `expirationTimestamp` is wall time).
func wallClockSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
