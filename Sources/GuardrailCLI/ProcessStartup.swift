import CCurlShim
import KubeClient

/// What the real executable does before running a command line; in-process tests skip it.
enum ProcessStartup {
    /// Tunes the allocator and, for commands that will talk to the API server, starts loading libcurl in
    /// the background.
    static func prepare(for arguments: [String]) {
        tuneAllocator()
        ProcessLifetime.endWithoutTeardown()
        if talksToCluster(arguments) { TransportPreloading.start() }
    }

    /// glibc's defaults suit long-running servers, not a command that lives 20 ms: every thread got its own
    /// arena grown a page range at a time (hundreds of `mprotect` calls while a 1,000-policy list was
    /// parsed on the pool threads), and freed memory was handed back to the kernel only to be faulted in
    /// again. One arena that grows in 8 MB steps and is never trimmed cut `can-i`'s CPU time by ~10 %
    /// (Documentation/Performance.md). Untouched heap costs nothing: RSS grows only with use.
    private static func tuneAllocator() {
        gr_tune_allocator_for_short_process()
    }

    /// Whether the command line names a command that contacts the API server: `whoami`, or `can-i` without
    /// `--offline`. A cheap look at the words, not a parse — a wrong guess costs only the overlap (or a few
    /// milliseconds of background CPU), never correctness. Help, completion and `jp` never need libcurl.
    static func talksToCluster(_ arguments: [String]) -> Bool {
        guard let first = arguments.first, !first.hasPrefix("__") else { return false }
        var command: String?
        for word in arguments {
            if word == "--" { break }
            if word == "-h" || word == "--help" || word.hasPrefix("--offline") { return false }
            if command == nil, word == "whoami" || word == "can-i" { command = word }
        }
        return command != nil
    }
}
