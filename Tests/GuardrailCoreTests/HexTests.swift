import GuardrailCore
import Testing

@Suite struct HexTests {
    @Test("two lowercase digits per byte, leading zeros kept")
    func lowercase() {
        #expect(Hex.lowercase([]) == "")
        #expect(Hex.lowercase([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }
}
