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
        guard let seconds = goDuration(text), seconds >= 0 else { throw invalid }
        return seconds == 0 ? nil : seconds
    }

    /// Go `time.ParseDuration`, in seconds; `nil` when malformed.
    static func goDuration(_ text: String) -> Double? {
        var chars = Substring(text)
        var sign = 1.0
        if chars.first == "-" || chars.first == "+" {
            if chars.first == "-" { sign = -1 }
            chars = chars.dropFirst()
        }
        if chars == "0" { return 0 }
        guard !chars.isEmpty else { return nil }
        var total = 0.0
        while !chars.isEmpty {
            let number = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            chars = chars.dropFirst(number.count)
            let unit = chars.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            chars = chars.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs", "μs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return nil
            }
            total += value * scale
        }
        return sign * total
    }
}
