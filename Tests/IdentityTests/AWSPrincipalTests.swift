import Testing
@testable import Identity

@Suite struct AWSPrincipalTests {
    @Test(arguments: [
        ("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevOps_Admin_1234abcd/john.doe@example.com",
         AWSPrincipalARN.Kind.assumedRole(roleName: "AWSReservedSSO_DevOps_Admin_1234abcd",
                                          sessionName: "john.doe@example.com"),
         "arn:aws:iam::123456789012:role/AWSReservedSSO_DevOps_Admin_1234abcd"),
        ("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_X_abc",
         .role(path: "/aws-reserved/sso.amazonaws.com/eu-west-1/", name: "AWSReservedSSO_X_abc"),
         "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_X_abc"),
        ("arn:aws:iam::123456789012:role/deployer", .role(path: "/", name: "deployer"),
         "arn:aws:iam::123456789012:role/deployer"),
        ("arn:aws-cn:iam::123456789012:user/engineering/alice", .user(path: "/engineering/", name: "alice"),
         "arn:aws-cn:iam::123456789012:user/engineering/alice"),
        ("arn:aws:sts::123456789012:federated-user/bob", .federatedUser(name: "bob"),
         "arn:aws:sts::123456789012:federated-user/bob"),
        ("arn:aws-us-gov:iam::123456789012:root", .root, "arn:aws-us-gov:iam::123456789012:root"),
    ])
    func parsesPrincipalARNs(text: String, kind: AWSPrincipalARN.Kind, canonical: String) throws {
        let arn = try #require(AWSPrincipalARN(text))
        #expect(arn.kind == kind)
        #expect(arn.account == "123456789012")
        #expect(arn.canonical == canonical)
    }

    @Test(arguments: [
        "", "arn", "arn:aws", "arn:aws:sts::123456789012", "not-an-arn:aws:iam::123456789012:root",
        "arn:aws:iam::12345:role/short-account", "arn:aws:iam::12345678901a:role/x",
        "arn:aws:sts::123456789012:assumed-role/only-role", "arn:aws:sts::123456789012:assumed-role//",
        "arn:aws:iam::123456789012:group/admins", "arn:aws:s3:::bucket",
        "arn:aws:eks:us-east-1:123456789012:cluster/demo",
        "arn:aws:iam:us-east-1:123456789012:role/regional", "arn:aws-mars:iam::123456789012:role/x",
        "arn:aws:iam::123456789012:root/extra", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:",
        String(repeating: "arn:aws:iam::123456789012:role/", count: 200),
    ])
    func rejectsOddARNs(_ text: String) {
        #expect(AWSPrincipalARN(text) == nil)
    }

    @Test(arguments: [
        ("AWSReservedSSO_DevOps_Admin_1234abcd", "DevOps_Admin", "1234abcd"),
        ("AWSReservedSSO_AdministratorAccess_ccf1d4a38ab69010", "AdministratorAccess", "ccf1d4a38ab69010"),
        ("AWSReservedSSO_a_b_c_0f", "a_b_c", "0f"),
    ])
    func splitsPermissionSetAtLastUnderscore(role: String, permissionSet: String, suffix: String) throws {
        let ic = try #require(IdentityCenterRole(roleName: role))
        #expect(ic.permissionSet == permissionSet)
        #expect(ic.suffix == suffix)
    }

    @Test(arguments: ["AWSReservedSSO_", "AWSReservedSSO_NoSuffix", "AWSReservedSSO__abc", "AWSReservedSSO_X_NOTHEX",
                      "MyRole_1234abcd"])
    func rejectsOtherRoleNames(_ role: String) {
        #expect(IdentityCenterRole(roleName: role) == nil)
    }

    @Test func namesIDPrefixes() {
        #expect(AWSIDPrefix(of: "ASIA1234567890EXAMPLE") == .temporaryAccessKey)
        #expect(AWSIDPrefix(of: "AKIAIOSFODNN7EXAMPLE") == .longTermAccessKey)
        #expect(AWSIDPrefix(of: "AROATCKASJUUBCXRRKSFT") == .role)
        #expect(AWSIDPrefix(of: "AIDAEXAMPLEALICE0001") == .user)
        #expect(AWSIDPrefix(of: "123456789012") == nil)
        #expect(AWSIDPrefix(of: "ASIA") == nil)
    }

    @Test(arguments: [
        // username, session, account, key, canonical ARN, expected template
        ("devops-john.doe-example.com", "john.doe@example.com", "123456789012", "ASIA1234567890EXAMPLE", "",
         "devops-{{SessionName}}"),
        ("sso:john.doe@example.com", "john.doe@example.com", "123456789012", "", "", "sso:{{SessionNameRaw}}"),
        ("admin-123456789012-bob", "bob", "123456789012", "", "", "admin-{{AccountID}}-{{SessionName}}"),
        ("key-ASIA1234567890EXAMPLE", "x1", "123456789012", "ASIA1234567890EXAMPLE", "", "key-{{AccessKeyID}}"),
        ("system:node:ip-10-0-0-1.ec2.internal", "i-0123456789abcdef0", "123456789012", "", "",
         "system:node:{{EC2PrivateDNSName}}"),
        ("system:node:fargate-ip-10-0-0-1", "fargate-ip-10-0-0-1", "123456789012", "", "",
         "system:node:{{SessionName}}"),
        ("kubernetes-admin", "jane", "123456789012", "", "", "kubernetes-admin"),
    ])
    func infersUsernameTemplates(username: String, session: String, account: String, key: String,
                                 canonical: String, template: String) {
        let inferred = UsernameTemplateInference.infer(
            username: username, sessionName: session, account: account, accessKeyID: key.isEmpty ? nil : key,
            canonicalArn: canonical.isEmpty ? nil : canonical)
        #expect(inferred?.template == template)
    }
}
