/// Runs `operation` for at most `budget`: its result when it finishes in time, else `nil` — and the
/// caller goes on at once. The operation is left running (completion prints and exits right after),
/// so a stuck connection can never make the shell wait.
///
/// Built on two unstructured tasks racing to resume one continuation rather than a task group: a group
/// waits for all of its children, which is exactly the waiting this must avoid.
func withinBudget<T: Sendable>(_ budget: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
    let race = BudgetRace<T>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        race.set(continuation)
        Task { race.finish(await operation()) }
        Task {
            try? await Task.sleep(for: budget)
            race.finish(nil)
        }
    }
}

/// The continuation both racers try to resume; only the first one does.
private final class BudgetRace<T: Sendable>: @unchecked Sendable {
    private var continuation: CheckedContinuation<T?, Never>?
    private var pending: T??
    private let lock = BudgetLock()

    func set(_ continuation: CheckedContinuation<T?, Never>) {
        let early: T?? = lock.withLock {
            if let pending = self.pending { return pending }
            self.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func finish(_ value: T?) {
        let waiting: CheckedContinuation<T?, Never>? = lock.withLock {
            guard pending == nil else { return nil }
            pending = .some(value)
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: value)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain mutex (the completion path avoids Foundation's locks to keep start-up light).
private final class BudgetLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
