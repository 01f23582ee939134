import GuardrailCore
import Testing

@testable import GuardrailCLI

/// `can-i` decides kinds, escaping and line splits on UTF-8 bytes for speed; these tests hold the byte
/// versions to the Character/scalar rules they replace, on the inputs where the two could part ways
/// (case, non-ASCII look-alikes, combining marks, CR LF, C1 controls next to other two-byte characters).
@Suite("can-i byte-level fast paths agree with the String rules")
struct CanIByteFastPathTests {
    // MARK: - PolicyPrefilter

    /// The prefilter's rule written with `String` operations only (its first implementation).
    static func referenceMayApply(_ policy: JSONValue, toKind kind: String) -> Bool {
        guard let rules = policy[path: "spec", "rules"]?.arrayValue, !rules.isEmpty else { return true }
        let kind = kind.lowercased()
        let controller = PolicyPrefilter.podControllers.contains(kind)
        for rule in rules {
            guard let match = rule["match"] else { return true }
            var lists: [[JSONValue]] = []
            collectKinds(match, into: &lists)
            if lists.isEmpty { return true }
            for entry in lists.joined() {
                guard let text = entry.stringValue?.lowercased() else { return true }
                if text.contains("*") || text.contains("?") { return true }
                let parts = text.split(separator: "/")
                if parts.contains(where: { $0 == kind }) { return true }
                if controller && parts.contains("pod") { return true }
            }
        }
        return false
    }

    static func collectKinds(_ value: JSONValue, into lists: inout [[JSONValue]]) {
        switch value {
        case .object(let object):
            for entry in object {
                if entry.key == "kinds", let kinds = entry.value.arrayValue {
                    lists.append(kinds)
                } else {
                    collectKinds(entry.value, into: &lists)
                }
            }
        case .array(let items):
            for item in items { collectKinds(item, into: &lists) }
        default:
            break
        }
    }

    static let entries: [JSONValue] = [
        "Pod", "POD", "pod", "v1/Pod", "/Pod", "Pod/", "v1//Pod", "", "/", "apps/v1/Deployment", "Pod/exec",
        "Po*", "P?d", "Pods", "Po", "Pöd", "Pod\u{301}", "\u{212A}ind", "Kind", "ConfigMap", "configmap/v1",
        "Deployment\r\n", "İ", 3, .null, ["kind": "Pod"],
    ]
    static let kinds = ["Pod", "pod", "Deployment", "CronJob", "ConfigMap", "Kind", "Pöd", "i̇", ""]

    @Test(arguments: kinds)
    func prefilterMatchesTheStringRule(kind: String) {
        for entry in Self.entries {
            for kinds in [[entry], [entry, "Service"], ["Service", entry]] {
                let any: JSONValue = ["any": [["resources": ["kinds": .array(kinds)]]]]
                let legacy: JSONValue = ["resources": ["kinds": .array(kinds)]]
                for match in [any, legacy] {
                    let policy: JSONValue = ["spec": ["rules": [["name": "r", "match": match]]]]
                    #expect(
                        PolicyPrefilter.mayApply(policy, toKind: kind) == Self.referenceMayApply(policy, toKind: kind),
                        "kind \(kind), entries \(kinds)")
                }
            }
        }
        // `kinds` that is not a list is walked into, like any other member.
        let odd: JSONValue = ["spec": ["rules": [["match": ["any": [["kinds": ["kinds": ["Service"]]]]]]]]]
        #expect(PolicyPrefilter.mayApply(odd, toKind: kind) == Self.referenceMayApply(odd, toKind: kind))
    }

    // MARK: - ControlCharacterEscaping

    /// Escaping decided scalar by scalar (its first implementation).
    static func referenceEscape(_ text: String, keepingLineBreaks: Bool) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
            return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let hex = String(scalar.value, radix: 16)
                out += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u00" + hex
            }
        }
        return out
    }

    @Test(arguments: [
        "plain", "", "a\nb\tc", "a\r\nb", "\u{1B}[2J", "del\u{7F}", "c1\u{80}", "c1\u{85}", "c1\u{9F}",
        "nbsp\u{A0}", "\u{C2}\u{A0}", "é ü ✓ 😀", "Ā", "\u{0}", "end\u{9B}", "\u{9B}start", "ä\u{9B}",
    ])
    func escapingMatchesTheScalarRule(text: String) {
        for keep in [false, true] {
            #expect(
                ControlCharacterEscaping.escape(text, keepingLineBreaks: keep)
                    == Self.referenceEscape(text, keepingLineBreaks: keep))
        }
    }

    // MARK: - CanITextRenderer fields

    @Test(arguments: ["one line", "a\nb", "a\r\nb", "a\n\nb\n", "\n", "x\r\ny\nz", "é\nü\u{301}\n✓"])
    func multiLineValuesSplitLikeCharacters(message: String) {
        var finding = GuardrailFinding(
            policyKind: "ClusterPolicy", policy: "p", rule: "r", action: "Enforce", effect: .blocks)
        finding.message = message
        // `split(separator: "\n")` on Characters: "\r\n" is one Character, so it does not split there.
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var expected = "  BLOCKS  ClusterPolicy p, rule r [Enforce]\n"
        expected += "    message     " + String(lines.first ?? "") + "\n"
        for line in lines.dropFirst() { expected += String(repeating: " ", count: 16) + line + "\n" }
        #expect(CanITextRenderer().block(finding) == expected)
    }
}
