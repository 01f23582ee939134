import GuardrailCore
import Testing

/// Lenient percent-decoding of EKS token URLs and impersonation extra keys.
@Suite struct PercentDecodingTests {
    @Test("decodes %XX and keeps everything else", arguments: [
        ("plain", "plain"), ("a%2Fb%3d", "a/b="), ("%E2%9C%93", "✓"), ("100%", "100%"), ("%zz%4", "%zz%4"),
        ("a+b", "a+b"), ("%25", "%"),
    ])
    func decode(_ text: String, _ decoded: String) {
        #expect(PercentDecoding.decode(text) == decoded)
    }
}
