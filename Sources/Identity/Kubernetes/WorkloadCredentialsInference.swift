import GuardrailCore

/// Decides where a service account's pods get AWS credentials: EKS Pod Identity, IRSA, static keys or the
/// node role (eks-identity.md §4).
///
/// Precedence, in the order it is applied:
/// 1. amazon-eks-pod-identity-webhook `buildPodPatchConfig`: "Container credentials method takes
///    precedence" — a pod whose service account has a Pod Identity association gets only the Pod Identity
///    env/volume, even when the service account is annotated `eks.amazonaws.com/role-arn`.
/// 2. The webhook mutates pods at CREATE only: older pods keep what they got.
/// 3. The SDK default chain inside a container (botocore `create_credential_resolver`): static env keys →
///    web identity (IRSA) → container provider (Pod Identity) → IMDS (node role).
enum WorkloadCredentialsInference {
    static let roleAnnotation = "eks.amazonaws.com/role-arn"

    /// What one pod's spec provides.
    struct PodEvidence {
        var name: String
        var staticKeys = false
        var webIdentityRoleARN: String?
        var webIdentity = false
        var containerCredentialsURI: String?
        var podIdentityVolume = false

        var effective: WorkloadCredentials.Source {
            if staticKeys { return .staticKeys }
            if webIdentity { return .irsa }
            if containerCredentialsURI != nil || podIdentityVolume { return .podIdentity }
            return .nodeRole
        }

        var signal: String {
            switch effective {
            case .staticKeys: return "pod \(name) sets AWS_ACCESS_KEY_ID"
            case .irsa: return "pod \(name) has AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE"
            case .podIdentity:
                return containerCredentialsURI != nil
                    ? "pod \(name) has AWS_CONTAINER_CREDENTIALS_FULL_URI=\(containerCredentialsURI!)"
                    : "pod \(name) mounts an eks-pod-identity-token volume"
            case .nodeRole: return "pod \(name) has no AWS credential variables"
            }
        }
    }

    static func infer(namespace: String, name: String, ownPod: String?, serviceAccount: Lookup<JSONValue>,
                      pods: Lookup<[JSONValue]>) -> Lookup<WorkloadCredentials>
    {
        if case .notLookedUp = serviceAccount, case .notLookedUp = pods { return .notLookedUp }
        let annotatedRole = serviceAccount.value?[path: "metadata", "annotations", roleAnnotation]?.stringValue
        var accountNotes: [String] = []
        if case .unavailable(let reason, _) = serviceAccount {
            accountNotes.append("could not read the service account (\(reason))")
        }
        let podItems: [JSONValue]
        switch pods {
        case .found(let items): podItems = items
        case .notLookedUp, .unavailable:
            var reason = "could not inspect its pods"
            if case .unavailable(let why, _) = pods { reason += " (\(why))" }
            guard let annotatedRole else {
                return .unavailable(
                    reason: reason + "; Pod Identity associations are only visible on pods",
                    hint: "ask for `get pods` in \(namespace), or check `aws eks list-pod-identity-associations`")
            }
            return .found(WorkloadCredentials(
                effective: .irsa, roleARN: annotatedRole,
                signals: ["service account annotated \(roleAnnotation)=\(annotatedRole)"],
                notes: accountNotes + [reason + ": a Pod Identity association, which takes precedence, cannot be "
                    + "ruled out"]))
        }
        var evidence = podItems.prefix(10_000).compactMap { pod -> PodEvidence? in
            let podNamespace = pod[path: "metadata", "namespace"]?.stringValue
            let account = pod[path: "spec", "serviceAccountName"]?.stringValue
                ?? pod[path: "spec", "serviceAccount"]?.stringValue ?? "default"
            guard podNamespace == nil || podNamespace == namespace, account == name else { return nil }
            return evidenceOf(pod)
        }
        if let ownPod, let own = evidence.first(where: { $0.name == ownPod }) { evidence = [own] }
        guard !evidence.isEmpty else {
            if let annotatedRole {
                return .found(WorkloadCredentials(
                    effective: .irsa, roleARN: annotatedRole,
                    signals: ["service account annotated \(roleAnnotation)=\(annotatedRole)"],
                    notes: accountNotes + ["no pods of this service account to confirm it; a Pod Identity "
                        + "association would take precedence"]))
            }
            return .unavailable(
                reason: "no pods run as this service account, and Pod Identity associations are only visible "
                    + "on pods", hint: "check `aws eks list-pod-identity-associations`")
        }
        // The effective source of the pods: by majority, ties broken by SDK precedence order.
        let order: [WorkloadCredentials.Source] = [.staticKeys, .irsa, .podIdentity, .nodeRole]
        var counts: [WorkloadCredentials.Source: Int] = [:]
        for pod in evidence { counts[pod.effective, default: 0] += 1 }
        let effective = order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) || ((counts[$0] ?? 0) == (counts[$1] ?? 0)
            && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }!
        let representative = evidence.first { $0.effective == effective }!
        var signals = [representative.signal]
        if let annotatedRole { signals.append("service account annotated \(roleAnnotation)=\(annotatedRole)") }
        var notes = accountNotes
        if counts.count > 1 {
            let mix = order.compactMap { source in counts[source].map { "\($0) \(source.rawValue)" } }
            notes.append("pods disagree (\(mix.joined(separator: ", "))): pods keep the credentials they were "
                + "created with until restarted")
        }
        var roleARN: String?
        switch effective {
        case .irsa:
            roleARN = representative.webIdentityRoleARN ?? annotatedRole
            if let podRole = representative.webIdentityRoleARN, let annotatedRole, podRole != annotatedRole {
                notes.append("pod uses \(podRole) but the service account now says \(annotatedRole): restart the pods")
            }
        case .podIdentity:
            notes.append("the IAM role of a Pod Identity association is not visible in Kubernetes "
                + "(aws eks list-pod-identity-associations shows it)")
            if let annotatedRole {
                notes.append("the \(roleAnnotation) annotation (\(annotatedRole)) is ignored: Pod Identity takes "
                    + "precedence")
            }
        case .staticKeys:
            notes.append("static keys in the pod spec win over every other source in the AWS SDK chain")
        case .nodeRole:
            if let annotatedRole {
                notes.append("annotated for IRSA (\(annotatedRole)) but the pods carry no AWS_ROLE_ARN: created "
                    + "before the annotation, or skipped by the webhook")
            }
            notes.append("the SDK falls back to the node's instance role (IMDS), if the pod can reach it")
        }
        return .found(WorkloadCredentials(effective: effective, roleARN: roleARN, signals: signals, notes: notes))
    }

    static func evidenceOf(_ pod: JSONValue) -> PodEvidence {
        var evidence = PodEvidence(name: pod[path: "metadata", "name"]?.stringValue ?? "?")
        let containers = (pod[path: "spec", "containers"]?.arrayValue ?? [])
            + (pod[path: "spec", "initContainers"]?.arrayValue ?? [])
        for container in containers.prefix(1000) {
            for variable in (container["env"]?.arrayValue ?? []).prefix(10_000) {
                guard let name = variable["name"]?.stringValue else { continue }
                let value = variable["value"]?.stringValue
                switch name {
                case "AWS_ACCESS_KEY_ID": evidence.staticKeys = true
                case "AWS_ROLE_ARN": evidence.webIdentityRoleARN = value
                case "AWS_WEB_IDENTITY_TOKEN_FILE": evidence.webIdentity = true
                case "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI":
                    evidence.containerCredentialsURI = value ?? "(from a reference)"
                default: break
                }
            }
        }
        // The SDK needs both variables for web identity (botocore AssumeRoleWithWebIdentityProvider).
        evidence.webIdentity = evidence.webIdentity && evidence.webIdentityRoleARN != nil
        for volume in (pod[path: "spec", "volumes"]?.arrayValue ?? []).prefix(10_000) {
            if volume["name"]?.stringValue == "eks-pod-identity-token" { evidence.podIdentityVolume = true }
            for source in volume[path: "projected", "sources"]?.arrayValue ?? [] {
                if source[path: "serviceAccountToken", "audience"]?.stringValue == "pods.eks.amazonaws.com" {
                    evidence.podIdentityVolume = true
                }
            }
        }
        return evidence
    }
}
