import Testing

@testable import GuardrailCLI

@Suite("values left for the process exit")
struct ReclaimedAtExitTests {
    final class Tracked: Sendable {}

    /// In-process tests run many commands: what one run kept must be freed when the next starts.
    /// (Other suites may start runs concurrently, so only "freed after a start" is asserted.)
    @Test func theNextRunFreesWhatThePreviousKept() {
        weak var tracked: Tracked?
        do {
            let value = Tracked()
            tracked = value
            ReclaimedAtExit.keep(value)
        }
        ReclaimedAtExit.startRun()
        #expect(tracked == nil)
    }
}
