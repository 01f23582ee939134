import GuardrailCore
import Testing
@testable import Identity

/// Confirming or ruling out aws-auth when the ConfigMap is readable (eks-identity.md §2.4 rule 8).
@Suite struct AWSAuthConfigMapTests {
    func mapping(_ c: IdentityCase, _ configMap: AWSAuthConfigMap) -> MappingSource? {
        var cluster = c.cluster
        cluster.awsAuth = .found(configMap)
        return IdentityExplainer.explain(c.userInfo, credential: c.hints, cluster: cluster, now: testNow).aws?.mapping
    }

    @Test func anEntryThatRendersTheUsernameConfirmsAWSAuth() {
        let configMap = AWSAuthConfigMap(
            mapRoles: [["RoleARN": "arn:aws:iam::123456789012:role/AWSReservedSSO_DevOps_Admin_1234abcd",
                        "username": "devops-{{SessionName}}", "groups": ["system:masters"]]],
            mapUsers: nil, mapAccounts: nil)
        #expect(mapping(RealisticIdentities.ssoAdmin, configMap) == MappingSource(
            source: .awsAuth, confidence: .high,
            signals: ["aws-auth mapRoles entry arn:aws:iam::123456789012:role/AWSReservedSSO_DevOps_Admin_1234abcd "
                + "renders this username from devops-{{SessionName}}"]))
    }

    @Test func theSSOMatcherCountsToo() {
        let configMap = AWSAuthConfigMap(
            mapRoles: [["sso": ["permissionSetName": "DevOps_Admin", "accountID": "123456789012"],
                        "username": "devops-{{SessionName}}", "groups": ["system:masters"]]],
            mapUsers: nil, mapAccounts: nil)
        #expect(mapping(RealisticIdentities.ssoAdmin, configMap)?.signals
            == ["aws-auth mapRoles sso entry (sso) renders this username from devops-{{SessionName}}"])
    }

    @Test func anEntryThatRendersSomethingElseMeansAnAccessEntry() {
        let c = MoreIdentities.all.first { $0.name.hasPrefix("EKS custom access entry") }!
        var plain = c
        plain.cluster = ClusterFacts()
        let configMap = AWSAuthConfigMap(
            mapRoles: [["rolearn": "arn:aws:iam::123456789012:role/developers", "username": "dev-{{SessionName}}"]],
            mapUsers: nil, mapAccounts: nil)
        #expect(mapping(plain, configMap) == MappingSource(
            source: .accessEntry, confidence: .high,
            signals: ["the aws-auth mapRoles entry arn:aws:iam::123456789012:role/developers would give "
                + "dev-{{SessionName}}: an access entry overrides it"]))
    }

    @Test func systemMastersWithoutAnEntryIsTheClusterCreator() {
        let c = MoreIdentities.all.first { $0.name == "EKS legacy cluster creator" }!
        let configMap = AWSAuthConfigMap(mapRoles: [], mapUsers: [], mapAccounts: [])
        #expect(mapping(c, configMap)?.source == .eksInternal)
        #expect(mapping(c, configMap)?.confidence == .high)
    }

    @Test func noEntryMeansAnAccessEntry() {
        let configMap = AWSAuthConfigMap(mapRoles: [], mapUsers: nil, mapAccounts: ["999999999999"])
        #expect(mapping(RealisticIdentities.iamUser, configMap) == MappingSource(
            source: .accessEntry, confidence: .high, signals: ["no aws-auth entry maps this principal"]))
    }

    @Test func mapAccountsAcceptsUnquotedAccountIDs() {
        let configMap = AWSAuthConfigMap(mapRoles: nil, mapUsers: nil, mapAccounts: [444_455_556_666, "x"])
        #expect(configMap.accounts == ["444455556666", "x"])
        #expect(mapping(RealisticIdentities.mapAccounts, configMap)?.source == .awsAuthMapAccounts)
    }

    @Test func invalidEntriesAreDropped() {
        let configMap = AWSAuthConfigMap(
            mapRoles: [42, ["rolearn": "arn:aws:iam::1:role/x"], ["rolearn": "arn:aws:iam::1:role/y", "username": "y"]],
            mapUsers: "not a list", mapAccounts: [["nested"]])
        #expect(configMap.roles == [AWSAuthConfigMap.Entry(arn: "arn:aws:iam::1:role/y", username: "y", groups: [])])
        #expect(configMap.users.isEmpty)
        #expect(configMap.accounts.isEmpty)
    }

    @Test func theConfigMapTemplateReplacesTheReconstructedOne() {
        // Without an @ in the session, {{SessionName}} and {{SessionNameRaw}} render alike: only the
        // ConfigMap can tell which one was written.
        let userInfo = UserInfo(
            username: "ops-alice", uid: "aws-iam-authenticator:123456789012:AROAEXAMPLEOPS000001",
            groups: ["system:authenticated"],
            extra: ["arn": ["arn:aws:sts::123456789012:assumed-role/ops/alice"],
                    "canonicalArn": ["arn:aws:iam::123456789012:role/ops"], "sessionName": ["alice"]])
        #expect(IdentityExplainer.explain(userInfo, now: testNow).aws?.usernameTemplate?.template
            == "ops-{{SessionName}}")
        let configMap = AWSAuthConfigMap(
            mapRoles: [["rolearn": "arn:aws:iam::123456789012:role/ops", "username": "ops-{{SessionNameRaw}}"]],
            mapUsers: nil, mapAccounts: nil)
        let explanation = IdentityExplainer.explain(
            userInfo, cluster: ClusterFacts(awsAuth: .found(configMap)), now: testNow)
        #expect(explanation.aws?.usernameTemplate == UsernameTemplate(
            template: "ops-{{SessionNameRaw}}", placeholders: ["{{SessionNameRaw}}"],
            explanation: "as written in the aws-auth ConfigMap"))
        #expect(explanation.aws?.mapping?.confidence == .medium)
    }
}
