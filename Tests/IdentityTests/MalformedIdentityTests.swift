import GuardrailCore
import Testing
@testable import Identity

/// Unrecognised or malformed identity data never crashes and falls back to the plain card: nothing
/// is invented, unknown parts are left unexplained.
@Suite struct MalformedIdentityTests {
    @Test func unknownIdentityFallsBackToThePlainCard() {
        let explanation = IdentityExplainer.explain(UserInfo(username: "alice", groups: ["devs"]), now: testNow)
        #expect(explanation.kind == .unrecognised)
        #expect(!explanation.isRecognised)
        #expect(ExplanationRenderer.lines(for: explanation).isEmpty)
        #expect(ExplanationRenderer.plainText(for: explanation) == "")
    }

    @Test func emptyUserInfoFallsBackToThePlainCard() {
        let explanation = IdentityExplainer.explain(UserInfo(username: ""), now: testNow)
        #expect(ExplanationRenderer.lines(for: explanation).isEmpty)
        #expect(explanation.json["recognised"] == false)
    }

    @Test(arguments: [
        "arn:aws:sts::123456789012:assumed-role/only-role", "arn:aws:iam::123456789012:group/admins",
        "arn:aws:sts::NOTANACCOUNT:assumed-role/r/s", "garbage", "", "arn:::::",
        "arn:aws:sts::123456789012:assumed-role/\u{0}/\u{FFFD}",
    ])
    func oddARNsAreNotExplainedAsPrincipals(_ arn: String) {
        let userInfo = UserInfo(
            username: "someone", uid: "aws-iam-authenticator:123456789012:AROAEXAMPLE000000000",
            groups: ["system:authenticated"], extra: ["arn": [arn], "canonicalArn": [arn], "sessionName": ["s"]])
        let explanation = IdentityExplainer.explain(userInfo, now: testNow)
        #expect(explanation.kind == .awsIAM)
        #expect(explanation.aws?.principal == nil)
        #expect(explanation.aws?.identityCenter == nil)
        #expect(explanation.headline
            == "authenticated by EKS (aws-iam-authenticator); the IAM ARN could not be read")
        _ = ExplanationRenderer.plainText(for: explanation)
        _ = JSONWriter().string(from: explanation.json)
    }

    @Test func emptyExtrasAndEmptyValuesAreIgnored() {
        let userInfo = UserInfo(
            username: "system:serviceaccount:ns:sa", uid: "",
            groups: [], extra: ["authentication.kubernetes.io/pod-name": [], "arn": [""], "": [""]])
        let explanation = IdentityExplainer.explain(userInfo, now: testNow)
        #expect(explanation.kind == .serviceAccount)
        #expect(explanation.serviceAccount?.podName == nil)
        #expect(ExplanationRenderer.plainText(for: explanation) == """
            Identity     service account ns/sa
            Note         token not bound to a pod: a TokenRequest token or a legacy Secret token

            """)
    }

    @Test func scrubbedEKSAccountHasNoExtras() {
        let userInfo = UserInfo(
            username: "eks:addon-manager", uid: "aws-iam-authenticator:administrative:eks:addon-manager",
            groups: ["system:authenticated"])
        let explanation = IdentityExplainer.explain(userInfo, now: testNow)
        #expect(explanation.aws?.administrative == true)
        #expect(explanation.aws?.mapping?.source == .eksInternal)
        #expect(explanation.aws?.usernameTemplate == nil)
        #expect(ExplanationRenderer.plainText(for: explanation) == """
            Identity     AWS-internal identity, authenticated by EKS (aws-iam-authenticator)
            Mapped by    EKS-internal mapping (high confidence): uid is aws-iam-authenticator:administrative:…\
             (AWS-internal account)
            Groups       system:authenticated — every authenticated caller (added by the API server)

            """)
    }

    @Test func tenThousandGroupsAreCountedNotListed() {
        var groups = (0..<10_000).map { "team-\($0)" }
        groups += ["system:masters", "system:authenticated"]
        let explanation = IdentityExplainer.explain(UserInfo(username: "alice", groups: groups), now: testNow)
        #expect(explanation.groups.map(\.name) == ["system:masters", "system:authenticated"])
        #expect(explanation.otherGroupCount == 10_000)
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.hasSuffix("+ 10000 other groups — no built-in meaning; rights come from bindings\n"))
    }

    @Test func manyBuiltInGroupsAreCapped() {
        let groups = (0..<500).map { "system:serviceaccounts:ns-\($0)" }
        let explanation = IdentityExplainer.explain(UserInfo(username: "x", groups: groups), now: testNow)
        #expect(explanation.groups.count == IdentityExplainer.maxGroupLines)
        #expect(explanation.otherGroupCount == 500 - IdentityExplainer.maxGroupLines)
    }

    @Test func binaryGarbageInTheClientCertificateIsReportedNotFatal() {
        var generator = SplitMix64(seed: 42)
        var garbage = Array("-----BEGIN CERTIFICATE-----\n".utf8)
        garbage += (0..<700).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        garbage += Array("\n-----END CERTIFICATE-----\n".utf8)
        let hints = CredentialHints(kind: .clientCertificate, clientCertificatePEM: garbage)
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"]),
            credential: hints, now: testNow)
        #expect(explanation.kind == .x509)
        #expect(explanation.certificate == nil)
        #expect(explanation.findings == [Finding(.notice, "the client certificate in kubeconfig could not be parsed")])
    }

    @Test func malformedPodsAndServiceAccountsAreIgnored() {
        let userInfo = UserInfo(username: "system:serviceaccount:ns:sa", groups: ["system:serviceaccounts"])
        let cluster = ClusterFacts(
            serviceAccount: .found(.string("not an object")),
            pods: .found([.null, 42, ["spec": "wrong"], ["metadata": ["namespace": ["x"]]],
                          ["spec": ["serviceAccountName": "sa", "containers": [["env": [["name": 1], "x"]]]]]]))
        let explanation = IdentityExplainer.explain(userInfo, cluster: cluster, now: testNow)
        // One pod claims to be the service account's and injects nothing: node role fallback.
        #expect(explanation.serviceAccount?.workloadCredentials.value?.effective == .nodeRole)
    }

    @Test func randomUserInfoNeverCrashes() {
        var generator = SplitMix64(seed: 7)
        let pieces = ["system:", "node:", "serviceaccount:", "arn:aws:sts::123456789012:assumed-role/", "@", ":",
                      "/", "aws-iam-authenticator:", "i-0123456789abcdef0", "AWSReservedSSO_", "_", "ASIA", "#",
                      "https://", "\u{0}", "é", "00000000-0000-0000-0000-000000000000", ""]
        func random() -> String {
            (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        for _ in 0..<3000 {
            let keys = ["arn", "canonicalArn", "sessionName", "accessKeyId", "principalId", "oid",
                        "authentication.kubernetes.io/pod-name", "iam.gke.io/user-assertion"]
            var extra: [String: [String]] = [:]
            for key in keys where generator.next() % 2 == 0 { extra[key] = [random()] }
            let userInfo = UserInfo(username: random(), uid: random(), groups: [random(), random()], extra: extra)
            let kinds: [CredentialHints.Kind] = [.none, .exec, .clientCertificate, .bearerToken, .authProvider]
            let hints = CredentialHints(
                kind: kinds[Int(generator.next() % 5)], contextName: random(), clusterName: random(),
                server: random() + ".eks.amazonaws.com",
                exec: .init(command: ["aws", "kubelogin", "kubectl", random()][Int(generator.next() % 4)],
                            args: ["eks", "get-token", "--region", random(), "--cluster-name", "oidc-login",
                                   "--server-id"].shuffled(using: &generator)),
                bearerToken: BearerTokenFacts(token: random()), authProviderName: random())
            let explanation = IdentityExplainer.explain(userInfo, credential: hints, now: testNow)
            _ = ExplanationRenderer.plainText(for: explanation)
            _ = explanation.json
        }
    }
}

@Suite struct TerminalSafetyTests {
    @Test func controlCharactersNeverReachTheText() {
        let userInfo = UserInfo(username: "system:serviceaccount:ns:evil\u{1B}[31m", groups: ["system:masters\u{7}"])
        let explanation = IdentityExplainer.explain(userInfo, now: testNow)
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("\u{FFFD}"))
    }
}

@Suite struct AbsurdTimestampTests {
    @Test(arguments: [Int64.min, Int64.max, 0, -1])
    func extremeExpiryTimesDoNotTrap(_ seconds: Int64) {
        let hints = CredentialHints(
            kind: .bearerToken,
            bearerToken: .jwt(issuer: "https://issuer", subject: "x", audiences: [],
                              expiresAt: UTCInstant(secondsSince1970: seconds)))
        let explanation = IdentityExplainer.explain(UserInfo(username: "https://issuer#x"), credential: hints,
                                                    now: testNow)
        #expect(explanation.expiry.count == 1)
        _ = ExplanationRenderer.plainText(for: explanation)
        _ = explanation.json
    }
}
