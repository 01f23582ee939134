import GuardrailCore
import Testing

/// Go `time.ParseDuration` / `Duration.String`, shared by Kyverno's functions and operators and by
/// `--request-timeout`.
@Suite struct GoDurationTests {
    @Test(
        "durations parse like time.ParseDuration and print like Duration.String",
        arguments: [
            ("1h30m", "1h30m0s"), ("1.5h", "1h30m0s"), ("300ms", "300ms"), ("1us", "1µs"), ("1µs", "1µs"),
            ("-1.5s", "-1.5s"), ("0", "0s"), ("90s", "1m30s"), ("1h0.5s", "1h0m0.5s"), ("2562047h", "2562047h0m0s"),
            ("1ns", "1ns"), ("1.000000001s", "1.000000001s"), ("+5m", "5m0s"), (".5s", "500ms"), ("1.s", "1s"),
        ])
    func duration(_ text: String, _ printed: String) throws {
        #expect(try #require(GoDuration(parsing: text)).description == printed)
    }

    @Test("invalid durations are refused", arguments: ["", "1", "h", "1x", "1hh", "2562048h", ".s", "-", "1h-1m"])
    func invalidDuration(_ text: String) {
        #expect(GoDuration(parsing: text) == nil)
    }

    @Test("seconds are exact for the durations operators and timeouts compare", arguments: [
        ("30m", 1800.0), ("1m30s", 90.0), ("500ms", 0.5), ("-1.5h", -5400.0), ("0", 0.0), ("1ns", 1e-9),
    ])
    func seconds(_ text: String, _ seconds: Double) throws {
        #expect(try #require(GoDuration(parsing: text)).seconds == seconds)
    }
}
