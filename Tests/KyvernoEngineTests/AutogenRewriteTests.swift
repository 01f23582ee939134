import Testing

@testable import KyvernoEngine

/// Autogen's re-rooting of `request.object.spec`/`.metadata` (Kyverno pkg/autogen/v1/rule.go: plain byte
/// replacement on the rule JSON), checked against the replace-all sequence it implements in one pass.
@Suite struct AutogenRewriteTests {
    /// The reference: Kyverno's sequence of replace-alls, on the same strings.
    static func replaceAll(_ text: String, _ target: String, _ replacement: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    static func reference(_ text: String, _ specPath: String) -> String {
        var t = text
        for root in ["request.object", "request.oldObject"] {
            t = replaceAll(t, "\(root).spec", "\(root).__AUTOGEN_SPEC__")
            t = replaceAll(t, "\(root).metadata", "\(root).\(specPath).metadata")
            t = replaceAll(t, "\(root).__AUTOGEN_SPEC__", "\(root).\(specPath).spec")
        }
        return t
    }

    @Test(arguments: [
        "{{ request.object.spec.containers[].image }}",
        "{{ request.object.metadata.labels.app }} and {{ request.oldObject.metadata.name }}",
        "request.object.spec",
        "request.object.specification request.objects.spec request.object.metadat",
        "no variables at all",
        "ünïcödé {{ request.oldObject.spec.x }} ✓ request.object.metadata",
        "request.orequest.object.spec",
        "",
    ])
    func matchesKyvernosReplaceAll(text: String) {
        for specPath in ["spec.template", "spec.jobTemplate.spec.template"] {
            let expected = Self.reference(text, specPath)
            #expect((Autogen.rerootRequestPaths(text, under: specPath) ?? text) == expected)
            // nil exactly when nothing changes, so unchanged rules are shared rather than copied.
            #expect((Autogen.rerootRequestPaths(text, under: specPath) == nil) == (expected == text))
        }
    }
}
