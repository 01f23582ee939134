import GuardrailCore
import KubeConfig
import Testing

@testable import GuardrailCLI
import TestSupport

/// Ground truth is the real kubectl: for a generated set of kubeconfig layouts (multi-file merges,
/// relative paths, selection flags, missing pieces) what we resolve must match
/// `kubectl config view --minify --flatten -o json` (which applies the same loading, merging, context
/// selection and relative-path rules, and inlines the files it reads).
@Suite("kubeconfig resolution matches kubectl config view", .enabled(if: Subprocess.kubectl != nil, "kubectl not found"))
struct KubeConfigOracleTests {
    /// One layout: files to write, how they are named (KUBECONFIG list / --kubeconfig / home), selection flags.
    struct Layout: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var kubeconfigList: [String]? = nil
        var explicit: String? = nil
        var flags: [String] = []
        var testDescription: String { name }
    }

    static let pem = (ca: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
                      cert: "-----BEGIN CERTIFICATE-----\nUSER\n-----END CERTIFICATE-----\n",
                      key: "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n")

    /// File A: relative CA and client certificate, a context shared with B.
    static let fileA = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: shared
          cluster:
            server: https://a.example:6443
            certificate-authority: sub/ca.crt
        - name: only-a
          cluster: {server: "https://only-a.example", insecure-skip-tls-verify: true}
        users:
        - name: cert-user
          user: {client-certificate: sub/u.crt, client-key: sub/u.key}
        - name: shared-user
          user: {token: token-from-a}
        - name: tokenfile-user
          user: {tokenFile: secrets/token}
        contexts:
        - name: tokenfile
          context: {cluster: shared, user: tokenfile-user, namespace: tf}
        - name: shared
          context: {cluster: shared, user: cert-user}
        - name: a-insecure
          context: {cluster: only-a, user: shared-user, namespace: ns-a}
        """

    /// File B: same names with different content (must lose), its own current-context, data fields, exec.
    static let fileB = """
        apiVersion: v1
        kind: Config
        current-context: ctx-b
        clusters:
        - name: shared
          cluster: {server: "https://b.example", tls-server-name: never-seen}
        - name: cb
          cluster:
            server: https://cb.example:443
            tls-server-name: kubernetes.default.svc
            certificate-authority-data: \(Base64.encode(Array(pem.ca.utf8)))
        users:
        - name: shared-user
          user: {token: token-from-b}
        - name: data-user
          user:
            client-certificate-data: \(Base64.encode(Array(pem.cert.utf8)))
            client-key-data: \(Base64.encode(Array(pem.key.utf8)))
        - name: exec-user
          user:
            exec: {command: ./bin/helper, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}
        - name: basic-user
          user: {username: alice, password: pw}
        - name: as-user
          user: {token: t, as: bob, as-groups: [g1, g2]}
        contexts:
        - name: shared
          context: {cluster: shared, user: shared-user, namespace: from-b}
        - name: ctx-b
          context: {cluster: cb, user: data-user, namespace: nb}
        - name: exec
          context: {cluster: cb, user: exec-user}
        - name: basic
          context: {cluster: cb, user: basic-user}
        - name: as
          context: {cluster: cb, user: as-user}
        """

    static let support = [
        "a/sub/ca.crt": pem.ca, "a/sub/u.crt": pem.cert, "a/sub/u.key": pem.key, "a/secrets/token": "file-token\n",
    ]

    static var layouts: [Layout] {
        var all: [Layout] = []
        let files = support.merging(["a/config": fileA, "b/config": fileB]) { a, _ in a }
        let selections: [[String]] = [
            [], ["--context", "shared"], ["--context", "a-insecure"], ["--context", "exec"], ["--context", "basic"],
            ["--context", "as"], ["--context", "tokenfile"],
            // `config view --minify` ignores --cluster/--user; those are checked against the requests
            // kubectl sends (KubeConfigOracleRequestTests).
        ]
        for order in [["a/config", "b/config"], ["b/config", "a/config"]] {
            for flags in selections {
                all.append(Layout(
                    name: "KUBECONFIG=\(order.joined(separator: ":")) \(flags.joined(separator: " "))", files: files,
                    kubeconfigList: order, flags: flags))
            }
        }
        all.append(Layout(name: "missing and duplicate entries", files: files,
                          kubeconfigList: ["nope/config", "b/config", "b/config", "a/config"]))
        all.append(Layout(name: "--kubeconfig beats KUBECONFIG", files: files, kubeconfigList: ["b/config"],
                          explicit: "a/config", flags: ["--context", "shared"]))
        all.append(Layout(name: "home default", files: files.merging([".kube/config": fileB]) { a, _ in a }))
        all.append(Layout(name: "home default, relative CA next to it",
                          files: [".kube/config": fileA, ".kube/sub/ca.crt": pem.ca, ".kube/sub/u.crt": pem.cert,
                                  ".kube/sub/u.key": pem.key],
                          flags: ["--context", "shared"]))
        return all
    }

    @Test("resolved server, TLS, credential, namespace and impersonation equal kubectl's", arguments: layouts)
    func matchesKubectl(layout: Layout) async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let dir = TemporaryDirectory()
        for (path, text) in layout.files { dir.write(path, text) }
        var variables = ["HOME": dir.path, "PATH": "/usr/bin:/bin"]
        if let list = layout.kubeconfigList {
            variables["KUBECONFIG"] = list.map { dir.path + "/" + $0 }.joined(separator: ":")
        }
        var flags = layout.flags
        if let explicit = layout.explicit { flags += ["--kubeconfig", dir.path + "/" + explicit] }

        let view = await Subprocess.run(kubectl, ["config", "view", "--minify", "--flatten", "-o", "json"] + flags, environment: variables)
        try #require(view.status == 0, "kubectl failed: \(view.stderr)")
        let truth = try JSONParser.parse(view.stdout)

        let overrides = GlobalOptions.parseOrExit(flags).overrides
        let ours = try ConnectionResolver(environment: DiskEnvironment(variables: variables, homeDirectory: dir.path))
            .resolve(overrides)

        let context = truth["contexts"]?[0]?["context"]
        let cluster = truth["clusters"]?[0]?["cluster"]
        let user = truth["users"]?[0]?["user"] ?? [:]
        #expect(ours.contextName == truth["current-context"]?.stringValue)
        #expect(ours.clusterName == truth["clusters"]?[0]?["name"]?.stringValue)
        #expect(ours.userName == (truth["users"]?[0]?["name"]?.stringValue ?? ""))
        #expect(ours.server == cluster?["server"]?.stringValue)
        #expect(ours.tlsServerName == cluster?["tls-server-name"]?.stringValue)
        #expect(ours.insecureSkipTLSVerify == (cluster?["insecure-skip-tls-verify"]?.boolValue ?? false))
        #expect(ours.certificateAuthorityPEM == cluster?["certificate-authority-data"]?.stringValue.flatMap { Base64.decode($0) })
        #expect(ours.namespace == (context?["namespace"]?.stringValue ?? "default"))

        switch ours.credential {
        case .clientCertificate(let cert, let key, _):
            #expect(cert == user["client-certificate-data"]?.stringValue.flatMap { Base64.decode($0) })
            #expect(key == user["client-key-data"]?.stringValue.flatMap { Base64.decode($0) })
        case .bearerToken(let token, let file):
            if let tokenFile = user["tokenFile"]?.stringValue {
                // kubectl shows the path (resolved against the file when --flatten); the token is its content.
                let path = tokenFile.hasPrefix("/") ? tokenFile : dir.path + "/a/" + tokenFile
                #expect(file == path)
                #expect(token == String(Subprocess.readText(path).filter { $0 != "\n" && $0 != " " }))
            } else {
                #expect(token == user["token"]?.stringValue)
            }
        case .basicAuth(let name, let password):
            #expect(name == user["username"]?.stringValue && password == user["password"]?.stringValue)
        case .exec(let exec):
            let command = try #require(user["exec"]?["command"]?.stringValue)
            #expect(exec.command.hasSuffix(command.hasPrefix("./") ? String(command.dropFirst(1)) : command))
            #expect(exec.command.hasPrefix("/"))
        case .none:
            #expect(user["token"] == nil && user["client-certificate-data"] == nil && user["exec"] == nil)
        }
        #expect(ours.impersonation?.user == user["as"]?.stringValue)
        #expect(ours.impersonation?.groups ?? [] == (user["as-groups"]?.arrayValue?.compactMap(\.stringValue) ?? []))
    }

    @Test("names that do not exist fail in both", arguments: [["--context", "nope"]])
    func missingNames(flags: [String]) async throws {
        let kubectl = try #require(Subprocess.kubectl)
        let dir = TemporaryDirectory()
        let path = dir.write("b/config", Self.fileB)
        let variables = ["HOME": dir.path, "PATH": "/usr/bin:/bin", "KUBECONFIG": path]
        let view = await Subprocess.run(kubectl, ["config", "view", "--minify", "-o", "json"] + flags, environment: variables)
        #expect(view.status != 0)
        #expect(throws: KubeConfigError.self) {
            try ConnectionResolver(environment: DiskEnvironment(variables: variables, homeDirectory: dir.path))
                .resolve(GlobalOptions.parseOrExit(flags).overrides)
        }
    }
}
