/// Recognises the credential kubeconfig uses: well-known exec plugins and their flags, and the platform
/// the server URL points at.
enum KubeconfigCredential {
    /// The recognised platform of an API server URL.
    enum Platform: Equatable {
        case eks(region: String)
        case aks
        case gke
    }

    /// EKS endpoints: `https://<hex>.<shard>.<region>.eks.amazonaws.com` (`.eks.amazonaws.com.cn` in China);
    /// AKS `*.azmk8s.io`; GKE `*.gke.goog` (DNS endpoints).
    static func platform(ofServer server: String) -> Platform? {
        var host = Substring(server)
        if let scheme = host.firstRange(of: "://") { host = host[scheme.upperBound...] }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        if let colon = host.lastIndex(of: ":"), !host.contains("]") { host = host[..<colon] }
        let labels = host.lowercased().split(separator: ".").map(String.init)
        if let eks = labels.firstIndex(of: "eks"), eks >= 1, labels.count > eks + 2,
            labels[eks + 1] == "amazonaws", labels[eks + 2] == "com"
        {
            return .eks(region: labels[eks - 1])
        }
        if host.lowercased().hasSuffix(".azmk8s.io") { return .aks }
        if host.lowercased().hasSuffix(".gke.goog") { return .gke }
        return nil
    }

    /// `EKS cluster demo in us-east-1, account 123456789012` from an EKS cluster ARN used as context or
    /// cluster name (`aws eks update-kubeconfig` names them so), else from the server URL alone.
    static func clusterDescription(_ hints: CredentialHints) -> String? {
        for name in [hints.clusterName, hints.contextName] {
            if let arn = GenericARN(name), arn.service == "eks", arn.resource.hasPrefix("cluster/") {
                let name = arn.resource.dropFirst("cluster/".count)
                return "EKS cluster \(name) in \(arn.region), account \(arn.account)"
            }
        }
        switch platform(ofServer: hints.server) {
        case .eks(let region): return "EKS cluster in \(region)"
        case .aks: return "AKS cluster"
        case .gke: return "GKE cluster"
        case nil: return nil
        }
    }

    /// The value of `--name value` / `--name=value` (any of `names`) in `args`.
    static func flag(_ names: [String], in args: [String]) -> String? {
        var i = 0
        while i < args.count {
            let arg = args[i]
            for name in names {
                if arg == name, i + 1 < args.count { return args[i + 1] }
                if arg.hasPrefix(name + "=") { return String(arg.dropFirst(name.count + 1)) }
            }
            i += 1
        }
        return nil
    }

    static func basename(_ command: String) -> String {
        command.split(separator: "/").last.map(String.init) ?? command
    }

    /// What the kubeconfig credential is, with the recognised exec plugin's settings.
    static func describe(_ hints: CredentialHints) -> CredentialSource? {
        switch hints.kind {
        case .none: return nil
        case .clientCertificate: return CredentialSource(kind: "client-certificate")
        case .bearerToken: return CredentialSource(kind: "token")
        case .basicAuth: return CredentialSource(kind: "basic-auth")
        case .authProvider:
            return CredentialSource(kind: "auth-provider", plugin: hints.authProviderName)
        case .exec:
            guard let exec = hints.exec else { return CredentialSource(kind: "exec") }
            return describe(exec)
        }
    }

    static func describe(_ exec: CredentialHints.ExecPlugin) -> CredentialSource {
        let command = basename(exec.command)
        let args = exec.args
        var facts: [Fact] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(Fact(label, value)) }
        }
        if command == "aws" || command == "aws.exe", args.contains("eks"), args.contains("get-token") {
            add("cluster", flag(["--cluster-name"], in: args))
            add("cluster id", flag(["--cluster-id"], in: args))
            add("region", flag(["--region"], in: args) ?? exec.env["AWS_REGION"] ?? exec.env["AWS_DEFAULT_REGION"])
            add("profile", flag(["--profile"], in: args) ?? exec.env["AWS_PROFILE"])
            add("role", flag(["--role-arn", "--role"], in: args))
            return CredentialSource(kind: "exec", plugin: "aws eks get-token", facts: facts)
        }
        if command.hasPrefix("aws-iam-authenticator"), args.contains("token") {
            add("cluster", flag(["-i", "--cluster-id"], in: args))
            add("region", flag(["--region"], in: args) ?? exec.env["AWS_REGION"])
            add("profile", exec.env["AWS_PROFILE"])
            add("role", flag(["-r", "--role"], in: args))
            add("session name", flag(["-s", "--session-name"], in: args))
            return CredentialSource(kind: "exec", plugin: "aws-iam-authenticator token", facts: facts)
        }
        if command.hasPrefix("gke-gcloud-auth-plugin") {
            return CredentialSource(kind: "exec", plugin: "gke-gcloud-auth-plugin", facts: facts)
        }
        if command == "kubelogin" || command == "kubectl-oidc_login"
            || (command == "kubectl" && args.first == "oidc-login")
        {
            if let serverID = flag(["--server-id"], in: args) {
                add("server id", serverID + (serverID == aksServerAppID ? " (AKS AAD server)" : ""))
                add("login", flag(["--login", "-l"], in: args))
                add("tenant", flag(["--tenant-id", "-t"], in: args))
                return CredentialSource(kind: "exec", plugin: "kubelogin (Azure)", facts: facts)
            }
            add("issuer", flag(["--oidc-issuer-url"], in: args))
            add("client id", flag(["--oidc-client-id"], in: args))
            return CredentialSource(kind: "exec", plugin: "kubectl oidc-login", facts: facts)
        }
        return CredentialSource(kind: "exec", plugin: command, facts: facts)
    }

    /// The fixed application id of the "Azure Kubernetes Service AAD Server" (eks-identity.md §6).
    static let aksServerAppID = "6dae42f8-4368-4678-94ff-3960e28e3630"
}
