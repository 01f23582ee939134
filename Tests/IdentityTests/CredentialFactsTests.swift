import GuardrailCore
import Testing
@testable import Identity

@Suite struct UTCInstantTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)), ("2026-11-29T03:06:14Z", 1_795_921_574),
        ("2026-11-29T03:06:14.123456Z", 1_795_921_574), ("2026-11-29T05:06:14+02:00", 1_795_921_574),
        ("2000-02-29T00:00:00Z", 951_782_400), ("1969-12-31T23:59:59Z", -1),
    ])
    func parsesRFC3339(text: String, seconds: Int64) {
        #expect(UTCInstant(rfc3339: text)?.secondsSince1970 == seconds)
    }

    @Test(arguments: ["", "2026-11-29", "2026-11-29T03:06:14", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                      "2026-11-29T03:06:14.Z", "2026-11-29T03:06:14+0200", "２０２６-11-29T03:06:14Z"])
    func rejectsMalformedTimestamps(_ text: String) {
        #expect(UTCInstant(rfc3339: text) == nil)
    }

    @Test func roundTripsThroughRFC3339() {
        for seconds in stride(from: Int64(-86_400 * 800), to: 86_400 * 365 * 400, by: 86_400 * 37 + 3_631) {
            let instant = UTCInstant(secondsSince1970: seconds)
            #expect(UTCInstant(rfc3339: instant.rfc3339) == instant)
        }
    }

    @Test func parsesAmzDate() {
        #expect(UTCInstant(amzDate: "20261129T025214Z")?.rfc3339 == "2026-11-29T02:52:14Z")
        #expect(UTCInstant(amzDate: "2026-11-29T02:52:14Z") == nil)
    }
}

@Suite struct BearerTokenFactsTests {
    @Test func readsTheEKSPresignedURL() throws {
        let token = eksToken(accessKey: "ASIAEXAMPLEEXAMPLE12", region: "us-west-2", amzDate: "20261129T025214Z")
        guard case .eks(let facts) = BearerTokenFacts(token: token) else {
            Issue.record("not recognised as an EKS token")
            return
        }
        #expect(facts.accessKeyID == "ASIAEXAMPLEEXAMPLE12")
        #expect(facts.stsRegion == "us-west-2")
        #expect(facts.hasSessionToken)
        #expect(facts.expiresAt?.rfc3339 == "2026-11-29T03:07:14Z")
    }

    @Test func readsJWTClaimsWithoutKeepingTheToken() {
        let payload = #"{"iss":"https://dex.example.com","sub":"CgVhbGljZQ","aud":["kubernetes"],"exp":1764388800}"#
        let token = "eyJhbGciOiJSUzI1NiJ9." + Base64.encode(Array(payload.utf8), url: true, padding: false) + ".sig"
        #expect(BearerTokenFacts(token: token) == .jwt(
            issuer: "https://dex.example.com", subject: "CgVhbGljZQ", audiences: ["kubernetes"],
            expiresAt: UTCInstant(secondsSince1970: 1_764_388_800)))
    }

    @Test func recognisesBootstrapAndOpaqueTokens() {
        #expect(BearerTokenFacts(token: "abcdef.0123456789abcdef") == .bootstrap(tokenID: "abcdef"))
        #expect(BearerTokenFacts(token: "s3cr3t-static-token") == .opaque)
        #expect(BearerTokenFacts(token: "k8s-aws-v1.!!!") == .opaque)
        #expect(BearerTokenFacts(token: "a.b.c") == .opaque)
        #expect(BearerTokenFacts(token: "") == .opaque)
    }
}

@Suite struct KubeconfigCredentialTests {
    @Test(arguments: [
        ("https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
         KubeconfigCredential.Platform.eks(region: "us-east-1")),
        ("https://0123.yl4.cn-north-1.eks.amazonaws.com.cn:443/", .eks(region: "cn-north-1")),
        ("https://contoso-1a2b.hcp.westeurope.azmk8s.io:443", .aks),
        ("https://gke-0123.us-central1.gke.goog", .gke),
    ])
    func recognisesManagedEndpoints(server: String, platform: KubeconfigCredential.Platform) {
        #expect(KubeconfigCredential.platform(ofServer: server) == platform)
    }

    @Test(arguments: [
        "https://127.0.0.1:6443", "", "eks.amazonaws.com", "https://[::1]:6443", "https://eks.example.com",
    ])
    func leavesOtherServersAlone(_ server: String) {
        #expect(KubeconfigCredential.platform(ofServer: server) == nil)
    }

    @Test func readsAWSGetTokenFlagsInEveryForm() {
        let source = KubeconfigCredential.describe(CredentialHints.ExecPlugin(
            command: "/usr/local/bin/aws",
            args: ["eks", "get-token", "--cluster-name=prod", "--role-arn", "arn:aws:iam::1:role/x",
                   "--output", "json"],
            env: ["AWS_REGION": "eu-central-1", "AWS_PROFILE": "ops", "AWS_SECRET_ACCESS_KEY": "never-shown"]))
        #expect(source.plugin == "aws eks get-token")
        #expect(source.facts == [Fact("cluster", "prod"), Fact("region", "eu-central-1"), Fact("profile", "ops"),
                                 Fact("role", "arn:aws:iam::1:role/x")])
    }

    @Test func neverKeepsUndisplayedEnvironment() {
        let exec = CredentialHints.ExecPlugin(command: "x", env: ["AWS_SECRET_ACCESS_KEY": "s", "AWS_PROFILE": "p"])
        #expect(exec.env == ["AWS_PROFILE": "p"])
    }
}

@Suite struct UTCInstantBoundsTests {
    @Test func printableBoundsAreTheCalendarEnds() {
        #expect(UTCInstant(year: 1, month: 1, day: 1)?.secondsSince1970 == UTCInstant.earliestPrintable)
        #expect(UTCInstant(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)?.secondsSince1970
            == UTCInstant.latestPrintable)
        #expect(UTCInstant(secondsSince1970: .min).rfc3339 == "0001-01-01T00:00:00Z")
        #expect(UTCInstant(secondsSince1970: .max).rfc3339 == "9999-12-31T23:59:59Z")
    }
}
