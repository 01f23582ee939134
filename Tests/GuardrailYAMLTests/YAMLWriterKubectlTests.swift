import GuardrailCore
import Testing

@testable import GuardrailYAML

/// Compares YAMLWriter with the real kubectl: kubectl prints the same object as JSON and as YAML, and
/// YAMLWriter(JSON) must equal kubectl's YAML byte for byte.
@Suite(.enabled(if: KubectlOracle.path != nil, "kubectl not found at /usr/bin/kubectl"))
struct YAMLWriterKubectlTests {
    static let trickyValues: [String] = [
        "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "123", "-1", "0x1F", "0755", "1e3", ".5",
        "1_000", "1:20", "2024-01-01", "2024-01-01T00:00:00Z", "", " ", "  lead", "trail ", "a: b", "a:b", "a #b",
        "a#b", "#x", "- x", "-x", "-", "?", ": x", "[a]", "{a}", "a,b", "*x", "&x", "!x", "|", ">", "%x", "@x",
        "`x", "'", "\"", "it's", "\"q\"", "---", "...", "--- x", "héllo", "日本語", "😀 emoji",
        "\u{00A0}x", "tab\there",
        "back\\slash", "line1\nline2", "line1\nline2\n", "a\n\nb\n\n", "\n lead", " lead\nx", "trail \nx",
        "x\r\ny", "\u{2028}sep", "bell\u{07}", "ctl\u{01}x", "bom\u{FEFF}",
        String(repeating: "x", count: 200),
        (0..<40).map { "word\($0)" }.joined(separator: " "),
        (0..<30).map { "w\($0)" }.joined(separator: " ") + "  double  space",
        "\"" + (0..<30).map { "w\($0)" }.joined(separator: " "),
        "😀 " + (0..<30).map { "w\($0)" }.joined(separator: " "),
        "first line\n" + (0..<30).map { "w\($0)" }.joined(separator: " "),
    ]

    @Test func configMapValues() async throws {
        var arguments = ["create", "configmap", "x", "--dry-run=client"]
        for (i, value) in Self.trickyValues.enumerated() {
            arguments.append("--from-literal=k\(i)=\(value)")
        }
        // Keys that YAML would read as non-strings must be quoted too.
        for key in ["yes", "n", "1", "1.5", "null", "a10", "a9", "_x", "-x", ".x", "Z", "z", "0"] {
            arguments.append("--from-literal=\(key)=v")
        }
        try await compare(arguments)
    }

    @Test func structuresAndNumbers() async throws {
        let config = """
            {"apiVersion": "v1", "kind": "Config", "clusters": [{"name": "c", "cluster": {"server": "https://h",
              "extensions": [{"name": "e", "extension": {
                "ints": [0, -1, 9007199254740993, 123456789012],
                "floats": [1.5, 1.0, 1e6, 1234567.5, 0.0001, 0.00001, 1e21, 1e20, -2.5e-7, 3.14159265358979],
                "empty": {}, "emptyList": [], "nested": [[1, [2, []]], [{}], {"a": [{"b": {"c": []}}]}],
                "nulls": [null, {"k": null}], "bools": [true, false],
                "keys": {"b": 1, "a10": 2, "a9": 3, "A": 4, "_x": 5, "~x": 6, "x-y": 7, "x.y": 8, "xy": 9, "x0": 10,
                         "x00": 11, "x01": 12, "1": 13, "10": 14, "2": 15, "yes": 16, "": 17, "a b": 18, "é": 19,
                         "\(String(repeating: "k", count: 130))": 20, "multi\\nline": 21},
                "deep": {"a": {"b": {"c": {"d": "\(String(repeating: "long text ", count: 12))"}}}},
                "list": ["\(String(repeating: "y", count: 90)) tail", "x\\ny", {"k": "v\\n"}]
              }}]}}],
             "contexts": [], "users": [], "current-context": ""}
            """
        let path = try KubectlOracle.temporaryFile(config, name: "structures.kubeconfig")
        try await compare(["config", "view", "--kubeconfig", path])
    }

    static let objectCommands: [[String]] = [
        ["create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080", "--dry-run=client"],
        ["create", "clusterrole", "agg", "--aggregation-rule=rbac.example.com/aggregate=true", "--dry-run=client"],
        ["create", "clusterrolebinding", "b", "--clusterrole=view", "--user=alice", "--group=devs",
         "--serviceaccount=ns:sa", "--dry-run=client"],
        ["create", "cronjob", "c", "--image=busybox", "--schedule=*/5 * * * *", "--dry-run=client", "--",
         "sh", "-c", "echo 'hello: world' # not a comment"],
        ["create", "secret", "generic", "s", "--from-literal=password=p@ss: w0rd", "--dry-run=client"],
        ["create", "service", "clusterip", "svc", "--tcp=80:8080", "--tcp=443:8443", "--dry-run=client"],
    ]

    @Test(arguments: objectCommands)
    func kubectlObjects(_ arguments: [String]) async throws {
        try await compare(arguments)
    }

    private func compare(_ arguments: [String]) async throws {
        // The output flag goes first: anything after `--` belongs to the object (cronjob commands).
        let json = try await KubectlOracle.run([arguments[0], "-o", "json"] + arguments.dropFirst())
        try #require(json.status == 0, "kubectl failed: \(json.stderr)")
        let yaml = try await KubectlOracle.run([arguments[0], "-o", "yaml"] + arguments.dropFirst())
        try #require(yaml.status == 0, "kubectl failed: \(yaml.stderr)")
        let value = try JSONParser.parse(json.stdout)
        let ours = YAMLWriter().string(from: value)
        let theirs = yaml.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let mine = ours.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (a, b)) in zip(mine, theirs).enumerated() where a != b {
            Issue.record("line \(i + 1) differs:\n ours:    \(a.debugDescription)\n kubectl: \(b.debugDescription)")
            break
        }
        #expect(mine.count == theirs.count)
        #expect(ours == yaml.stdout)
        // And what we print reads back as the same value.
        #expect(try YAML.load(ours) == value)
    }
}
