import GuardrailCore

/// Kubernetes' RBAC authorizer over a fixed set of RBAC objects, answering as kube-apiserver does
/// (plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/registry/rbac/validation/rule.go), preceded by
/// the privileged-group authorizer that lets `system:masters` do everything.
///
/// ```swift
/// let authorizer = RBACAuthorizer(RBACObjects(objects: documents.map(\.value)))
/// let decision = authorizer.authorize(user, ResourceAttributes(verb: "get", resource: "pods", namespace: "dev"))
/// print(decision.allowed, decision.reason)
/// // true RBAC: allowed by RoleBinding "devs/dev" of ClusterRole "view" to Group "devs"
/// ```
///
/// Bindings are indexed by subject, so a request costs a few dictionary lookups plus the rules of the
/// bindings that actually name the user, whatever the number of bindings. kube-apiserver walks its
/// informer cache in no fixed order; here ClusterRoleBindings are tried before RoleBindings (as in
/// kube-apiserver) and each in name order, so the granting binding named in the reason is stable.
public struct RBACAuthorizer: Sendable {
    /// Groups allowed everything before RBAC (kube-apiserver: `system:masters`).
    public var privilegedGroups: [String]

    private let clusterRoleBindings: [ClusterRoleBinding]
    private let roleBindings: [RoleBinding]
    private let clusterRoleRules: [String: [PolicyRule]]
    private let roleRules: [String: [PolicyRule]]
    private let clusterIndex: SubjectIndex
    private let namespaceIndex: [String: SubjectIndex]
    private let allRoleBindingIndex: SubjectIndex

    /// Builds the authorizer: resolves ClusterRole aggregation and indexes bindings by subject.
    public init(_ objects: RBACObjects, privilegedGroups: [String] = ["system:masters"]) {
        let clusterRoleBindings = objects.clusterRoleBindings.sorted {
            $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
        let roleBindings = objects.roleBindings.sorted {
            $0.namespace != $1.namespace
                ? $0.namespace.utf8.lexicographicallyPrecedes($1.namespace.utf8)
                : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
        var roleRules: [String: [PolicyRule]] = [:]
        for role in objects.roles { roleRules[role.namespace + "/" + role.name] = role.rules }

        var clusterIndex = SubjectIndex()
        for (i, binding) in clusterRoleBindings.enumerated() {
            clusterIndex.add(binding.subjects, binding: i, bindingNamespace: "")
        }
        var namespaceIndex: [String: SubjectIndex] = [:]
        var allRoleBindingIndex = SubjectIndex()
        for (i, binding) in roleBindings.enumerated() {
            namespaceIndex[binding.namespace, default: SubjectIndex()].add(
                binding.subjects, binding: i, bindingNamespace: binding.namespace)
            allRoleBindingIndex.add(binding.subjects, binding: i, bindingNamespace: binding.namespace)
        }
        self.privilegedGroups = privilegedGroups
        self.clusterRoleBindings = clusterRoleBindings
        self.roleBindings = roleBindings
        self.clusterRoleRules = ClusterRoleAggregation.effectiveRules(objects.clusterRoles)
        self.roleRules = roleRules
        self.clusterIndex = clusterIndex
        self.namespaceIndex = namespaceIndex
        self.allRoleBindingIndex = allRoleBindingIndex
    }

    /// The user a service account authenticates as: `system:serviceaccount:NS:NAME` in the groups
    /// `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`.
    public static func serviceAccountUser(namespace: String, name: String) -> UserInfo {
        UserInfo(
            username: "system:serviceaccount:\(namespace):\(name)",
            groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"])
    }

    /// The privileged group (`system:masters`) the user is in, if any: such users are allowed
    /// everything before RBAC is consulted, whatever their bindings say.
    public func privilegedGroup(of user: UserInfo) -> String? {
        user.groups.first { privilegedGroups.contains($0) }
    }

    // MARK: Authorize

    /// Decides `request` for `user`, with kube-apiserver's reason string.
    public func authorize(_ user: UserInfo, _ request: AuthorizationRequest) -> RBACDecision {
        if let group = privilegedGroup(of: user) {
            return RBACDecision(allowed: true, reason: "", source: .privilegedGroup(group), resolutionErrors: [])
        }
        var errors: [String] = []
        for i in clusterIndex.candidates(for: user) {
            let binding = clusterRoleBindings[i]
            guard let subject = Self.firstApplicable(binding.subjects, user: user, namespace: "") else { continue }
            let reference = BindingReference(
                kind: .clusterRoleBinding, name: binding.name, namespace: "", roleRef: binding.roleRef)
            switch rules(for: binding.roleRef, bindingNamespace: "") {
            case .failure(let error):
                errors.append(error.message)
            case .success(let rules):
                if let decision = Self.firstAllowing(rules, request, reference, subject, errors) { return decision }
            }
        }
        let namespace = request.namespace
        if !namespace.isEmpty, let index = namespaceIndex[namespace] {
            for i in index.candidates(for: user) {
                let binding = roleBindings[i]
                guard let subject = Self.firstApplicable(binding.subjects, user: user, namespace: namespace) else {
                    continue
                }
                let reference = BindingReference(
                    kind: .roleBinding, name: binding.name, namespace: binding.namespace, roleRef: binding.roleRef)
                switch rules(for: binding.roleRef, bindingNamespace: namespace) {
                case .failure(let error):
                    errors.append(error.message)
                case .success(let rules):
                    if let decision = Self.firstAllowing(rules, request, reference, subject, errors) { return decision }
                }
            }
        }
        let reason = errors.isEmpty ? "" : "RBAC: " + Self.aggregate(errors)
        return RBACDecision(allowed: false, reason: reason, source: .noOpinion, resolutionErrors: errors)
    }

    /// Shorthand for a resource request.
    public func authorize(_ user: UserInfo, _ attributes: ResourceAttributes) -> RBACDecision {
        authorize(user, .resource(attributes))
    }

    /// Shorthand for a non-resource request.
    public func authorize(_ user: UserInfo, _ attributes: NonResourceAttributes) -> RBACDecision {
        authorize(user, .nonResource(attributes))
    }

    private static func firstAllowing(
        _ rules: [PolicyRule], _ request: AuthorizationRequest, _ reference: BindingReference, _ subject: Subject,
        _ errors: [String]
    ) -> RBACDecision? {
        for (index, rule) in rules.enumerated() where rule.allows(request) {
            let grant = RBACGrant(binding: reference, subject: subject, ruleIndex: index, rule: rule)
            return RBACDecision(
                allowed: true, reason: "RBAC: allowed by " + reference.describe(subject: subject), source: .rbac(grant),
                resolutionErrors: errors)
        }
        return nil
    }

    // MARK: Bindings and rules for a user

    /// Every binding that applies to `user`: ClusterRoleBindings by name, then RoleBindings by
    /// namespace and name, each with the subject that matched and the role's rules.
    public func bindings(matching user: UserInfo) -> [BindingMatch] {
        var matches: [BindingMatch] = []
        for i in clusterIndex.candidates(for: user) {
            let binding = clusterRoleBindings[i]
            guard let subject = Self.firstApplicable(binding.subjects, user: user, namespace: "") else { continue }
            let reference = BindingReference(
                kind: .clusterRoleBinding, name: binding.name, namespace: "", roleRef: binding.roleRef)
            matches.append(match(reference, subject: subject, user: user))
        }
        for i in allRoleBindingIndex.candidates(for: user) {
            let binding = roleBindings[i]
            guard let subject = Self.firstApplicable(binding.subjects, user: user, namespace: binding.namespace) else {
                continue
            }
            let reference = BindingReference(
                kind: .roleBinding, name: binding.name, namespace: binding.namespace, roleRef: binding.roleRef)
            matches.append(match(reference, subject: subject, user: user))
        }
        return matches
    }

    private func match(_ reference: BindingReference, subject: Subject, user: UserInfo) -> BindingMatch {
        let via: BindingMatch.Via
        switch subject.kind {
        case .user: via = .user
        case .group: via = .group(subject.name)
        case .serviceAccount: via = .serviceAccount
        }
        switch rules(for: reference.roleRef, bindingNamespace: reference.namespace) {
        case .success(let rules):
            return BindingMatch(binding: reference, subject: subject, via: via, rules: rules, resolutionError: nil)
        case .failure(let error):
            return BindingMatch(
                binding: reference, subject: subject, via: via, rules: [], resolutionError: error.message)
        }
    }

    /// The rules `user` has in `namespace` (cluster-wide ones included), like SelfSubjectRulesReview.
    /// `system:masters` gets only what RBAC grants it, as in kube-apiserver.
    public func rules(for user: UserInfo, namespace: String) -> RulesReview {
        var review = RulesReview(resourceRules: [], nonResourceRules: [], evaluationError: "")
        var errors: [String] = []
        func collect(_ result: Result<[PolicyRule], ResolutionError>) {
            switch result {
            case .failure(let error): errors.append(error.message)
            case .success(let rules):
                for rule in rules {
                    if !rule.resources.isEmpty {
                        review.resourceRules.append(
                            PolicyRule(
                                verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources,
                                resourceNames: rule.resourceNames))
                    }
                    if !rule.nonResourceURLs.isEmpty {
                        review.nonResourceRules.append(
                            PolicyRule(verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs))
                    }
                }
            }
        }
        for i in clusterIndex.candidates(for: user)
        where Self.firstApplicable(clusterRoleBindings[i].subjects, user: user, namespace: "") != nil {
            collect(rules(for: clusterRoleBindings[i].roleRef, bindingNamespace: ""))
        }
        if !namespace.isEmpty, let index = namespaceIndex[namespace] {
            for i in index.candidates(for: user)
            where Self.firstApplicable(roleBindings[i].subjects, user: user, namespace: namespace) != nil {
                collect(rules(for: roleBindings[i].roleRef, bindingNamespace: namespace))
            }
        }
        review.evaluationError = Self.aggregate(errors)
        return review
    }

    // MARK: Resolution

    struct ResolutionError: Error {
        var message: String
    }

    /// `GetRoleReferenceRules`, with the API server's not-found wording.
    private func rules(for ref: RoleRef, bindingNamespace: String) -> Result<[PolicyRule], ResolutionError> {
        switch ref.kind {
        case "Role":
            if let rules = roleRules[bindingNamespace + "/" + ref.name] { return .success(rules) }
            return .failure(ResolutionError(message: "role.rbac.authorization.k8s.io \(goQuote(ref.name)) not found"))
        case "ClusterRole":
            if let rules = clusterRoleRules[ref.name] { return .success(rules) }
            return .failure(
                ResolutionError(message: "clusterrole.rbac.authorization.k8s.io \(goQuote(ref.name)) not found"))
        default:
            return .failure(ResolutionError(message: "unsupported role reference kind: \(goQuote(ref.kind))"))
        }
    }

    /// `appliesTo`: the first subject that names the user.
    static func firstApplicable(_ subjects: [Subject], user: UserInfo, namespace: String) -> Subject? {
        for subject in subjects {
            switch subject.kind {
            case .user:
                if user.username == subject.name { return subject }
            case .group:
                if user.groups.contains(subject.name) { return subject }
            case .serviceAccount:
                // An SA subject without a namespace means the RoleBinding's namespace.
                let saNamespace = subject.namespace.isEmpty ? namespace : subject.namespace
                if !saNamespace.isEmpty, user.username == "system:serviceaccount:\(saNamespace):\(subject.name)" {
                    return subject
                }
            }
        }
        return nil
    }

    /// `utilerrors.NewAggregate(errs).Error()`: one message as is, several de-duplicated in `[a, b]`.
    static func aggregate(_ errors: [String]) -> String {
        if errors.isEmpty { return "" }
        if errors.count == 1 { return errors[0] }
        var seen = Set<String>()
        var unique: [String] = []
        for error in errors where seen.insert(error).inserted { unique.append(error) }
        if unique.count == 1 { return unique[0] }
        return "[" + unique.joined(separator: ", ") + "]"
    }
}
