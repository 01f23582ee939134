import GuardrailCore

/// The default, human output of `can-i`: the verdict first, then the request, identity and RBAC lines,
/// then one block per relevant Kyverno rule, then what could not be checked.
struct CanITextRenderer {
    /// Renders `verdict` (ends with a newline).
    func render(_ verdict: CanIVerdict) -> String {
        var out = verdictLine(verdict) + "\n\n"
        var facts: [(String, String)] = [("request", requestLine(verdict.request))]
        if let user = verdict.user { facts.append(("as", userLine(user))) }
        facts.append(("RBAC", rbacLine(verdict.rbac)))
        facts.append(("guardrails", guardrailSummary(verdict)))
        let width = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts { out += "  " + pad(label, width) + "  " + value + "\n" }

        let findings = sorted(verdict.findings)
        if !findings.isEmpty { out += "\n" }
        out += findings.map(block).joined(separator: "\n")
        if !verdict.limitations.isEmpty {
            out += "\nnot checked:\n"
            for limitation in verdict.limitations {
                out += "  - \(limitation.problem): \(limitation.impact)\n"
            }
        }
        return out
    }

    // MARK: - Lines

    func verdictLine(_ verdict: CanIVerdict) -> String {
        let blocking = sorted(verdict.findings).filter { $0.effect.rejects }
        switch verdict.answer {
        case .yes:
            return "yes"
        case .no:
            if !verdict.rbac.allowed { return "no — RBAC does not allow it" }
            return "no — blocked by " + blocking.map(ruleName).joined(separator: ", ")
        case .yesUnless:
            let rules = sorted(verdict.findings).filter { $0.effect == .mightBlock }.map(ruleName)
            return "yes, unless the object is rejected by " + rules.joined(separator: ", ")
                + " (pass the object with -f to know)"
        case .unknown:
            let rules = sorted(verdict.findings).filter { $0.effect == .unsupported }.map(ruleName)
            if !rules.isEmpty {
                return "unknown — RBAC allows it, but " + rules.joined(separator: ", ") + " cannot be evaluated here"
            }
            return "unknown — RBAC allows it, but the guardrails could not be checked"
        }
    }

    func requestLine(_ request: AccessRequest) -> String {
        var text = "\(request.verb) \(request.displayResource)"
        if !request.name.isEmpty { text += " \"\(request.name)\"" }
        if request.nonResourceURL == nil {
            if !request.namespace.isEmpty {
                text += " in namespace \"\(request.namespace)\""
            } else if request.namespaced == false {
                text += " (cluster-scoped)"
            } else {
                text += " in all namespaces"
            }
        }
        if case .admitted(let operation) = request.admission { text += " (admission: \(operation.rawValue))" }
        return text
    }

    func userLine(_ user: UserInfo) -> String {
        var text = "User \"\(user.username)\""
        if !user.groups.isEmpty { text += ", groups [\(user.groups.joined(separator: " "))]" }
        return text
    }

    func rbacLine(_ rbac: RBACAnswer) -> String {
        var text = rbac.allowed ? "yes" : "no"
        if !rbac.reason.isEmpty {
            text += " — \(rbac.reason)"
        } else if rbac.allowed {
            text += " — allowed without an RBAC reason (e.g. the system:masters group or a webhook authorizer)"
        } else if !rbac.denied {
            text += " — no RBAC rule allows it"
        }
        if !rbac.evaluationError.isEmpty { text += " (evaluation error: \(rbac.evaluationError))" }
        if rbac.source == .offline { text += " [offline]" }
        return text
    }

    func guardrailSummary(_ verdict: CanIVerdict) -> String {
        switch verdict.guardrails {
        case .notApplicable(let why): return "not applicable — \(why)"
        case .unavailable(let why): return "not checked — \(why)"
        case .evaluated(let findings, let considered):
            let policies = considered == 1 ? "1 policy" : "\(considered) policies"
            if findings.isEmpty { return "no Kyverno rule applies (\(policies) considered)" }
            var counts: [String] = []
            for effect in GuardrailFinding.Effect.allCases {
                let n = findings.filter { $0.effect == effect }.count
                if n > 0 { counts.append("\(n) \(summaryWord(effect))") }
            }
            return counts.joined(separator: ", ") + " (\(policies) considered)"
        }
    }

    private func summaryWord(_ effect: GuardrailFinding.Effect) -> String {
        switch effect {
        case .blocks: return "blocking"
        case .errorBlocks: return "failing (blocks)"
        case .mightBlock: return "may block"
        case .audits: return "audit only"
        case .unsupported: return "not evaluable"
        case .errorIgnored: return "failing (ignored)"
        case .exempted: return "exempted"
        case .excluded: return "excluded"
        case .passes: return "passing"
        }
    }

    // MARK: - Rule blocks

    func block(_ finding: GuardrailFinding) -> String {
        let label: String
        switch finding.effect {
        case .blocks: label = "BLOCKS"
        case .errorBlocks: label = "ERROR (blocks)"
        case .mightBlock: label = "MAY BLOCK"
        case .audits: label = "AUDIT"
        case .unsupported: label = "NOT EVALUATED"
        case .errorIgnored: label = "ERROR (ignored)"
        case .exempted: label = "EXEMPTED"
        case .excluded: label = "EXCLUDED"
        case .passes: label = "passes"
        }
        var head = "  \(label)  \(finding.policyKind) \(finding.policyKey)"
        if !finding.rule.isEmpty { head += ", rule \(finding.rule)" }
        if !finding.action.isEmpty { head += " [\(finding.action)]" }
        var out = head + "\n"
        let indent = String(repeating: " ", count: 4)
        if !finding.message.isEmpty { out += field("message", finding.message, indent: indent) }
        for (i, reason) in finding.reasons.enumerated() {
            out += field(i == 0 ? "because" : "", reason, indent: indent)
        }
        for (i, exception) in finding.exceptions.enumerated() {
            out += field(i == 0 ? "exempted by" : "", "PolicyException \(exception)", indent: indent)
        }
        if !finding.dependsOn.isEmpty {
            out += field("depends on", finding.dependsOn.joined(separator: ", "), indent: indent)
        }
        return out
    }

    private func field(_ label: String, _ value: String, indent: String) -> String {
        let labelWidth = 11
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        var out = indent + pad(label, labelWidth) + " " + String(lines.first ?? "") + "\n"
        for line in lines.dropFirst() { out += indent + String(repeating: " ", count: labelWidth + 1) + line + "\n" }
        return out
    }

    // MARK: - Helpers

    func ruleName(_ finding: GuardrailFinding) -> String {
        finding.rule.isEmpty
            ? "\(finding.policyKind) \"\(finding.policyKey)\""
            : "\(finding.policyKind) \"\(finding.policyKey)\" rule \"\(finding.rule)\""
    }

    /// Worst effect first, then by policy and rule, so output is stable.
    func sorted(_ findings: [GuardrailFinding]) -> [GuardrailFinding] {
        // A stable bucket sort by effect (the cases are declared worst first).
        GuardrailFinding.Effect.allCases.flatMap { effect in findings.filter { $0.effect == effect } }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
