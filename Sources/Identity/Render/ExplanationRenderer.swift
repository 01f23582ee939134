/// Turns an ``IdentityExplanation`` into tight, scannable lines: one fact per line, the label on the left,
/// glosses after an em dash. No ANSI codes here; the CLI styles spans and severities.
public enum ExplanationRenderer {
    /// The label column width used by ``plainText(for:)``.
    public static let labelWidth = 13
    /// At most this many bindings and guardrails are listed; the rest are counted.
    public static let maxListedItems = 20

    /// The explanation lines; empty when nothing was recognised and no bindings or guardrails were looked up
    /// (the CLI then prints just the card).
    public static func lines(for explanation: IdentityExplanation) -> [ExplanationLine] {
        // Bindings and guardrails are worth showing even for an identity nothing else is known about.
        guard explanation.isRecognised || explanation.bindings != .notLookedUp || explanation.guardrails != .notLookedUp
        else { return [] }
        var out = LineBuilder()
        if !explanation.headline.isEmpty {
            out.add("Identity", [ExplanationSpan(explanation.headline)])
        }
        if let cluster = explanation.cluster { out.add("Cluster", [ExplanationSpan(cluster)]) }
        if let aws = explanation.aws { renderAWS(aws, username: explanation.userInfo.username, into: &out) }
        if let account = explanation.serviceAccount { renderServiceAccount(account, into: &out) }
        if let certificate = explanation.certificate { renderCertificate(certificate, into: &out) }
        for fact in explanation.details { out.fact("  " + fact.label, fact.value, fact.note) }
        renderGroups(explanation, into: &out)
        if let credential = explanation.credential { renderCredential(credential, into: &out) }
        for expiry in explanation.expiry {
            var spans = [ExplanationSpan(expiry.credential + " ")]
            if let at = expiry.expiresAt { spans.append(ExplanationSpan(at.rfc3339 + " ", .value)) }
            if !expiry.note.isEmpty {
                let gloss = expiry.expiresAt == nil ? "— " + expiry.note : "(" + expiry.note + ")"
                spans.append(ExplanationSpan(gloss, .muted))
            }
            let severity: Severity = expiry.note.hasPrefix("expired") ? .warning : .info
            out.add("Expires", trimTrailingSpace(spans), severity: severity)
        }
        renderBindings(explanation.bindings, into: &out)
        renderGuardrails(explanation.guardrails, into: &out)
        for finding in explanation.findings {
            out.add(finding.severity >= .warning ? "Warning" : "Note", [ExplanationSpan(finding.message)],
                    severity: finding.severity)
        }
        return out.lines
    }

    /// The lines as plain text, one per line, ending in a newline (empty when nothing was recognised).
    public static func plainText(for explanation: IdentityExplanation) -> String {
        lines(for: explanation).map { $0.plainText() + "\n" }.joined()
    }

    // MARK: - Sections

    static func renderAWS(_ aws: AWSIdentity, username: String, into out: inout LineBuilder) {
        if let arn = aws.arn { out.add("AWS", [ExplanationSpan(arn, .value)]) }
        if let account = aws.account { out.fact("  account", account) }
        if let principal = aws.principal {
            switch principal.kind {
            case .assumedRole(let role, _), .role(_, let role):
                var note = ""
                if let ic = aws.identityCenter { note = "Identity Center permission set \(ic.permissionSet)" }
                if case .role(let path, _) = principal.kind, path != "/" { note = "path \(path)" }
                out.fact("  role", role, note)
            case .user(let path, let name):
                out.fact("  user", name, path == "/" ? "" : "path \(path)")
            case .federatedUser(let name):
                out.fact("  user", name, "federated user")
            case .root:
                out.fact("  user", "root", "the account root user", severity: .critical)
            }
        } else if aws.arn != nil {
            out.add("", [ExplanationSpan("not a principal ARN aws-iam-authenticator understands", .muted)])
        }
        if let session = aws.sessionName, !session.isEmpty { out.fact("  session", session, aws.sessionOrigin ?? "") }
        if let key = aws.accessKeyID {
            let kind = AWSIDPrefix(of: key)
            out.fact("  key", key, kind?.meaning ?? "", severity: kind == .longTermAccessKey ? .warning : .info)
        }
        if let id = aws.principalID {
            var note = AWSIDPrefix(of: id)?.meaning ?? ""
            if id == aws.account { note = "the account id: root" }
            out.fact("  principal", id, note)
        }
        // The card shows the username right above; say where it came from.
        if let template = aws.usernameTemplate {
            if template.placeholders.isEmpty {
                out.add("Username", [ExplanationSpan(template.explanation)])
            } else {
                out.add("Username", [ExplanationSpan("from template "), ExplanationSpan(template.template, .code)])
                out.add("", [ExplanationSpan(template.explanation, .muted)])
            }
        }
        if let mapping = aws.mapping {
            let source: String
            switch mapping.source {
            case .accessEntry: source = "EKS access entry"
            case .awsAuth: source = "aws-auth ConfigMap"
            case .awsAuthMapAccounts: source = "aws-auth ConfigMap, mapAccounts"
            case .eksInternal: source = "EKS-internal mapping"
            case .undetermined: source = "access entry or aws-auth ConfigMap (cannot tell)"
            }
            var spans = [ExplanationSpan(source, .value)]
            if mapping.source != .undetermined {
                spans.append(ExplanationSpan(" (\(mapping.confidence.rawValue) confidence)"))
            }
            if let signal = mapping.signals.first {
                spans.append(ExplanationSpan((mapping.source == .undetermined ? " — " : ": ") + signal, .muted))
            }
            out.add("Mapped by", spans)
        }
    }

    static func renderServiceAccount(_ account: ServiceAccountIdentity, into out: inout LineBuilder) {
        if let pod = account.podName {
            var spans = [ExplanationSpan(pod, .value)]
            if let node = account.nodeName { spans += [ExplanationSpan(" on node "), ExplanationSpan(node, .value)] }
            out.add("Pod", spans)
        }
        if let id = account.credentialID { out.fact("  token id", id, "audit logs record this credential id") }
        switch account.workloadCredentials {
        case .notLookedUp:
            break
        case .unavailable(let reason, let hint):
            out.add("AWS", [ExplanationSpan("could not check: " + reason),
                            ExplanationSpan(hint.map { " — " + $0 } ?? "", .muted)], severity: .notice)
        case .found(let credentials):
            let name: String
            switch credentials.effective {
            case .podIdentity: name = "EKS Pod Identity"
            case .irsa: name = "IRSA (IAM Roles for Service Accounts)"
            case .staticKeys: name = "static access keys in the pod spec"
            case .nodeRole: name = "none injected: the node's IAM role"
            }
            var spans = [ExplanationSpan(name, .value)]
            if let role = credentials.roleARN { spans += [ExplanationSpan(" role "), ExplanationSpan(role, .value)] }
            let severity: Severity = credentials.effective == .staticKeys || credentials.effective == .nodeRole
                ? .warning : .info
            out.add("AWS", spans, severity: severity)
            for signal in credentials.signals { out.add("", [ExplanationSpan(signal, .muted)]) }
            for note in credentials.notes { out.add("", [ExplanationSpan(note, .muted)], severity: .notice) }
        }
    }

    static func renderCertificate(_ certificate: CertificateIdentity, into out: inout LineBuilder) {
        let summary = certificate.summary
        var subject = "CN=" + (summary.commonName ?? "")
        for organization in summary.organizations { subject += " O=" + organization }
        var spans = [ExplanationSpan(subject, .value)]
        var glosses: [String] = []
        if let issuer = summary.issuerCommonName { glosses.append("issued by " + issuer) }
        if certificate.matchesCredentialID == true { glosses.append("the API server saw this certificate") }
        if !glosses.isEmpty { spans.append(ExplanationSpan(" — " + glosses.joined(separator: "; "), .muted)) }
        out.add("Certificate", spans)
    }

    static func renderGroups(_ explanation: IdentityExplanation, into out: inout LineBuilder) {
        var label = "Groups"
        for group in explanation.groups {
            out.add(label, [ExplanationSpan(group.name, .value), ExplanationSpan(" — " + group.meaning, .muted)],
                    severity: group.severity)
            label = ""
        }
        if explanation.otherGroupCount > 0 {
            let n = explanation.otherGroupCount
            let words = explanation.groups.isEmpty ? "\(n) group\(n == 1 ? "" : "s")"
                : "+ \(n) other group\(n == 1 ? "" : "s")"
            out.add(label, [ExplanationSpan(words),
                            ExplanationSpan(" — no built-in meaning; rights come from bindings", .muted)])
        }
    }

    static func renderCredential(_ credential: CredentialSource, into out: inout LineBuilder) {
        var spans = [ExplanationSpan(credential.kind)]
        if let plugin = credential.plugin { spans += [ExplanationSpan(" "), ExplanationSpan(plugin, .code)] }
        if !credential.facts.isEmpty {
            let facts = credential.facts.map { "\($0.label) \($0.value)" }
            spans.append(ExplanationSpan(": " + facts.joined(separator: ", ")))
        }
        out.add("Credential", spans)
    }

    static func renderBindings(_ bindings: Lookup<[MatchedBinding]>, into out: inout LineBuilder) {
        switch bindings {
        case .notLookedUp:
            return
        case .unavailable(let reason, let hint):
            out.add("Bindings", [ExplanationSpan("could not list: " + reason),
                                 ExplanationSpan(hint.map { " — " + $0 } ?? "", .muted)], severity: .notice)
        case .found(let list) where list.isEmpty:
            out.add("Bindings", [ExplanationSpan("none name you, your groups or your service account")])
        case .found(let list):
            var label = "Bindings"
            for binding in list.prefix(maxListedItems) {
                let name = binding.namespace.map { "\($0)/\(binding.name)" } ?? binding.name
                var subject = "\(binding.subjectKind) \(binding.subjectName)"
                if let ns = binding.subjectNamespace { subject = "\(binding.subjectKind) \(ns)/\(binding.subjectName)" }
                var spans = [ExplanationSpan("\(binding.kind) \(name)", .code), ExplanationSpan(" → "),
                             ExplanationSpan("\(binding.roleKind) \(binding.roleName)", .value),
                             ExplanationSpan(" (via \(subject))", .muted)]
                if let problem = binding.roleProblem {
                    spans.append(ExplanationSpan(" — grants nothing: " + problem))
                }
                out.add(label, spans, severity: binding.roleProblem == nil ? .info : .warning)
                label = ""
            }
            if list.count > maxListedItems {
                out.add("", [ExplanationSpan("… and \(list.count - maxListedItems) more")])
            }
        }
    }

    static func renderGuardrails(_ guardrails: Lookup<[AimedGuardrail]>, into out: inout LineBuilder) {
        switch guardrails {
        case .notLookedUp:
            return
        case .unavailable(let reason, let hint):
            out.add("Guardrails", [ExplanationSpan("could not check: " + reason),
                                   ExplanationSpan(hint.map { " — " + $0 } ?? "", .muted)], severity: .notice)
        case .found(let list) where list.isEmpty:
            out.add("Guardrails", [ExplanationSpan("no Kyverno rule singles you out")])
        case .found(let list):
            var label = "Guardrails"
            for rule in list.prefix(maxListedItems) {
                let verb = rule.relation == .matches ? rule.action : "exempts you"
                let severity: Severity = rule.relation == .matches && rule.action.lowercased() == "enforce"
                    ? .notice : .info
                let clause = rule.relation == .matches ? "match" : "exclude"
                out.add(label, [ExplanationSpan(verb + " ", .value),
                                ExplanationSpan("\(rule.policy)/\(rule.rule)", .code),
                                ExplanationSpan(" — " + rule.summary),
                                ExplanationSpan(" (\(clause) \(rule.selectedBy))", .muted)], severity: severity)
                label = ""
            }
            if list.count > maxListedItems {
                out.add("", [ExplanationSpan("… and \(list.count - maxListedItems) more")])
            }
        }
    }

    static func trimTrailingSpace(_ spans: [ExplanationSpan]) -> [ExplanationSpan] {
        guard var last = spans.last, last.text.hasSuffix(" ") else { return spans }
        last.text.removeLast()
        return spans.dropLast() + [last]
    }
}

/// Accumulates lines.
struct LineBuilder {
    var lines: [ExplanationLine] = []

    mutating func add(_ label: String, _ spans: [ExplanationSpan], severity: Severity = .info) {
        let visible = spans.filter { !$0.text.isEmpty }.map { ExplanationSpan(Self.displayable($0.text), $0.style) }
        lines.append(ExplanationLine(label: label, spans: visible, severity: severity))
    }

    /// Identity data is attacker-influenced (session names, usernames, groups): control characters are
    /// replaced by U+FFFD so nothing can move the cursor or recolour the terminal.
    static func displayable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// `label  value — note`.
    mutating func fact(_ label: String, _ value: String, _ note: String = "", severity: Severity = .info) {
        var spans = [ExplanationSpan(value, .value)]
        if !note.isEmpty { spans.append(ExplanationSpan(" — " + note, .muted)) }
        add(label, spans, severity: severity)
    }
}
