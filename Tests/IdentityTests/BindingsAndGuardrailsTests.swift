import GuardrailCore
import Testing
@testable import Identity

@Suite struct BindingsAndGuardrailsTests {
    static let alice = UserInfo(username: "alice", groups: ["devs", "system:authenticated"])

    @Test func listsMatchingBindingsAndAimedGuardrails() {
        let cluster = ClusterFacts(
            bindings: .found([
                MatchedBinding(kind: "ClusterRoleBinding", name: "devs-view", roleKind: "ClusterRole", roleName: "view",
                               subjectKind: "Group", subjectName: "devs"),
                MatchedBinding(kind: "RoleBinding", name: "alice-edit", namespace: "team-a", roleKind: "ClusterRole",
                               roleName: "edit", subjectKind: "User", subjectName: "alice"),
            ]),
            guardrails: .found([
                AimedGuardrail(policy: "protect-namespaces", rule: "no-delete", action: "Enforce",
                               summary: "deleting namespaces labelled protected=true",
                               selectedBy: "subjects Group devs"),
                AimedGuardrail(policy: "require-labels", rule: "team-label", action: "Audit",
                               summary: "pods without a team label", relation: .excludes,
                               selectedBy: "clusterRoles cluster-admin"),
            ]))
        let explanation = IdentityExplainer.explain(Self.alice, cluster: cluster, now: testNow)
        #expect(ExplanationRenderer.plainText(for: explanation) == """
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 1 other group — no built-in meaning; rights come from bindings
            Bindings     ClusterRoleBinding devs-view → ClusterRole view (via Group devs)
                         RoleBinding team-a/alice-edit → ClusterRole edit (via User alice)
            Guardrails   Enforce protect-namespaces/no-delete — deleting namespaces labelled protected=true (match\
             subjects Group devs)
                         exempts you require-labels/team-label — pods without a team label (exclude clusterRoles\
             cluster-admin)

            """)
        let lines = ExplanationRenderer.lines(for: explanation)
        #expect(lines[4].severity == .notice)
        #expect(lines[4].spans.map(\.style) == [.value, .code, .plain, .muted])
    }

    @Test func degradesWhenListingIsForbidden() {
        let cluster = ClusterFacts(
            bindings: .unavailable(reason: "forbidden: cannot list clusterrolebindings",
                                   hint: "ask a cluster admin: kubectl get clusterrolebindings,rolebindings -A"),
            guardrails: .found([]))
        let explanation = IdentityExplainer.explain(Self.alice, cluster: cluster, now: testNow)
        #expect(ExplanationRenderer.plainText(for: explanation) == """
            Groups       system:authenticated — every authenticated caller (added by the API server)
                         + 1 other group — no built-in meaning; rights come from bindings
            Bindings     could not list: forbidden: cannot list clusterrolebindings — ask a cluster admin: kubectl\
             get clusterrolebindings,rolebindings -A
            Guardrails   no Kyverno rule singles you out

            """)
        #expect(explanation.json["bindings"] == [
            "status": "unavailable", "reason": "forbidden: cannot list clusterrolebindings",
            "hint": "ask a cluster admin: kubectl get clusterrolebindings,rolebindings -A",
        ])
        #expect(explanation.json["guardrails"] == ["status": "found", "items": []])
    }

    @Test func forbiddenLookupsSayWhoCanAnswer() {
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "system:serviceaccount:ci:builder"),
            cluster: ClusterFacts(bindings: .forbidden(verb: "list", resource: "clusterrolebindings")), now: testNow)
        let bindingsLine = ExplanationRenderer.lines(for: explanation).first { $0.label == "Bindings" }
        #expect(bindingsLine?.text == "could not list: forbidden: you may not list clusterrolebindings — ask someone "
            + "who may (`kubectl auth can-i list clusterrolebindings`), e.g. a cluster admin, to run "
            + "`kubectl get clusterrolebindings -A`")
        #expect(bindingsLine?.severity == .notice)
    }

    @Test func anUnrecognisedIdentityStillShowsItsBindings() {
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "bob"), cluster: ClusterFacts(bindings: .found([])), now: testNow)
        #expect(!explanation.isRecognised)
        #expect(ExplanationRenderer.plainText(for: explanation)
            == "Bindings     none name you, your groups or your service account\n")
    }

    @Test func longListsAreCut() {
        let many = (0..<50).map {
            MatchedBinding(kind: "ClusterRoleBinding", name: "b\($0)", roleKind: "ClusterRole", roleName: "r",
                           subjectKind: "Group", subjectName: "devs")
        }
        let explanation = IdentityExplainer.explain(Self.alice, cluster: ClusterFacts(bindings: .found(many)),
                                                    now: testNow)
        let lines = ExplanationRenderer.lines(for: explanation)
        #expect(lines.filter { $0.text.hasPrefix("ClusterRoleBinding") }.count == ExplanationRenderer.maxListedItems)
        #expect(lines.last?.text == "… and 30 more")
    }
}

@Suite struct ExplanationJSONTests {
    @Test func ssoExampleAsStructuredData() {
        let c = RealisticIdentities.ssoAdmin
        let json = IdentityExplainer.explain(c.userInfo, credential: c.hints, now: testNow).json
        #expect(json["apiVersion"] == "guardrail.identity/v1")
        #expect(json["kind"] == "aws-iam")
        #expect(json["userInfo"] == c.userInfo.json)
        #expect(json[path: "aws", "principal"] == [
            "partition": "aws", "service": "sts", "type": "assumed-role",
            "roleName": "AWSReservedSSO_DevOps_Admin_1234abcd", "sessionName": "john.doe@example.com",
        ])
        #expect(json[path: "aws", "identityCenter"] == ["permissionSet": "DevOps_Admin", "suffix": "1234abcd"])
        #expect(json[path: "aws", "accessKey"] == ["id": "ASIA1234567890EXAMPLE", "kind": "temporary STS credentials"])
        #expect(json[path: "aws", "usernameTemplate", "template"] == "devops-{{SessionName}}")
        #expect(json[path: "aws", "mapping"] == [
            "source": "aws-auth", "confidence": "high",
            "signals": ["group system:masters cannot come from an access entry"],
        ])
        #expect(json["groups"]?[0]?["severity"] == "critical")
        #expect(json[path: "credential", "plugin"] == "aws eks get-token")
        #expect(json["bindings"] == nil)  // not looked up: omitted
    }

    @Test func podIdentityWorkloadAsStructuredData() {
        let c = RealisticIdentities.podIdentity
        let json = IdentityExplainer.explain(c.userInfo, credential: c.hints, cluster: c.cluster, now: testNow).json
        #expect(json[path: "serviceAccount", "podName"] == "api-7d9f8c6b5-x2x9q")
        #expect(json[path: "serviceAccount", "awsCredentials", "status"] == "found")
        #expect(json[path: "serviceAccount", "awsCredentials", "items", "effective"] == "pod-identity")
    }

    @Test func certificateAsStructuredData() {
        let c = RealisticIdentities.kubeadmAdmin
        let json = IdentityExplainer.explain(c.userInfo, credential: c.hints, now: testNow).json
        #expect(json["certificate"] == [
            "commonName": "kubernetes-admin", "organizations": ["kubeadm:cluster-admins"],
            "issuerCommonName": "kubernetes", "notBefore": "2025-01-01T00:00:00Z", "notAfter": "2027-01-01T00:00:00Z",
            "commonNameMatchesUsername": true, "sha256": .string(Fixtures.fingerprint("kubeadm-admin")),
            "matchesCredentialID": true,
        ])
        #expect(json["expiry"] == [[
            "credential": "client certificate", "expiresAt": "2027-01-01T00:00:00Z",
            "note": "expires in 32 days; cannot be revoked before then",
        ]])
    }
}
