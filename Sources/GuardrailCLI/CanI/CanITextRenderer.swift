import GuardrailCore

/// The default, human output of `can-i`: the verdict first, then the request, identity and RBAC lines,
/// then one block per relevant Kyverno rule, then what could not be checked.
///
/// A cluster with many policies prints hundreds of rule blocks, so the text is appended piece by piece
/// into one ``UTF8TextBuffer`` rather than built from temporary strings.
struct CanITextRenderer {
    /// Renders `verdict` (ends with a newline).
    func render(_ verdict: CanIVerdict) -> String {
        let findings = sorted(verdict.findings)
        // About what a rule block takes; growing past it only costs a few copies.
        var out = UTF8TextBuffer(capacity: 1024 + 256 * findings.count)
        appendVerdictLine(verdict, to: &out)
        out.append("\n\n")
        var facts: [(String, String)] = [("request", requestLine(verdict.request))]
        if let user = verdict.user { facts.append(("as", userLine(user))) }
        facts.append(("RBAC", rbacLine(verdict.rbac)))
        facts.append(("guardrails", guardrailSummary(verdict)))
        // The labels are ASCII literals: their UTF-8 length is their width.
        let width = facts.map(\.0.utf8.count).max() ?? 0
        for (label, value) in facts {
            out.append("  ")
            out.append(label)
            out.appendSpaces(width - label.utf8.count)
            out.append("  ")
            out.append(value)
            out.append("\n")
        }

        // A blank line before each block.
        for finding in findings {
            out.append("\n")
            appendBlock(finding, to: &out)
        }
        if !verdict.limitations.isEmpty {
            out.append("\nnot checked:\n")
            for limitation in verdict.limitations {
                out.append("  - \(limitation.problem): \(limitation.impact)\n")
            }
        }
        return out.text
    }

    // MARK: - Lines

    func verdictLine(_ verdict: CanIVerdict) -> String {
        var out = UTF8TextBuffer()
        appendVerdictLine(verdict, to: &out)
        return out.text
    }

    private func appendVerdictLine(_ verdict: CanIVerdict, to out: inout UTF8TextBuffer) {
        // Rules are listed worst effect first, as the blocks are (``sorted(_:)``).
        let findings = verdict.findings
        switch verdict.answer {
        case .yes:
            out.append("yes")
        case .no:
            if !verdict.rbac.allowed {
                out.append("no — RBAC does not allow it")
            } else {
                out.append("no — blocked by ")
                appendRuleNames(findings, withEffects: [.blocks, .errorBlocks], to: &out)
            }
        case .yesUnless:
            out.append("yes, unless the object is rejected by ")
            appendRuleNames(findings, withEffects: [.mightBlock], to: &out)
            out.append(" (pass the object with -f to know)")
        case .unknown:
            if count(findings, withEffect: .unsupported) > 0 {
                out.append("unknown — RBAC allows it, but ")
                appendRuleNames(findings, withEffects: [.unsupported], to: &out)
                out.append(" cannot be evaluated here")
            } else {
                out.append("unknown — RBAC allows it, but the guardrails could not be checked")
            }
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
                let n = count(findings, withEffect: effect)
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
        var out = UTF8TextBuffer()
        appendBlock(finding, to: &out)
        return out.text
    }

    private func appendBlock(_ finding: GuardrailFinding, to out: inout UTF8TextBuffer) {
        let label: String
        switch finding.effect {
        case .blocks: label = "  BLOCKS  "
        case .errorBlocks: label = "  ERROR (blocks)  "
        case .mightBlock: label = "  MAY BLOCK  "
        case .audits: label = "  AUDIT  "
        case .unsupported: label = "  NOT EVALUATED  "
        case .errorIgnored: label = "  ERROR (ignored)  "
        case .exempted: label = "  EXEMPTED  "
        case .excluded: label = "  EXCLUDED  "
        case .passes: label = "  passes  "
        }
        out.append(label)
        out.append(finding.policyKind)
        out.append(" ")
        appendPolicyKey(finding, to: &out)
        if !finding.rule.isEmpty {
            out.append(", rule ")
            out.append(finding.rule)
        }
        if !finding.action.isEmpty {
            out.append(" [")
            out.append(finding.action)
            out.append("]")
        }
        out.append("\n")
        if !finding.message.isEmpty { appendField(FieldLabel.message, finding.message, to: &out) }
        for (i, reason) in finding.reasons.enumerated() {
            appendField(i == 0 ? FieldLabel.because : FieldLabel.continuation, reason, to: &out)
        }
        for (i, exception) in finding.exceptions.enumerated() {
            appendField(
                i == 0 ? FieldLabel.exemptedBy : FieldLabel.continuation, "PolicyException \(exception)", to: &out)
        }
        if !finding.dependsOn.isEmpty {
            appendField(FieldLabel.dependsOn, finding.dependsOn.joined(separator: ", "), to: &out)
        }
    }

    /// The start of a field line: a 4-space indent, the label padded to 11 columns, a space. Continuation
    /// lines of a multi-line value start with ``continuation``, so they line up under the first.
    private enum FieldLabel {
        static let message = "    message     "
        static let because = "    because     "
        static let exemptedBy = "    exempted by "
        static let dependsOn = "    depends on  "
        static let continuation = "                "
    }

    /// `    label       value`, one line per line of `value`.
    private func appendField(_ label: String, _ value: String, to out: inout UTF8TextBuffer) {
        out.append(label)
        var value = value  // `withUTF8` may need to make a bridged string contiguous first
        value.withUTF8 { bytes in
            // Lines end where `value.split(separator: "\n")` splits, i.e. at a Character that is "\n": every
            // LF byte except one preceded by CR ("\r\n" is a single Character, so it does not split there).
            // Cutting at an LF keeps every line valid UTF-8.
            var lineStart = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                if i > 0 && bytes[i - 1] == UInt8(ascii: "\r") { continue }
                out.append(utf8: bytes[lineStart..<i])
                out.append("\n")
                out.append(FieldLabel.continuation)
                lineStart = i + 1
            }
            out.append(utf8: bytes[lineStart...])
        }
        out.append("\n")
    }

    // MARK: - Helpers

    func ruleName(_ finding: GuardrailFinding) -> String {
        var out = UTF8TextBuffer()
        appendRuleName(finding, to: &out)
        return out.text
    }

    private func appendRuleName(_ finding: GuardrailFinding, to out: inout UTF8TextBuffer) {
        out.append(finding.policyKind)
        out.append(" \"")
        appendPolicyKey(finding, to: &out)
        out.append("\"")
        if !finding.rule.isEmpty {
            out.append(" rule \"")
            out.append(finding.rule)
            out.append("\"")
        }
    }

    /// ``GuardrailFinding/policyKey``, without building it.
    private func appendPolicyKey(_ finding: GuardrailFinding, to out: inout UTF8TextBuffer) {
        if !finding.policyNamespace.isEmpty {
            out.append(finding.policyNamespace)
            out.append("/")
        }
        out.append(finding.policy)
    }

    /// How many rules the verdict line names; the rest are counted ("and 81 more rules") and each still has
    /// its block below. A cluster with hundreds of object-dependent rules made the first line kilobytes long.
    static let verdictLineRuleLimit = 3

    /// The names of the rules with the given effects, comma-separated: in that effect order, then in the
    /// findings' order (the order ``sorted(_:)`` gives); at most ``verdictLineRuleLimit``, then a count.
    private func appendRuleNames(
        _ findings: [GuardrailFinding], withEffects effects: [GuardrailFinding.Effect], to out: inout UTF8TextBuffer
    ) {
        var named = 0
        var more = 0
        for effect in effects {
            for i in findings.indices where findings[i].effect == effect {
                guard named < Self.verdictLineRuleLimit else {
                    more += 1
                    continue
                }
                if named > 0 { out.append(", ") }
                named += 1
                appendRuleName(findings[i], to: &out)
            }
        }
        if more > 0 { out.append(more == 1 ? " and 1 more rule" : " and \(more) more rules") }
    }

    private func count(_ findings: [GuardrailFinding], withEffect effect: GuardrailFinding.Effect) -> Int {
        var n = 0
        for i in findings.indices where findings[i].effect == effect { n += 1 }
        return n
    }

    /// Worst effect first, then by policy and rule, so output is stable.
    func sorted(_ findings: [GuardrailFinding]) -> [GuardrailFinding] {
        // A stable bucket sort by effect (the cases are declared worst first). By index, so each finding
        // is copied once, into a result sized once.
        var result: [GuardrailFinding] = []
        result.reserveCapacity(findings.count)
        for effect in GuardrailFinding.Effect.allCases {
            for i in findings.indices where findings[i].effect == effect { result.append(findings[i]) }
        }
        return result
    }
}
