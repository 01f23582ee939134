import GuardrailCore

/// One evaluated condition, with its substituted operands, for the trace.
public struct ConditionTrace: Sendable, Hashable, CustomStringConvertible {
    /// Where the condition is, e.g. `preconditions.any[0]`, `deny.conditions.all[1]`.
    public var location: String
    /// The key as written and after substitution (`nil` when substitution did not produce a value).
    public var rawKey: JSONValue
    /// The key after substitution.
    public var key: JSONValue?
    /// The operator as written.
    public var `operator`: String
    /// The value as written.
    public var rawValue: JSONValue
    /// The value after substitution.
    public var value: JSONValue?
    /// `true`/`false`; `nil` when unknown (depends on the object) or errored.
    public var result: Bool?
    /// The error or the unknown inputs, when `result` is `nil`.
    public var note: String?

    /// `deny.conditions.any[0]: "CREATE" AnyIn ["CREATE","UPDATE"] → true`.
    public var description: String {
        let k = key.map { $0.description } ?? rawKey.description
        let v = value.map { $0.description } ?? rawValue.description
        let outcome = result.map { $0 ? "true" : "false" } ?? (note ?? "unknown")
        return "\(location): \(k) \(`operator`) \(v) → \(outcome)"
    }
}

/// The outcome of a condition block.
struct BlockOutcome {
    enum Value: Equatable {
        case value(Bool)
        case unknown(Set<String>)
        case error(String)
    }

    var value: Value
    /// Messages Kyverno attaches: when true, the first true `any` message then all `all` messages;
    /// when false, the false `any` messages then the first false `all` message.
    var messages: [String]
    var traces: [ConditionTrace]
}

/// Evaluates condition blocks (Kyverno pkg/engine/variables/evaluate.go `EvaluateAnyAllConditions`).
struct ConditionEvaluator {
    var substitution: VariableSubstitution

    /// `exceptionSemantics`: PolicyException conditions treat an empty `any` as true
    /// (pkg/utils/conditions/condition.go) while rule conditions treat it as false.
    func evaluate(_ block: ConditionBlock?, location: String, exceptionSemantics: Bool = false) -> BlockOutcome {
        guard let block else { return BlockOutcome(value: .value(true), messages: [], traces: []) }
        var traces: [ConditionTrace] = []
        var unknown = Set<String>()
        var anyResult = true
        var anyTrueMessage: String? = nil
        var anyFalseMessages: [String] = []
        if let any = block.any, !(exceptionSemantics && any.isEmpty) {
            anyResult = false
            for (i, condition) in any.enumerated() {
                let (value, trace) = evaluateOne(condition, location: "\(location).any[\(i)]")
                traces.append(trace)
                switch value {
                case .error(let e): return BlockOutcome(value: .error(e), messages: [], traces: traces)
                case .unknown(let fields): unknown.formUnion(fields)
                case .value(true):
                    anyResult = true
                    anyTrueMessage = condition.message
                case .value(false):
                    anyFalseMessages.append(condition.message)
                }
                if anyResult { break }
            }
        }
        var allResult = true
        var allMessages: [String] = []
        var allFalseMessage: String? = nil
        let allLocation = block.isLegacyList ? location : "\(location).all"
        for (i, condition) in (block.all ?? []).enumerated() {
            let (value, trace) = evaluateOne(condition, location: "\(allLocation)[\(i)]")
            traces.append(trace)
            switch value {
            case .error(let e): return BlockOutcome(value: .error(e), messages: [], traces: traces)
            case .unknown(let fields): unknown.formUnion(fields)
            case .value(true): allMessages.append(condition.message)
            case .value(false):
                allResult = false
                allFalseMessage = condition.message
            }
            if !allResult { break }
        }
        if !unknown.isEmpty { return BlockOutcome(value: .unknown(unknown), messages: [], traces: traces) }
        let result = anyResult && allResult
        var messages: [String]
        if result {
            messages = [anyTrueMessage ?? ""] + allMessages
        } else {
            messages = (anyResult ? [] : anyFalseMessages) + (allResult ? [] : [allFalseMessage ?? ""])
        }
        messages = messages.filter { !$0.isEmpty }
        return BlockOutcome(value: .value(result), messages: messages, traces: traces)
    }

    /// One condition: substitute key then value, then apply the operator.
    func evaluateOne(_ condition: Condition, location: String) -> (BlockOutcome.Value, ConditionTrace) {
        var trace = ConditionTrace(
            location: location, rawKey: condition.key, key: nil, operator: condition.operator,
            rawValue: condition.value, value: nil, result: nil, note: nil)
        var unknown = Set<String>()
        var key: JSONValue? = nil
        do {
            key = try substitution.substituteAll(condition.key)
        } catch {
            switch error {
            case .error(let e):
                trace.note = "error"
                return (.error("failed to substitute variables in condition key: \(e)"), trace)
            case .unknown(let fields): unknown.formUnion(fields)
            }
        }
        var value: JSONValue? = nil
        do {
            value = try substitution.substituteAll(condition.value)
        } catch {
            switch error {
            case .error(let e):
                trace.note = "error"
                trace.key = key
                return (.error("failed to substitute variables in condition value: \(e)"), trace)
            case .unknown(let fields): unknown.formUnion(fields)
            }
        }
        trace.key = key
        trace.value = value
        guard let op = ConditionOperator(name: condition.operator) else {
            trace.note = "unknown operator"
            return (.error("failed to create handler for condition operator: <nil>"), trace)
        }
        guard let key, let value else {
            trace.note = "depends on " + unknown.sorted().joined(separator: ", ")
            return (.unknown(unknown), trace)
        }
        do {
            let result = try op.evaluate(key: key, value: value)
            trace.result = result
            return (.value(result), trace)
        } catch {
            trace.note = "error"
            return (.error(error.description), trace)
        }
    }
}
