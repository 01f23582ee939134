/// Go `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+`, or `0`.
enum GoDuration {
    /// Seconds, or `nil` when `text` is not a Go duration.
    static func parse(_ text: String) -> Double? {
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        guard !s.isEmpty else { return nil }
        var total = 0.0
        while !s.isEmpty {
            let numberEnd = s.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? s.endIndex
            let number = s[..<numberEnd]
            guard number.contains(where: { $0.isNumber }), number.filter({ $0 == "." }).count <= 1,
                let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
            else { return nil }
            s = s[numberEnd...]
            let unitEnd = s.firstIndex { $0.isASCII && ($0.isNumber || $0 == ".") } ?? s.endIndex
            let unit = s[..<unitEnd]
            s = s[unitEnd...]
            let seconds: Double
            switch unit {
            case "ns": seconds = 1e-9
            case "us", "µs", "μs": seconds = 1e-6
            case "ms": seconds = 1e-3
            case "s": seconds = 1
            case "m": seconds = 60
            case "h": seconds = 3600
            default: return nil
            }
            total += value * seconds
        }
        return negative ? -total : total
    }
}
