import GuardrailCore
import KubeConfig
import Testing

@testable import GuardrailCLI

@Suite("whoami output: kubectl's JSON and YAML shapes, the identity card")
struct WhoAmIOutputFormatTests {
    static let response: JSONValue = [
        "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
        "metadata": ["creationTimestamp": nil, "unknownField": "dropped"],
        "status": [
            "userInfo": [
                "groups": ["devs", "system:authenticated"], "username": "alice", "uid": "1234-abcd",
                "extra": ["scopes.example.com": ["read", "write"], "a.example.com": ["x"]],
            ]
        ],
    ]

    @Test("-o json: kubectl's key order, 4-space indentation, creationTimestamp null, trailing newline")
    func json() {
        let text = ObjectPrinter.json(SelfSubjectReviewObject.printable(Self.response, apiVersion: "authentication.k8s.io/v1"))
        #expect(text == """
            {
                "kind": "SelfSubjectReview",
                "apiVersion": "authentication.k8s.io/v1",
                "metadata": {
                    "creationTimestamp": null
                },
                "status": {
                    "userInfo": {
                        "username": "alice",
                        "uid": "1234-abcd",
                        "groups": [
                            "devs",
                            "system:authenticated"
                        ],
                        "extra": {
                            "a.example.com": [
                                "x"
                            ],
                            "scopes.example.com": [
                                "read",
                                "write"
                            ]
                        }
                    }
                }
            }

            """)
    }

    @Test("-o yaml: sorted keys, sequences at key indentation")
    func yaml() {
        let text = ObjectPrinter.yaml(SelfSubjectReviewObject.printable(Self.response, apiVersion: "authentication.k8s.io/v1"))
        #expect(text == """
            apiVersion: authentication.k8s.io/v1
            kind: SelfSubjectReview
            metadata:
              creationTimestamp: null
            status:
              userInfo:
                extra:
                  a.example.com:
                  - x
                  scopes.example.com:
                  - read
                  - write
                groups:
                - devs
                - system:authenticated
                uid: 1234-abcd
                username: alice

            """)
    }

    @Test("YAML scalars are quoted like go-yaml v2", arguments: [
        ("plain", "plain"), ("system:masters", "system:masters"), ("true", "\"true\""), ("yes", "\"yes\""),
        ("", "\"\""), ("123", "\"123\""), ("1.5", "\"1.5\""), ("2026-11-29T04:00:00Z", "\"2026-11-29T04:00:00Z\""),
        ("a: b", "'a: b'"), ("- x", "'- x'"), ("#x", "'#x'"), ("a #b", "'a #b'"), ("*x", "'*x'"), (" lead", "' lead'"),
        ("it's: x", "'it''s: x'"), ("X509SHA256=ab12", "X509SHA256=ab12"), ("arn:aws:iam::1:role/x", "arn:aws:iam::1:role/x"),
        ("null", "\"null\""), ("~", "\"~\""), ("0x1F", "\"0x1F\""), ("1:20", "\"1:20\""), ("1e3", "\"1e3\""),
        ("a\tb", "\"a\\tb\""), ("bell\u{07}", "\"bell\\a\""),
    ])
    func scalarQuoting(input: String, expected: String) {
        #expect(ObjectPrinter.yaml(["k": .string(input)]) == "k: \(expected)\n")
    }

    @Test("multi-line strings become literal blocks")
    func literal() {
        #expect(ObjectPrinter.yaml(["k": "a\nb"]) == "k: |-\n  a\n  b\n")
        #expect(ObjectPrinter.yaml(["k": "a\n"]) == "k: |\n  a\n")
    }

    @Test("identity card lists identity then credential, never the token")
    func card() {
        let connection = ConnectionConfig(
            contextName: "dev", clusterName: "dev", userName: "alice", sourceFiles: ["/home/user/.kube/config"],
            server: "https://dev.example:6443", namespace: "team-a", namespaceExplicit: true,
            credential: .bearerToken(token: "super-secret", tokenFile: nil),
            impersonation: Impersonation(user: "bob", groups: ["g1", "g2"]))
        let card = IdentityCard(
            user: UserInfo(json: Self.response[path: "status", "userInfo"]!), connection: connection,
            apiVersion: "authentication.k8s.io/v1", home: "/home/user")
        let text = card.render(style: TextStyle(enabled: false))
        #expect(text == """
            Username   alice
            UID        1234-abcd
            Groups     devs
                       system:authenticated
            Extra      a.example.com: x
                       scopes.example.com: read, write

            Credential
              Context         dev (~/.kube/config)
              Cluster         dev  https://dev.example:6443
              Auth            user alice: bearer token
              Impersonating   user bob
                              groups g1, g2
              Namespace       team-a
              API             SelfSubjectReview authentication.k8s.io/v1

            """)
        #expect(!text.contains("super-secret"))
        let colored = card.render(style: TextStyle(enabled: true))
        #expect(colored.contains("\u{1B}["))
    }

    @Test("SelfSubjectReview fallback: v1 → v1beta1 → v1alpha1 on 404 only")
    func fallback() async throws {
        let asked = CapturingSink()
        let answer = try await SelfSubjectReviewRequest.send { version, body in
            asked.write(version + " ")
            #expect(body["apiVersion"] == .string(version))
            if version != "authentication.k8s.io/v1alpha1" { throw TestAPIError(status: 404) }
            return Self.response
        }
        #expect(asked.text == "authentication.k8s.io/v1 authentication.k8s.io/v1beta1 authentication.k8s.io/v1alpha1 ")
        #expect(answer.apiVersion == "authentication.k8s.io/v1alpha1")
    }
}

extension WhoAmIOutputFormatTests {
    @Test("404 on every version: kubectl's message and a hint")
    func noVersionServed() async {
        await #expect(throws: CommandFailure(
            .failure, "the selfsubjectreviews API is not enabled in the cluster",
            hint: "it is served by Kubernetes 1.28 and later; on 1.26–1.27 enable the APISelfSubjectReview feature "
                + "gate and the authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API")
        ) {
            _ = try await SelfSubjectReviewRequest.send { _, _ in throw TestAPIError(status: 404) }
        }
    }

    @Test("403 stops the fallback with kubectl's message; other errors pass through unchanged")
    func forbiddenAndOthers() async {
        let calls = CapturingSink()
        await #expect {
            _ = try await SelfSubjectReviewRequest.send { version, _ in
                calls.write(version + " ")
                throw TestAPIError(status: 403)
            }
        } throws: { error in
            (error as? CommandFailure)?.message
                == "the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it"
        }
        #expect(calls.text == "authentication.k8s.io/v1 ")
        await #expect(throws: TestAPIError.self) {
            _ = try await SelfSubjectReviewRequest.send { _, _ in throw TestAPIError(status: 500) }
        }
    }
}

/// A stand-in API error carrying only a status code, for the fallback logic.
struct TestAPIError: HTTPStatusError {
    var status: Int
    var serverMessage: String? = nil
    var httpStatus: Int? { status }
}
