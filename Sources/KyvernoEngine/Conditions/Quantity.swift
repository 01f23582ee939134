/// Kubernetes `resource.Quantity` parsing, enough to compare values
/// (k8s.io/apimachinery/pkg/api/resource `ParseQuantity`): `<signed decimal><suffix>` where the suffix is
/// a binary SI (`Ki Mi Gi Ti Pi Ei`), decimal SI (`n u m "" k M G T P E`) or decimal exponent (`e3`, `E-2`).
struct Quantity: Sendable, Equatable, Comparable {
    /// The value as a double (exact for the magnitudes policies compare).
    var value: Double

    init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        let numberEnd = s.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? s.endIndex
        let number = s[..<numberEnd]
        let suffix = String(s[numberEnd...])
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1,
            number.contains(where: { $0.isNumber }),
            let base = Double(number.hasPrefix(".") ? "0" + number : String(number))
        else { return nil }
        let multiplier: Double
        switch suffix {
        case "": multiplier = 1
        case "Ki": multiplier = 1024
        case "Mi": multiplier = 1_048_576
        case "Gi": multiplier = 1_073_741_824
        case "Ti": multiplier = 1_099_511_627_776
        case "Pi": multiplier = 1_125_899_906_842_624
        case "Ei": multiplier = 1_152_921_504_606_846_976
        case "n": multiplier = 1e-9
        case "u": multiplier = 1e-6
        case "m": multiplier = 1e-3
        case "k": multiplier = 1e3
        case "M": multiplier = 1e6
        case "G": multiplier = 1e9
        case "T": multiplier = 1e12
        case "P": multiplier = 1e15
        case "E": multiplier = 1e18
        default:
            guard suffix.count > 1, suffix.first == "e" || suffix.first == "E" else { return nil }
            var exp = suffix.dropFirst()
            var expNegative = false
            if exp.first == "+" || exp.first == "-" {
                expNegative = exp.first == "-"
                exp = exp.dropFirst()
            }
            guard !exp.isEmpty, exp.allSatisfy({ $0.isASCII && $0.isNumber }), let e = Int(exp) else { return nil }
            multiplier = Quantity.pow10(expNegative ? -e : e)
        }
        value = (negative ? -1 : 1) * base * multiplier
    }

    static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value && !(lhs == rhs) }

    /// Equal within floating-point noise (Kubernetes compares exact decimals; "0.1" vs "100m" must be equal).
    static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        let scale = max(abs(lhs.value), abs(rhs.value))
        return abs(lhs.value - rhs.value) <= scale * 1e-12
    }

    private static func pow10(_ e: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(e) { result *= 10 }
        return e < 0 ? 1 / result : result
    }
}
