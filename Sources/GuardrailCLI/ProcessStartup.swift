import CCurlShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the real executable does before running a command line; in-process tests skip it.
enum ProcessStartup {
    /// Tunes the allocator for a short-lived process. (libcurl, when the command will need it, is already
    /// loading: CCurlShim starts that from a constructor, before `main` — see ``talksToCluster(_:)``.)
    static func prepare(for arguments: [String]) {
        tuneAllocator()
        ProcessLifetime.endWithoutTeardown()
    }

    /// glibc's defaults suit long-running servers, not a command that lives 20 ms: every thread got its own
    /// arena grown a page range at a time (hundreds of `mprotect` calls while a 1,000-policy list was
    /// parsed on the pool threads), and freed memory was handed back to the kernel only to be faulted in
    /// again. One arena that grows in 8 MB steps and is never trimmed cut `can-i`'s CPU time by ~10 %
    /// (Documentation/Performance.md). Untouched heap costs nothing: RSS grows only with use.
    private static func tuneAllocator() {
        gr_tune_allocator_for_short_process()
    }

    /// Whether the executable starts loading libcurl in the background for these words (argv without the
    /// program name): `whoami`, or `can-i` without `--offline`. Help, completion and `jp` never need it.
    static func talksToCluster(_ arguments: [String]) -> Bool {
        var cStrings: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { for pointer in cStrings { free(pointer) } }
        return gr_command_line_talks_to_cluster(Int32(cStrings.count), &cStrings) != 0
    }
}
