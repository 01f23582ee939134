import Testing

@testable import GuardrailCLI

/// Only the real executable leaves its data to the process exit; in-process runs (these tests) must free
/// what a command hands to ProcessLifetime as usual, or a test run would accumulate every command's data.
@Suite("process lifetime: data is kept until exit only in the executable")
struct ProcessLifetimeTests {
    final class Tracked: Sendable {}

    @Test func inProcessRunsFreeWhatTheyHandOver() {
        weak var tracked: Tracked?
        do {
            let value = Tracked()
            tracked = value
            ProcessLifetime.keepUntilExit(value)
        }
        #expect(tracked == nil)
    }
}
