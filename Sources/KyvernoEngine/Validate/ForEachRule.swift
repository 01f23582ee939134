import GuardrailCore

/// A `validate.foreach` rule body (Kyverno pkg/engine/handlers/validation/validate_resource.go
/// `validateForEach` / `validateElements`).
///
/// For each entry the `list` expression gives the elements (an entry whose list cannot be evaluated is
/// skipped, as Kyverno only logs it). Each non-null element is added to the context as `element` /
/// `element0` and `elementIndex` / `elementIndex0`; the entry's `context` and `preconditions` run per
/// element, then `deny` or `pattern`/`anyPattern` (on the element). The first failing element fails the
/// rule with `validation failure: <message>`; an error only counts on the last element (Kyverno
/// continues past errors on earlier ones). No element applied → `skip` ("rule skipped").
struct ForEachRule {
    var run: RequestRun
    var rule: PolicyRule
    var validate: ValidateSpec
    var context: JSONValue

    func evaluate(into e: inout RuleEvaluation) {
        var applied = 0
        for (index, entry) in validate.foreach.enumerated() {
            let location = "validate.foreach[\(index)]"
            let list: JSONValue
            let expression = run.request.operation == "DELETE"
                ? entry.list.replacingOccurrences(of: "request.object", with: "request.oldObject") : entry.list
            if run.unknownRoots.contains(where: { VariableSubstitution.containsBytes(expression, $0) }) {
                e.unknownFields.insert(expression)
                e.status = .fail
                e.message = "validation failure: \(validate.message)"
                return
            }
            do {
                list = try run.expressions.evaluate(expression, on: context, now: run.now)
            } catch {
                e.trace.notes.append("\(location): list '\(entry.list)' could not be evaluated (\(error)); skipped")
                continue
            }
            guard let elements = list.arrayValue else {
                e.trace.notes.append("\(location): list '\(entry.list)' is not an array; skipped")
                continue
            }
            for (i, element) in elements.enumerated() where !element.isNull {
                var elementEvaluation = RuleEvaluation(status: nil, message: "")
                evaluateElement(entry, element: element, index: i, into: &elementEvaluation)
                e.trace.conditions += elementEvaluation.trace.conditions.map {
                    var trace = $0
                    trace.location = "\(location)[\(i)].\(trace.location)"
                    return trace
                }
                e.trace.notes += elementEvaluation.trace.notes.map { "\(location)[\(i)]: \($0)" }
                if let unsupported = elementEvaluation.unsupported {
                    e.unsupported = unsupported
                    return
                }
                e.unknownFields.formUnion(elementEvaluation.unknownFields)
                switch elementEvaluation.status {
                case nil, .skip:
                    continue
                case .pass, .warn:
                    applied += 1
                case .error where i < elements.count - 1:
                    continue
                case .error, .fail:
                    e.status = elementEvaluation.status
                    e.message = "validation failure: \(elementEvaluation.message)"
                    e.trace.notes.append("\(location): element \(i) \(elementEvaluation.status!.rawValue)s")
                    return
                }
            }
        }
        if applied == 0 {
            e.status = .skip
            e.message = "rule skipped"
        } else {
            e.status = .pass
            e.message = "rule passed"
        }
    }

    private func evaluateElement(_ entry: ForEachSpec, element: JSONValue, index: Int, into e: inout RuleEvaluation) {
        var base = context
        for (name, value) in [("element", element), ("element0", element), ("elementIndex", JSONValue.int(Int64(index))),
                              ("elementIndex0", JSONValue.int(Int64(index)))] {
            base = AdmissionContext.setting(value, at: name, in: base)
        }
        guard let elementContext = run.loadContext(entry.context, into: base, evaluation: &e) else { return }
        let conditions = ConditionEvaluator(substitution: run.substitution(context: elementContext))
        let pre = conditions.evaluate(entry.preconditions, location: "preconditions")
        e.trace.conditions += pre.traces
        switch pre.value {
        case .error(let message):
            e.status = .error
            e.message = "failed to evaluate preconditions: \(message)"
            return
        case .value(false):
            e.status = .skip
            e.message = "preconditions not met"
            return
        case .unknown(let fields):
            e.unknownFields.formUnion(fields)
        case .value(true):
            break
        }
        if let deny = entry.deny {
            run.evaluateDeny(deny, validate: validate, rule: rule, conditions: conditions, into: &e)
            return
        }
        if entry.pattern != nil || entry.anyPattern != nil {
            // Patterns apply to the element when it is an object (elementScope defaults to that).
            let scoped = entry.elementScope ?? (element.objectValue != nil)
            guard scoped else {
                e.unsupported = "validate.foreach pattern with elementScope: false (not supported yet)"
                return
            }
            var spec = validate
            spec.pattern = entry.pattern
            spec.anyPattern = entry.anyPattern
            let result = PatternRule(run: run, rule: rule, validate: spec, context: elementContext)
                .validate(object: element, context: elementContext)
            e.status = result.status
            e.message = result.message
            e.trace.notes += result.notes
        }
    }
}
