import GuardrailCore
import Testing

@testable import GuardrailYAML

@Suite struct YAMLLimitsTests {
    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        do {
            _ = try YAML.loadAll(text, file: "bomb.yaml")
            Issue.record("alias bomb was accepted")
        } catch {
            #expect(error.message.hasPrefix("document contains excessive aliasing"))
            #expect(error.file == "bomb.yaml")
            // Refused after a few thousand nodes, long before a billion.
            #expect(error.line == 4, "\(error)")
        }
    }

    @Test func moderateAliasingIsFine() throws {
        var text = "base: &b {a: 1, b: 2, c: 3}\nitems:\n"
        for _ in 0..<1000 { text += "- <<: *b\n  d: 4\n" }
        let value = try YAML.load(text)
        #expect(value["items"]?.arrayValue?.count == 1000)
        #expect(value["items"]?[999] == ["a": 1, "b": 2, "c": 3, "d": 4])
    }

    @Test func bigAnchorsReusedAFewTimesAreFine() throws {
        // Accepted by go-yaml's ratio rule (aliased nodes ≈ 75% of the document).
        let list = (0..<20_000).map { "n\($0)" }.joined(separator: ", ")
        let text = "base: &b [\(list)]\nc1: *b\nc2: *b\nc3: *b\n"
        let value = try YAML.load(text)
        #expect(value["c3"]?.arrayValue?.count == 20_000)
        // But an explicit cap on alias expansion still applies.
        #expect(throws: YAMLError.self) { try YAML.loadAll(text, limits: YAMLLimits(maxAliasExpansion: 30_000)) }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        do {
            _ = try YAML.loadAll(text)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.message.hasPrefix("nesting deeper than 256 levels"))
            #expect(error.line == 1 && error.column == 257)
        }
        var block = ""
        for level in 0..<10_000 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(throws: YAMLError.self) { try YAML.loadAll(block) }
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(try YAML.loadAll(text).count == 1)
    }

    @Test func inputSizeAndDocumentCountLimits() {
        let limits = YAMLLimits(maxInputBytes: 10, maxDocuments: 2)
        #expect(throws: YAMLError.self) { try YAML.loadAll("a: 123456789\n", limits: limits) }
        #expect(throws: YAMLError.self) { try YAML.loadAll("a\n---\nb\n---\nc\n", limits: YAMLLimits(maxDocuments: 2)) }
        #expect((try? YAML.loadAll("a\n---\nb\n", limits: YAMLLimits(maxDocuments: 2)))?.count == 2)
    }

    @Test func hugeFlatDocumentLoads() throws {
        var text = "items:\n"
        text.reserveCapacity(2_000_000)
        for i in 0..<50_000 { text += "- {name: item-\(i), value: \(i)}\n" }
        let value = try YAML.load(text)
        #expect(value["items"]?.arrayValue?.count == 50_000)
        #expect(value["items"]?[49_999]?["value"] == 49_999)
    }
}
