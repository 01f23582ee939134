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
            return message.hasPrefix("error loading config file \"/k/config\": users[name=u1].user.client-certificate-data")
                && message.contains("illegal base64 data at input byte 8")
        }
    }

    @Test("a field of the wrong type is an error naming its path")
    func wrongType() {
        let text = KubeConfigBuilder().cluster("c", ["server": ["not", "a", "string"]]).text
        #expect(throws: KubeConfigError(
            .invalidFile, "error loading config file \"/k/config\": clusters[name=c].cluster.server must be a string",
            location: SourceLocation(file: "/k/config"))
        ) {
            try load(text)
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
