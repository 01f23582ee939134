import Synchronization

/// Large values a `can-i` run is done with but does not free. The executable leaves with `_exit` right
/// after printing (``GuardrailMain/run(_:)``) and the kernel takes the whole heap back at once, whereas
/// freeing a thousand policies' JSON trees and the engine's parsed rules node by node costs ~9 M
/// instructions — about 7% of a `can-i` against 1,000 ClusterPolicies (Benchmarks/can-i.sh).
///
/// In-process tests run many commands in one process: each run starts with ``startRun()``, which frees
/// what the previous run left here, so memory stays bounded by one run's worth.
enum ReclaimedAtExit {
    private static let values = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the next run starts (in the executable: until the process exits).
    static func keep(_ value: some Sendable) {
        values.withLock { $0.append(value) }
    }

    /// Frees what earlier runs kept; called when a run starts.
    static func startRun() {
        let earlier = values.withLock { kept in
            let earlier = kept
            kept = []
            return earlier
        }
        _ = earlier  // released here, outside the lock
    }
}
