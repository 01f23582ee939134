import GuardrailCore
import Testing

/// Go's `strconv.Quote` as kube-apiserver and client-go use it in messages.
@Suite struct GoQuoteTests {
    @Test("quotes and escapes like strconv.Quote", arguments: [
        ("plain", #""plain""#),
        (#"a"b\c"#, #""a\"b\\c""#),
        ("tab\there\n\u{01}é", #""tab\there\n\x01é""#),
        ("\u{07}\u{08}\u{0C}\u{0B}\r\u{7F}", #""\a\b\f\v\r\x7f""#),
        ("", #""""#),
    ])
    func quote(_ text: String, _ quoted: String) {
        #expect(goQuote(text) == quoted)
    }
}
