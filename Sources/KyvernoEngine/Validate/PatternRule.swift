import GuardrailCore

/// A `pattern` / `anyPattern` rule body (Kyverno pkg/engine/handlers/validation/validate_resource.go
/// `validatePatterns`, `buildErrorMessage`, `buildAnyPatternErrorMessage`).
struct PatternRule {
    var run: RequestRun
    var rule: PolicyRule
    var validate: ValidateSpec
    var context: JSONValue

    func evaluate(into e: inout RuleEvaluation) {
        let request = run.request
        if request.operation == "DELETE" {
            // Patterns produce no response on DELETE.
            e.status = nil
            e.unknownFields = []
            e.notApplicableReason = "pattern rules are not applied to DELETE requests"
            return
        }
        guard let object = request.object else {
            e.unknownFields.insert("request.object")
            e.status = .fail
            e.message = rule.name + ": pattern needs the object"
            return
        }
        let newResult = validate(object: object, context: context)
        e.trace.notes += newResult.notes
        e.status = newResult.status
        e.message = newResult.message
        guard request.operation == "UPDATE", newResult.status == .fail, validate.allowExistingViolations else { return }
        // UPDATE: re-validate the old object; an unchanged violation is allowed (pre-existing).
        guard let old = request.oldObject, old.objectValue != nil else {
            e.unknownFields.insert("request.oldObject (pre-existing violations are allowed)")
            return
        }
        var oldContext = context
        if var root = oldContext.objectValue, var r = root["request"]?.objectValue {
            r["object"] = old
            root["request"] = .object(r)
            oldContext = .object(root)
        }
        let oldResult = validate(object: old, context: oldContext)
        if oldResult.status == newResult.status && oldResult.message == newResult.message {
            e.status = .skip
            e.message = "skipping modified resource as validation results have not changed"
            e.trace.notes.append("the old object violates the rule the same way (pre-existing violation allowed)")
        }
    }

    struct Result {
        var status: KyvernoRuleStatus?
        var message: String
        var notes: [String] = []
    }

    func validate(object: JSONValue, context: JSONValue) -> Result {
        let substitution = VariableSubstitution(
            context: context, evaluator: run.expressions, now: run.now,
            isDelete: false, unknownRoots: [])
        if let pattern = validate.pattern {
            let resolved: JSONValue
            do { resolved = try substitution.substituteAll(pattern) } catch {
                return Result(status: .error, message: "variable substitution failed: \(describe(error))")
            }
            guard let error = PatternMatcher.match(object, resolved) else {
                return Result(status: .pass, message: "validation rule '\(rule.name)' passed.")
            }
            if error.skip { return Result(status: .skip, message: error.message) }
            if error.path.isEmpty {
                return Result(
                    status: .error, message: errorMessage(error.message, path: "", substitution: substitution))
            }
            return Result(
                status: .fail, message: errorMessage(error.message, path: error.path, substitution: substitution),
                notes: ["pattern failed at \(error.path): \(error.message)"])
        }
        guard let patterns = validate.anyPattern?.arrayValue else {
            return Result(status: .error, message: "failed to deserialize anyPattern, expected type array")
        }
        var failed: [String] = [], skipped: [String] = [], notes: [String] = []
        for (i, pattern) in patterns.enumerated() {
            let resolved: JSONValue
            do { resolved = try substitution.substituteAll(pattern) } catch {
                return Result(status: .error, message: "variable substitution failed: \(describe(error))")
            }
            guard let error = PatternMatcher.match(object, resolved) else {
                return Result(status: .pass, message: "validation rule '\(rule.name)' anyPattern[\(i)] passed.")
            }
            if error.skip {
                skipped.append("rule \(rule.name)[\(i)] skipped: \(error.message)")
            } else if error.path.isEmpty {
                failed.append("rule \(rule.name)[\(i)] failed: \(error.message)")
            } else {
                failed.append("rule \(rule.name)[\(i)] failed at path \(error.path)")
                notes.append("anyPattern[\(i)] failed at \(error.path): \(error.message)")
            }
        }
        if !skipped.isEmpty && failed.isEmpty { return Result(status: .skip, message: skipped.joined(separator: " ")) }
        let joined = failed.joined(separator: " ")
        let message: String
        if validate.message.isEmpty {
            message = "validation error: \(joined)"
        } else if validate.message.hasSuffix(".") {
            message = "validation error: \(validate.message) \(joined)"
        } else {
            message = "validation error: \(validate.message). \(joined)"
        }
        return Result(status: .fail, message: message, notes: notes)
    }

    func errorMessage(_ error: String, path: String, substitution: VariableSubstitution) -> String {
        if validate.message.isEmpty {
            if !path.isEmpty { return "validation error: rule \(rule.name) failed at path \(path)" }
            return "validation error: rule \(rule.name) execution error: \(error)"
        }
        guard let rendered = try? substitution.substitute(validate.message, path: ""),
            var message = rendered.stringValue
        else {
            return "validation error: variables substitution error in rule \(rule.name) execution error: \(error)"
        }
        if !message.hasSuffix(".") { message += "." }
        if !path.isEmpty { return "validation error: \(message) rule \(rule.name) failed at path \(path)" }
        return "validation error: \(message) rule \(rule.name) execution error: \(error)"
    }

    func describe(_ error: SubstitutionFailure) -> String {
        switch error {
        case .error(let message): return message
        case .unknown(let fields): return "depends on " + fields.sorted().joined(separator: ", ")
        }
    }
}
