import GuardrailCore
import Testing

@testable import KubeConfig

@Suite("kubeconfig decoding: types, base64, names")
struct KubeConfigDecodingTests {
    private func load(_ text: String, file: String = "/k/config") throws(KubeConfigError) -> KubeConfig {
        try KubeConfigLoader(environment: InMemoryEnvironment(files: [file: text])).load(explicitPath: file)
    }

    @Test("*-data fields are base64 of the PEM bytes")
    func dataFields() throws {
        let text = KubeConfigBuilder()
            .cluster("c", ["server": "https://x", "certificate-authority-data": base64("CA PEM")])
            .user("u", ["client-certificate-data": base64("CERT"), "client-key-data": base64("KEY")])
            .text
        let config = try load(text)
        #expect(config.cluster(named: "c")?.certificateAuthorityData == Array("CA PEM".utf8))
        #expect(config.user(named: "u")?.clientCertificateData == Array("CERT".utf8))
        #expect(config.user(named: "u")?.clientKeyData == Array("KEY".utf8))
    }

    @Test("invalid base64 names the file, the field and the offset")
    func invalidBase64() {
        let text = KubeConfigBuilder().user("u1", ["client-certificate-data": "Zm9vYmFy!!!!"]).text
        #expect {
            try load(text)
        } throws: { error in
            let message = (error as? KubeConfigError)?.message ?? ""
            return message.hasPrefix("/k/config:9:44: error loading config file: users[name=u1].user.client-certificate-data")
                && message.contains("illegal base64 data at input byte 8")
        }
    }

    @Test("a field of the wrong type is an error naming its path")
    func wrongType() {
        let text = KubeConfigBuilder().cluster("c", ["server": ["not", "a", "string"]]).text
        #expect(throws: KubeConfigError(
            .invalidFile, "/k/config:8:27: error loading config file: clusters[name=c].cluster.server must be a string, not a list",
            location: SourceLocation(file: "/k/config", line: 8, column: 27))
        ) {
            try load(text)
        }
    }

    @Test("the cluster's exec extension is kept; other extensions are ignored; the last duplicate wins")
    func execExtension() throws {
        let text = KubeConfigBuilder()
            .cluster("c", [
                "server": "https://x",
                "extensions": [
                    ["name": "client.authentication.k8s.io/exec", "extension": ["first": true]],
                    ["name": "example.com/other", "extension": ["q": 1]],
                    ["name": "client.authentication.k8s.io/exec", "extension": ["audience": "sts", "n": 2]],
                ],
            ])
            .cluster("plain", ["server": "https://y"])
            .text
        let config = try load(text)
        #expect(config.cluster(named: "c")?.execExtension == ["audience": "sts", "n": 2])
        #expect(config.cluster(named: "plain")?.execExtension == nil)
    }

    @Test("extensions that are not a list of named extensions are an error naming the field")
    func malformedExtensions() {
        for extensions: JSONValue in [["name": "x"], [["extension": 1, "name": ["no"]]], ["not a mapping"]] {
            let text = KubeConfigBuilder().cluster("c", ["server": "https://x", "extensions": extensions]).text
            #expect {
                try load(text)
            } throws: { error in
                (error as? KubeConfigError)?.message.contains("clusters[name=c].cluster.extensions") == true
            }
        }
    }

    @Test("duplicate names within one file are refused, as client-go's conversion does")
    func duplicateNames() {
        let text = KubeConfigBuilder().cluster("c", ["server": "https://a"]).cluster("c", ["server": "https://b"]).text
        #expect(throws: KubeConfigError.self) { try load(text) }
    }

    @Test("apiVersion other than v1 is refused with a fix")
    func apiVersion() {
        #expect {
            try load("{\"apiVersion\": \"v2\"}")
        } throws: { error in
            (error as? KubeConfigError)?.message.contains("apiVersion \"v2\" is not supported") == true
        }
    }

    @Test("unknown fields are ignored, exec fields are read")
    func execAndUnknown() throws {
        let text = KubeConfigBuilder()
            .user("e", [
                "exec": [
                    "command": "aws", "args": ["eks", "get-token"], "apiVersion": "client.authentication.k8s.io/v1beta1",
                    "env": [["name": "AWS_PROFILE", "value": "dev"]], "provideClusterInfo": true,
                    "installHint": "install the aws cli", "interactiveMode": "Never",
                ],
                "somethingNew": "ignored",
            ])
            .text
        let exec = try #require(try load(text).user(named: "e")?.exec)
        #expect(exec.command == "aws")
        #expect(exec.args == ["eks", "get-token"])
        #expect(exec.env == [.init(name: "AWS_PROFILE", value: "dev")])
        #expect(exec.provideClusterInfo)
        #expect(exec.interactiveMode == "Never")
    }

    @Test("YAML scalars that are not strings are refused like kubectl, with the fix", arguments: [
        ("yes", "boolean"), ("0755", "number"), ("1e3", "number"),
    ])
    func typedScalars(written: String, type: String) {
        let text = """
            apiVersion: v1
            contexts:
            - name: c
              context:
                cluster: c
                namespace: \(written)
            """
        #expect(throws: KubeConfigError(
            .invalidFile,
            "/k/config:6:16: error loading config file: contexts[name=c].context.namespace must be a string, "
                + "but \(written) reads as a \(type) in YAML; quote it: \"\(written)\"",
            location: SourceLocation(file: "/k/config", line: 6, column: 16))
        ) {
            try load(text)
        }
    }

    @Test("YAML kubeconfigs: quoted scalars are strings, kubectl's usual layout loads")
    func yamlLayout() throws {
        let text = """
            apiVersion: v1
            kind: Config
            current-context: dev   # comment
            preferences: {}
            clusters:
            - cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
              name: dev
            contexts:
            - context: {cluster: dev, user: dev, namespace: "yes"}
              name: dev
            users:
            - name: dev
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, "0755"]
            """
        let config = try load(text)
        #expect(config.currentContext == "dev")
        #expect(config.cluster(named: "dev")?.insecureSkipTLSVerify == true)
        #expect(config.context(named: "dev")?.namespace == "yes")
        #expect(config.user(named: "dev")?.exec?.args.last == "0755")
    }

    @Test("malformed YAML gives file:line:col")
    func malformedYAML() {
        #expect {
            try load("apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: https://x\n    bad: [\n")
        } throws: { error in
            let e = error as? KubeConfigError
            return e?.kind == .invalidFile && e?.location?.line != nil
                && e?.message.hasPrefix("/k/config:") == true && e?.message.contains("error loading config file") == true
        }
    }

    @Test("hostile YAML (alias bombs) is refused, not expanded")
    func aliasBomb() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        #expect(throws: KubeConfigError.self) { try load(text) }
    }

    @Test("malformed input gives file:line:col")
    func malformed() {
        #expect {
            try load("{\n  \"clusters\": [,]\n}")
        } throws: { error in
            let e = error as? KubeConfigError
            return e?.kind == .invalidFile && e?.location?.line == 2 && e?.message.hasPrefix("/k/config:2:") == true
        }
    }
}
