import GuardrailCore

/// Everything Kyverno's decision depends on besides the request: policies, PolicyExceptions, the Kyverno
/// ConfigMap and flags, RoleBindings/ClusterRoleBindings and namespace labels. Build it once, evaluate
/// many requests against it.
public struct ClusterState: Sendable {
    /// Policies in evaluation order (ClusterPolicies and Policies sorted by name, as listed by Kyverno's cache).
    public private(set) var policies: [KyvernoPolicy]
    /// PolicyExceptions (honoured per ``KyvernoSettings``).
    public var exceptions: [PolicyException]
    /// The Kyverno ConfigMap.
    public var configuration: KyvernoConfiguration
    /// Kyverno's own flags.
    public var settings: KyvernoSettings
    /// RoleBindings and ClusterRoleBindings, indexed by subject.
    public private(set) var bindings: RoleBindingIndex
    /// Labels of known namespaces (`kubernetes.io/metadata.name` is added automatically, as the API server does).
    public var namespaceLabels: [String: [String: String]]
    /// Whether namespaces not in `namespaceLabels` should be treated as existing without labels (true) or
    /// as unknown, making namespaceSelector results `dependsOnObject` (false).
    public var unknownNamespacesHaveNoLabels: Bool
    /// Problems found while loading.
    public var diagnostics: [Diagnostic]

    public init(
        policies: [KyvernoPolicy] = [], exceptions: [PolicyException] = [],
        configuration: KyvernoConfiguration = .helmChartDefaults(), settings: KyvernoSettings = KyvernoSettings(),
        bindings: [KyvernoBinding] = [], namespaceLabels: [String: [String: String]] = [:],
        unknownNamespacesHaveNoLabels: Bool = true, diagnostics: [Diagnostic] = []
    ) {
        self.policies = Self.inEvaluationOrder(policies)
        self.exceptions = exceptions
        self.configuration = configuration
        self.settings = settings
        self.bindings = RoleBindingIndex(bindings)
        self.namespaceLabels = namespaceLabels
        self.unknownNamespacesHaveNoLabels = unknownNamespacesHaveNoLabels
        self.diagnostics = diagnostics
    }

    /// `policies` sorted by name, then namespace (stable). API servers list ClusterPolicies by name already,
    /// so sorted input is detected first and kept as it is — what the stable sort would return.
    static func inEvaluationOrder(_ policies: [KyvernoPolicy]) -> [KyvernoPolicy] {
        // `(name, namespace) <` as a tuple, but asking `<` both ways instead of `!=` then `<`: the second
        // comparison is only needed when the first says no.
        func precedes(_ a: PolicyReference, _ b: PolicyReference) -> Bool {
            if a.name < b.name { return true }
            if b.name < a.name { return false }
            return a.namespace < b.namespace
        }
        var sorted = true
        for i in policies.indices.dropFirst() where precedes(policies[i].reference, policies[i - 1].reference) {
            sorted = false
            break
        }
        if sorted { return policies }
        return policies.sorted { precedes($0.reference, $1.reference) }
    }

    /// Builds the state from Kubernetes documents of any kind (`List`s are unpacked): ClusterPolicy, Policy,
    /// PolicyException, the Kyverno ConfigMap (`settings.namespace`/`kyverno`), RoleBinding,
    /// ClusterRoleBinding and Namespace. Other kinds are ignored. Without a Kyverno ConfigMap the Helm chart
    /// defaults apply (see ``KyvernoConfiguration/helmChartDefaults(kyvernoNamespace:)``).
    public static func load(
        documents: [JSONValue], settings: KyvernoSettings = KyvernoSettings(),
        unknownNamespacesHaveNoLabels: Bool = true
    ) -> ClusterState {
        var diagnostics: [Diagnostic] = []
        var policies: [KyvernoPolicy] = []
        var exceptions: [PolicyException] = []
        var bindings: [KyvernoBinding] = []
        var namespaces: [String: [String: String]] = [:]
        var configuration: KyvernoConfiguration? = nil
        let parser = PolicyParser()
        var queue = documents
        var index = 0
        while index < queue.count {
            let document = queue[index]
            index += 1
            guard document.objectValue != nil else { continue }
            let kind = document.member("kind")?.stringValue ?? ""
            let apiVersion = document.member("apiVersion")?.stringValue ?? ""
            switch kind {
            case _ where kind.hasSuffix("List"):
                queue += document["items"]?.arrayValue ?? []
            case "ClusterPolicy" where apiVersion.hasPrefix("kyverno.io/"),
                "Policy" where apiVersion.hasPrefix("kyverno.io/"):
                if let policy = parser.parse(document, diagnostics: &diagnostics) { policies.append(policy) }
            case "PolicyException" where apiVersion.hasPrefix("kyverno.io/"):
                if let exception = PolicyException.parse(document, diagnostics: &diagnostics) {
                    exceptions.append(exception)
                }
            case "RoleBinding", "ClusterRoleBinding":
                if let binding = KyvernoBinding(json: document) { bindings.append(binding) }
            case "Namespace":
                if let name = document[path: "metadata", "name"]?.stringValue {
                    var labels: [String: String] = [:]
                    for entry in document[path: "metadata", "labels"]?.objectValue ?? JSONObject() {
                        labels[entry.key] = entry.value.stringValue ?? entry.value.description
                    }
                    namespaces[name] = labels
                }
            case "ConfigMap":
                if document[path: "metadata", "name"]?.stringValue == "kyverno",
                    document[path: "metadata", "namespace"]?.stringValue == settings.namespace
                {
                    configuration = KyvernoConfiguration(
                        configMapData: document["data"]?.objectValue ?? JSONObject(), diagnostics: &diagnostics)
                }
            case "ValidatingPolicy", "NamespacedValidatingPolicy", "ValidatingAdmissionPolicy",
                "ImageValidatingPolicy", "MutatingPolicy", "GeneratingPolicy":
                let name = document[path: "metadata", "name"]?.stringValue ?? ""
                diagnostics.append(
                    Diagnostic(
                        .warning, "not supported yet: \(kind) '\(name)' (CEL policies are not evaluated)",
                        context: ["policy": "\(kind)/\(name)"]))
            default:
                break
            }
        }
        if !exceptions.isEmpty && !settings.policyExceptionsEnabled {
            diagnostics.append(
                Diagnostic(
                    .note,
                    "\(exceptions.count) PolicyException(s) loaded but policy exceptions "
                        + "are disabled (Kyverno's default, --enablePolicyException=false); they are ignored"))
        }
        return ClusterState(
            policies: policies, exceptions: exceptions,
            configuration: configuration ?? .helmChartDefaults(kyvernoNamespace: settings.namespace),
            settings: settings, bindings: bindings, namespaceLabels: namespaces,
            unknownNamespacesHaveNoLabels: unknownNamespacesHaveNoLabels, diagnostics: diagnostics)
    }

    /// Labels of `namespace` including the automatic `kubernetes.io/metadata.name`, or `nil` when unknown.
    func labels(ofNamespace namespace: String) -> [String: String]? {
        guard !namespace.isEmpty else { return [:] }
        var labels: [String: String]
        if let known = namespaceLabels[namespace] {
            labels = known
        } else if unknownNamespacesHaveNoLabels {
            labels = [:]
        } else {
            return nil
        }
        labels["kubernetes.io/metadata.name"] = namespace
        return labels
    }
}
