import GuardrailCore
import Testing

/// The shortest digits behind Go's `strconv.FormatFloat(f, 'e'|'f'|'g', -1, 32|64)`.
@Suite struct GoShortestDecimalTests {
    @Test("digits and point position", arguments: [
        (1500.0, "15", 4), (0.05, "5", -1), (1e21, "1", 22), (123.25, "12325", 3), (-1.5e-7, "15", -6),
    ])
    func digits(_ value: Double, _ digits: String, _ point: Int) {
        let decimal = GoShortestDecimal(value)
        #expect(decimal.digits == digits)
        #expect(decimal.point == point)
        #expect(decimal.isNegative == (value < 0))
    }

    @Test("'e', 'f' and 'g' layouts as Go prints them", arguments: [
        (1e6, "1e+06", "1000000", "1e+06"),
        (1_234_567.0, "1.234567e+06", "1234567", "1.234567e+06"),
        (123456.0, "1.23456e+05", "123456", "123456"),
        (0.0001, "1e-04", "0.0001", "0.0001"),
        (0.00001, "1e-05", "0.00001", "1e-05"),
        (-1.5, "-1.5e+00", "-1.5", "-1.5"),
        (1.5e-300, "1.5e-300", "0." + String(repeating: "0", count: 299) + "15", "1.5e-300"),
        (0.0, "0e+00", "0", "0"),
        (-0.0, "-0e+00", "-0", "-0"),
    ])
    func layouts(_ value: Double, _ e: String, _ f: String, _ g: String) {
        let decimal = GoShortestDecimal(value)
        #expect(decimal.exponentForm == e)
        #expect(decimal.plainForm == f)
        #expect(decimal.generalForm() == g)
    }

    @Test("fmt %v switches to the exponent form only from 1e21")
    func verbV() {
        #expect(GoShortestDecimal(1e20).generalForm(exponentLimit: 21) == "100000000000000000000")
        #expect(GoShortestDecimal(1e21).generalForm(exponentLimit: 21) == "1e+21")
    }

    @Test("float32 digits identify the value as a float32 (Go bitSize 32)")
    func float32() {
        #expect(GoShortestDecimal(Float(123_456_789)).plainForm == "123456790")
        #expect(GoShortestDecimal(Float(0.1)).plainForm == "0.1")
        #expect(GoShortestDecimal(0.1 as Double).plainForm == "0.1")
    }

    @Test("JSON numbers use the same digits: 'e' below 1e-6 and from 1e21")
    func json() {
        #expect(JSONWriter.formatNumber(1e-7) == "1e-07")
        #expect(JSONWriter.formatNumber(0.000001) == "0.000001")
        #expect(JSONWriter.formatNumber(1e20) == "100000000000000000000")
        #expect(JSONWriter.formatNumber(1e21) == "1e+21")
        #expect(JSONWriter.formatNumber(-2.5) == "-2.5")
        #expect(JSONWriter.formatNumber(.nan) == "null")
    }
}
