import GuardrailCore
import Testing

@testable import GuardrailYAML

/// Loads tricky YAML with the real kubectl (as a kubeconfig extension, which kubectl keeps as untyped
/// JSON) and with YAML.load, and compares the JSON values.
@Suite(.enabled(if: KubectlOracle.path != nil, "kubectl not found at /usr/bin/kubectl"))
struct YAMLLoaderKubectlTests {
    static let extensionYAML = """
        base: &b {a: 1, b: 2}
        m1:
          a: 9
          <<: *b
          c: 3
        m2:
          <<: [{x: 1, w: 1}, {x: 2, z: 2}]
          z: 5
        scalars: [yes, No, ON, y, n, ~, null, "", 0755, 0o17, 0x1F, -0b101, 1_000, 09, 1e3, .5, 1., +12, -7,
          2001-12-14, 2001-12-14T21:59:43.10-05:00, "12", !!str 12, !!float 3, !!int "7", 1:20, 3.14159265358979,
          9223372036854775807, -9223372036854775808, yEs, 0x, ._5, a b, 'single', "double\\ttab", "\\u00e9",
          !!binary aGVsbG8=]
        keys: {1: a, 1.5: b, true: c, 0x10: e, 1e3: f, 1e7: g, -0.5: h, yes: i, 0.1: j}
        block: |
          line one
            indented
        folded: >-
          folded
          text

          para
        plain multi: this is
          one line
        empty:
        nested: [[1, [2, []]], {}, [{}]]
        dup: 1
        dup: 2
        """

    @Test func untypedDecodingMatchesKubectl() async throws {
        let indented = Self.extensionYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "        " + $0 }.joined(separator: "\n")
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://example.invalid
                extensions:
                - name: e
                  extension:
            \(indented)
            """
        let path = try KubectlOracle.temporaryFile(kubeconfig, name: "loader.kubeconfig")
        let result = try await KubectlOracle.run(["config", "view", "--kubeconfig", path, "-o", "json"])
        try #require(result.status == 0, "kubectl failed: \(result.stderr)")
        let theirs = try JSONParser.parse(result.stdout)[path: ["clusters", 0, "cluster", "extensions", 0, "extension"]]
        let ours = try YAML.load(Self.extensionYAML)
        let theirObject = try #require(theirs?.objectValue)
        for entry in theirObject {
            #expect(ours[entry.key] == entry.value, "\(entry.key)")
        }
        #expect(ours.objectValue?.count == theirObject.count)
    }
}
