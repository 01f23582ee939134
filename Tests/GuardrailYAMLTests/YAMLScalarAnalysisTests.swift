import Testing

@testable import GuardrailYAML

/// The simple-word shortcut of YAMLScalarAnalysis must give exactly what libyaml's full analysis gives.
@Suite("YAML scalar analysis: the simple-word shortcut equals the full analysis")
struct YAMLScalarAnalysisTests {
    /// Every string of length 1…4 over an alphabet with the shortcut's characters and the ones that matter
    /// next to them (`:`, `#`, space, newline, `?`, `é`).
    static let alphabet: [[UInt8]] = ["a", "Z", "7", "-", ".", "_", "/", ":", "#", " ", "\n", "?", "é"].map { Array($0.utf8) }

    @Test func allShortStringsOverTheAlphabet() {
        var strings: [[UInt8]] = [[]]
        var checked = 0
        for _ in 1...4 {
            strings = strings.flatMap { prefix in Self.alphabet.map { prefix + $0 } }
            for value in strings {
                #expect(
                    YAMLScalarAnalysis(value) == YAMLScalarAnalysis(value, allowingShortcut: false),
                    "\(String(decoding: value, as: UTF8.self).debugDescription)")
                checked += 1
            }
        }
        #expect(checked > 30_000)
    }

    @Test(arguments: ["apiVersion", "kyverno.io/v1", "bench-policy-12", "rule_0", "a.b-c/d", "Z9"])
    func kubernetesWordsTakeTheShortcut(word: String) {
        #expect(YAMLScalarAnalysis.isSimpleWord(Array(word.utf8)))
    }

    @Test(arguments: ["-a", ".a", "---", "...", "a b", "a:b", "é", ""])
    func othersDoNot(word: String) {
        #expect(!YAMLScalarAnalysis.isSimpleWord(Array(word.utf8)))
    }
}
