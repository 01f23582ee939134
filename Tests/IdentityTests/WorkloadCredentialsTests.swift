import GuardrailCore
import Testing
@testable import Identity

/// Pod Identity versus IRSA versus static keys versus the node role, with the webhook's and the SDKs'
/// precedence (eks-identity.md §4.4).
@Suite struct WorkloadCredentialsTests {
    static let podIdentityEnv = [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"),
                                 ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/pods.eks/x")]
    static let irsaEnv = [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/old"),
                          ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")]
    static let annotated: JSONValue = ["metadata": ["name": "sa", "namespace": "ns", "annotations": [
        "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/new",
    ]]]
    static let plain: JSONValue = ["metadata": ["name": "sa", "namespace": "ns"]]

    func infer(_ account: Lookup<JSONValue>, _ pods: Lookup<[JSONValue]>, ownPod: String? = nil)
        -> Lookup<WorkloadCredentials>
    {
        WorkloadCredentialsInference.infer(namespace: "ns", name: "sa", ownPod: ownPod, serviceAccount: account,
                                           pods: pods)
    }

    @Test func podIdentityWinsOverTheIRSAAnnotation() throws {
        let result = try #require(infer(.found(Self.annotated), .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa", env: Self.podIdentityEnv),
        ])).value)
        #expect(result.effective == .podIdentity)
        #expect(result.roleARN == nil)
        #expect(result.notes.contains(
            "the eks.amazonaws.com/role-arn annotation (arn:aws:iam::111122223333:role/new) is ignored: Pod Identity "
                + "takes precedence"))
    }

    @Test func webIdentityBeatsContainerCredentialsInTheSDKChain() throws {
        let result = try #require(infer(.found(Self.plain), .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa", env: Self.irsaEnv + Self.podIdentityEnv),
        ])).value)
        #expect(result.effective == .irsa)
        #expect(result.roleARN == "arn:aws:iam::111122223333:role/old")
    }

    @Test func staticKeysBeatEverything() throws {
        let result = try #require(infer(.notLookedUp, .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa",
                    env: [("AWS_ACCESS_KEY_ID", "AKIA…")] + Self.irsaEnv),
        ])).value)
        #expect(result.effective == .staticKeys)
    }

    @Test func stalePodsAreCalledOut() throws {
        let result = try #require(infer(.found(Self.annotated), .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa", env: Self.irsaEnv),
        ])).value)
        #expect(result.effective == .irsa)
        #expect(result.notes == ["pod uses arn:aws:iam::111122223333:role/old but the service account now says "
            + "arn:aws:iam::111122223333:role/new: restart the pods"])
    }

    @Test func disagreeingPodsAreCountedAndTheOwnPodDecides() throws {
        let pods: [JSONValue] = [
            podJSON(name: "a", namespace: "ns", serviceAccount: "sa", env: Self.podIdentityEnv),
            podJSON(name: "b", namespace: "ns", serviceAccount: "sa", env: Self.podIdentityEnv),
            podJSON(name: "c", namespace: "ns", serviceAccount: "sa", env: Self.irsaEnv),
        ]
        let majority = try #require(infer(.notLookedUp, .found(pods)).value)
        #expect(majority.effective == .podIdentity)
        #expect(majority.notes.first == "pods disagree (1 irsa, 2 pod-identity): pods keep the credentials they were "
            + "created with until restarted")
        let own = try #require(infer(.notLookedUp, .found(pods), ownPod: "c").value)
        #expect(own.effective == .irsa)
    }

    @Test func annotatedButNotInjectedFallsBackToTheNodeRole() throws {
        let result = try #require(infer(.found(Self.annotated), .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa"),
            podJSON(name: "other", namespace: "ns", serviceAccount: "another", env: Self.podIdentityEnv),
        ])).value)
        #expect(result.effective == .nodeRole)
        #expect(result.notes.first?.hasPrefix("annotated for IRSA") == true)
    }

    @Test func podIdentityIsRecognisedByItsVolumeAlone() throws {
        let volume: JSONValue = ["name": "token", "projected": ["sources": [
            ["serviceAccountToken": ["audience": "pods.eks.amazonaws.com"]],
        ]]]
        let result = try #require(infer(.notLookedUp, .found([
            podJSON(name: "p", namespace: "ns", serviceAccount: "sa", volumes: [volume]),
        ])).value)
        #expect(result.effective == .podIdentity)
    }

    @Test func forbiddenPodsWithAnAnnotationMeanProbablyIRSA() throws {
        let result = try #require(infer(.found(Self.annotated),
                                        .unavailable(reason: "forbidden: cannot list pods in ns")).value)
        #expect(result.effective == .irsa)
        #expect(result.notes == ["could not inspect its pods (forbidden: cannot list pods in ns): a Pod Identity "
            + "association, which takes precedence, cannot be ruled out"])
    }

    @Test func forbiddenEverythingSaysWhatCouldNotBeChecked() {
        let result = infer(.unavailable(reason: "forbidden"), .unavailable(reason: "forbidden: cannot list pods in ns"))
        #expect(result == .unavailable(
            reason: "could not inspect its pods (forbidden: cannot list pods in ns); Pod Identity associations are "
                + "only visible on pods",
            hint: "ask for `get pods` in ns, or check `aws eks list-pod-identity-associations`"))
    }

    @Test func notLookedUpStaysSilent() {
        #expect(infer(.notLookedUp, .notLookedUp) == .notLookedUp)
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "system:serviceaccount:ns:sa", groups: []), now: testNow)
        #expect(!ExplanationRenderer.plainText(for: explanation).contains("AWS"))
    }

    @Test func degradedExplanationText() {
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "system:serviceaccount:ns:sa",
                     extra: ["authentication.kubernetes.io/pod-name": ["web-0"]]),
            cluster: ClusterFacts(serviceAccount: .unavailable(reason: "forbidden"),
                                  pods: .unavailable(reason: "forbidden: cannot list pods in ns")),
            now: testNow)
        #expect(ExplanationRenderer.plainText(for: explanation) == """
            Identity     service account ns/sa, token bound to pod web-0
            Pod          web-0
            AWS          could not check: could not inspect its pods (forbidden: cannot list pods in ns); Pod\
             Identity associations are only visible on pods — ask for `get pods` in ns, or check `aws eks\
             list-pod-identity-associations`

            """)
    }
}

@Suite struct OtherCloudWorkloadIdentityTests {
    @Test func gkeAndAzureWorkloadIdentityAnnotationsAreShown() {
        let account: JSONValue = ["metadata": ["name": "app", "namespace": "web", "annotations": [
            "iam.gke.io/gcp-service-account": "app@acme-prod.iam.gserviceaccount.com",
        ]]]
        let explanation = IdentityExplainer.explain(
            UserInfo(username: "system:serviceaccount:web:app",
                     extra: ["authentication.kubernetes.io/pod-name": ["a"]]),
            cluster: ClusterFacts(serviceAccount: .found(account), pods: .found([])), now: testNow)
        #expect(explanation.details == [Fact("gcp sa", "app@acme-prod.iam.gserviceaccount.com",
                                             note: "GKE Workload Identity")])
        let text = ExplanationRenderer.plainText(for: explanation)
        #expect(text.contains("  gcp sa     app@acme-prod.iam.gserviceaccount.com — GKE Workload Identity\n"))
        #expect(!text.contains("AWS"))
    }
}
