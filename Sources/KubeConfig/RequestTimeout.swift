import GuardrailCore

/// Parses `--request-timeout` like kubectl (`cmdutil` + Go's `time.ParseDuration`): a bare integer is
/// seconds, otherwise a Go duration (`1s`, `2m`, `1h30m`, `500ms`); `0` means no timeout.
public enum RequestTimeout {
    /// Seconds, or `nil` for "no timeout".
    public static func parse(_ text: String) throws(KubeConfigError) -> Double? {
        let invalid = KubeConfigError(
            .invalidFlag,
            "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a "
                + "corresponding time unit (e.g. 1s | 2m | 3h)")
        if text.isEmpty || text == "0" { return nil }
        if let seconds = Int(text) {
            guard seconds >= 0 else { throw invalid }
            return seconds == 0 ? nil : Double(seconds)
        }
        guard let seconds = GoDuration(parsing: text)?.seconds, seconds >= 0 else { throw invalid }
        return seconds == 0 ? nil : seconds
    }
}
