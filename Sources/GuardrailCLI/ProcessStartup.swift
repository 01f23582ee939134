import CCurlShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the real executable does before running a command line; in-process tests skip it.
///
/// The allocator settings and the start of libcurl loading happen even earlier, in the executable's C
/// start-up code (Sources/GuardrailStartup), before the Swift runtime and `main` run.
enum ProcessStartup {
    static func prepare() {
        ProcessLifetime.endWithoutTeardown()
    }

    /// Whether the executable starts loading libcurl in the background for these words (argv without the
    /// program name): `whoami`, or `can-i` without `--offline`. Help, completion and `jp` never need it.
    static func talksToCluster(_ arguments: [String]) -> Bool {
        var cStrings: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { for pointer in cStrings { free(pointer) } }
        return gr_command_line_talks_to_cluster(Int32(cStrings.count), &cStrings) != 0
    }
}
