import GuardrailCore
import Testing

@testable import KubeConfig

@Suite("kubeconfig loading rules and merging")
struct KubeConfigLoadingTests {
    @Test("--kubeconfig reads only that file, ignoring KUBECONFIG")
    func explicitPathWins() throws {
        let env = InMemoryEnvironment(
            variables: ["KUBECONFIG": "/k/a"],
            files: ["/k/a": KubeConfigBuilder.simple(name: "a").text, "/k/b": KubeConfigBuilder.simple(name: "b").text])
        let config = try KubeConfigLoader(environment: env).load(explicitPath: "/k/b")
        #expect(config.contexts.map(\.name) == ["b"])
        #expect(config.files == ["/k/b"])
    }

    @Test("a missing --kubeconfig file is an error with kubectl's wording")
    func explicitMissing() {
        let env = InMemoryEnvironment()
        #expect(throws: KubeConfigError(.unreadableFile, "stat /nope: no such file or directory (given by --kubeconfig)")) {
            try KubeConfigLoader(environment: env).load(explicitPath: "/nope")
        }
    }

    @Test("KUBECONFIG: first file wins per name, whole entry; first current-context wins")
    func mergeFirstWins() throws {
        let a = KubeConfigBuilder()
            .cluster("shared", ["server": "https://a"])
            .context("shared", cluster: "shared", user: "u")
        let b = KubeConfigBuilder()
            .cluster("shared", ["server": "https://b", "tls-server-name": "b.example"])
            .cluster("only-b", ["server": "https://ob"])
            .context("shared", cluster: "shared", user: "u", namespace: "ns-b")
            .user("u", ["token": "x"])
            .current("shared")
        let c = KubeConfigBuilder().current("ctx-c")
        let env = InMemoryEnvironment(
            variables: ["KUBECONFIG": "/k/a:/k/missing:/k/b::/k/a:/k/c"],
            files: ["/k/a": a.text, "/k/b": b.text, "/k/c": c.text])
        let config = try KubeConfigLoader(environment: env).load(explicitPath: nil)
        #expect(config.files == ["/k/a", "/k/b", "/k/c"])
        #expect(config.clusters.map(\.name) == ["shared", "only-b"])
        let shared = try #require(config.cluster(named: "shared"))
        #expect(shared.server == "https://a")
        #expect(shared.tlsServerName == "")  // non-conflicting fields of b's entry are discarded
        #expect(config.context(named: "shared")?.namespace == "")
        #expect(config.currentContext == "shared")
    }

    @Test("current-context comes from the first file that sets it")
    func currentContextOrder() throws {
        let env = InMemoryEnvironment(
            variables: ["KUBECONFIG": "/k/c:/k/b"],
            files: ["/k/b": KubeConfigBuilder().current("ctx-b").text, "/k/c": KubeConfigBuilder().current("shared").text])
        #expect(try KubeConfigLoader(environment: env).load(explicitPath: nil).currentContext == "shared")
        let swapped = InMemoryEnvironment(
            variables: ["KUBECONFIG": "/k/a:/k/b:/k/c"],
            files: ["/k/a": KubeConfigBuilder().text, "/k/b": KubeConfigBuilder().current("ctx-b").text,
                    "/k/c": KubeConfigBuilder().current("shared").text])
        #expect(try KubeConfigLoader(environment: swapped).load(explicitPath: nil).currentContext == "ctx-b")
    }

    @Test("without KUBECONFIG the home file is read; KUBECONFIG=\":\" means no file at all")
    func homeDefault() throws {
        let home = InMemoryEnvironment(files: ["/home/user/.kube/config": KubeConfigBuilder.simple().text])
        #expect(try KubeConfigLoader(environment: home).load(explicitPath: nil).files == ["/home/user/.kube/config"])
        var emptyList = home
        emptyList.variables["KUBECONFIG"] = ":"
        #expect(try KubeConfigLoader(environment: emptyList).load(explicitPath: nil).isEmpty)
        var emptyVariable = home
        emptyVariable.variables["KUBECONFIG"] = ""
        #expect(try KubeConfigLoader(environment: emptyVariable).load(explicitPath: nil).files == ["/home/user/.kube/config"])
    }

    @Test("a directory in KUBECONFIG is an error naming it")
    func directoryEntry() {
        var env = InMemoryEnvironment(variables: ["KUBECONFIG": "/k/a"])
        env.directories = ["/k/a"]
        #expect(throws: KubeConfigError(.unreadableFile, "error loading config file \"/k/a\": read /k/a: is a directory")) {
            try KubeConfigLoader(environment: env).load(explicitPath: nil)
        }
    }

    @Test("relative paths resolve against the file of their own stanza; bare exec commands stay PATH lookups")
    func relativePaths() throws {
        let a = KubeConfigBuilder()
            .cluster("ca", ["server": "https://x", "certificate-authority": "sub/ca.crt"])
            .user("exec-path", ["exec": ["command": "./bin/helper", "apiVersion": "client.authentication.k8s.io/v1"]])
        let b = KubeConfigBuilder()
            .user("cert", ["client-certificate": "../u.crt", "client-key": "/abs/u.key", "tokenFile": "tok"])
            .user("exec-bare", ["exec": ["command": "gke-gcloud-auth-plugin", "apiVersion": "client.authentication.k8s.io/v1"]])
        let env = InMemoryEnvironment(
            variables: ["KUBECONFIG": "cfg/a:/etc/kube/b"], currentDirectory: "/work",
            files: ["/work/cfg/a": a.text, "/etc/kube/b": b.text])
        let config = try KubeConfigLoader(environment: env).load(explicitPath: nil)
        #expect(config.cluster(named: "ca")?.certificateAuthority == "/work/cfg/sub/ca.crt")
        #expect(config.user(named: "exec-path")?.exec?.command == "/work/cfg/bin/helper")
        let cert = try #require(config.user(named: "cert"))
        #expect(cert.clientCertificate == "/etc/u.crt")
        #expect(cert.clientKey == "/abs/u.key")
        #expect(cert.tokenFile == "/etc/kube/tok")
        #expect(config.user(named: "exec-bare")?.exec?.command == "gke-gcloud-auth-plugin")
    }

    @Test("an empty file is an empty configuration")
    func emptyFile() throws {
        let env = InMemoryEnvironment(files: ["/k/empty": "\n"])
        let config = try KubeConfigLoader(environment: env).load(explicitPath: "/k/empty")
        #expect(config.isEmpty)
    }
}
