#if canImport(Glibc)
import Glibc
#endif
import GuardrailCore
import KubeTestServer
import Testing
import TestSupport

/// What an exec credential plugin receives in `KUBERNETES_EXEC_INFO` (with `provideClusterInfo`) must be
/// byte for byte what kubectl gives it — including the cluster's `client.authentication.k8s.io/exec`
/// extension as `spec.cluster.config`, which plugins such as cloud providers' read. Both programs run the
/// same kubeconfig against an unreachable server: the plugin runs (and records its input) before any
/// connection is made.
@Suite(
    "exec plugin input equals kubectl's (KUBERNETES_EXEC_INFO)",
    .enabled(if: Subprocess.kubectl != nil, "kubectl not found; install it to run the oracle tests"),
    .enabled(if: BuiltProducts.plugin != nil, "products not built (swift build first)"))
struct ExecInfoOracleTests {
    static let extensionWithNesting = """
            extensions:
            - name: unrelated.example.com/thing
              extension: {q: 1}
            - name: client.authentication.k8s.io/exec
              extension:
                zeta: 1
                audience: sts.amazonaws.com
                alpha: {b: yes, a: [2, 1.5, "x", {z: null, y: "1"}]}
        """

    static let variants: [(name: String, cluster: String)] = [
        ("no extension", ""),
        ("nested extension", extensionWithNesting),
        ("extension and TLS settings", """
            tls-server-name: api.internal.example.com
            certificate-authority-data: \(Base64.encode(Array(TestPKI.caCertificate.utf8)))
        \(extensionWithNesting)
        """),
        ("scalar extension", """
            extensions:
            - name: client.authentication.k8s.io/exec
              extension: just-a-string
        """),
    ]

    @Test(arguments: variants.map(\.name))
    func sameInputAsKubectl(variant: String) async throws {
        let cluster = try #require(Self.variants.first { $0.name == variant }).cluster
        let dir = TemporaryDirectory()
        let plugin = dir.write(
            "plugin.sh",
            """
            #!/bin/sh
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_FILE"
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'
            """, mode: 0o755)
        let kubeconfig = dir.write(
            "config",
            """
            apiVersion: v1
            kind: Config
            current-context: c
            contexts: [{name: c, context: {cluster: k, user: u}}]
            clusters:
            - name: k
              cluster:
                server: https://127.0.0.1:1
            \(cluster)
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(plugin)
                  interactiveMode: Never
                  provideClusterInfo: true
                  env: [{name: INFO_FILE, value: \(dir.path)/info.json}]
            """)
        let environment = ["HOME": dir.path, "PATH": "/usr/bin:/bin", "KUBECONFIG": kubeconfig]

        _ = await Subprocess.run(
            try #require(Subprocess.kubectl), ["get", "--raw", "/version", "--request-timeout", "5s"],
            environment: environment)
        let theirs = try #require(TextFile.read(dir.path + "/info.json"), "kubectl did not run the plugin")
        unlink(dir.path + "/info.json")

        let result = await Subprocess.run(
            try #require(BuiltProducts.plugin), ["whoami", "--request-timeout", "5s"], environment: environment)
        let ours = try #require(TextFile.read(dir.path + "/info.json"), "guardrail did not run the plugin: \(result.stderr)")
        #expect(ours == theirs)
        #expect(theirs.contains("\"config\":"))
    }
}
