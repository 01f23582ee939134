import GuardrailCore

/// Walks the syntax tree. One instance per evaluation; it holds no mutable state.
struct Interpreter: Sendable {
    let runtime: JMESPath.Runtime
    /// Kyverno's fork: missing keys are errors (see ``JMESPath/Runtime/MissingKeyBehavior``).
    let strict: Bool

    init(runtime: JMESPath.Runtime) {
        self.runtime = runtime
        self.strict = runtime.missingKeys == .notFoundError
    }

    /// Evaluates `node`, turning a not-found error into `null` — what go-jmespath's fork does for
    /// operands of `||`, `!`, comparisons, function arguments, pipes, projections and multi-selects.
    @inline(__always)
    func evaluateLeniently(_ node: Node, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
        guard strict else { return try evaluate(node, value) }
        do {
            return try evaluate(node, value)
        } catch {
            if error.kind == .notFound { return .null }
            throw error
        }
    }

    /// The left side of filters, flattens and value projections: the fork turns *any* error there into
    /// `null` (go-jmespath fork interpreter.go, `ASTFilterProjection`/`ASTFlatten`/`ASTValueProjection`).
    @inline(__always)
    private func evaluateProjectionSource(_ node: Node, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
        guard strict else { return try evaluate(node, value) }
        do {
            return try evaluate(node, value)
        } catch {
            return .null
        }
    }

    @inline(__always)
    private func field(_ name: String, of value: JSONValue) throws(JMESPathError) -> JSONValue {
        guard case .object(let object) = value else { return .null }
        if let member = object[name] { return member }
        if strict {
            throw JMESPathError(.notFound, "unknown key \"\(name)\" in path", key: name)
        }
        return .null
    }

    func evaluate(_ node: Node, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
        switch node {
        case .current:
            return value
        case .literal(let literal):
            return literal
        case .field(let name):
            return try field(name, of: value)
        case .fieldPath(let names):
            var result = value
            for name in names {
                result = try field(name, of: result)
            }
            return result
        case .subexpression(let left, let right):
            return try evaluate(right, try evaluate(left, value))
        case .index(let index):
            guard case .array(let elements) = value else { return .null }
            let i = index < 0 ? elements.count + index : index
            return i >= 0 && i < elements.count ? elements[i] : .null
        case .slice(let start, let stop, let step):
            guard case .array(let elements) = value else { return .null }
            return .array(Interpreter.slice(elements, start: start, stop: stop, step: step ?? 1))
        case .projection(let left, let right):
            guard case .array(let elements) = try evaluateLeniently(left, value) else { return .null }
            var collected: [JSONValue] = []
            collected.reserveCapacity(elements.count)
            for element in elements {
                let result = try evaluateLeniently(right, element)
                if !result.isNull { collected.append(result) }
            }
            return .array(collected)
        case .valueProjection(let left, let right):
            guard case .object(let object) = try evaluateProjectionSource(left, value) else { return .null }
            var collected: [JSONValue] = []
            collected.reserveCapacity(object.count)
            for entry in object {
                let result = try evaluateLeniently(right, entry.value)
                if !result.isNull { collected.append(result) }
            }
            return .array(collected)
        case .filterProjection(let left, let right, let condition):
            guard case .array(let elements) = try evaluateProjectionSource(left, value) else { return .null }
            var collected: [JSONValue] = []
            for element in elements where try evaluateLeniently(condition, element).isTruthy {
                let result = try evaluateLeniently(right, element)
                if !result.isNull { collected.append(result) }
            }
            return .array(collected)
        case .flatten(let inner):
            guard case .array(let elements) = try evaluateProjectionSource(inner, value) else { return .null }
            var flattened: [JSONValue] = []
            flattened.reserveCapacity(elements.count)
            for element in elements {
                if case .array(let nested) = element {
                    flattened.append(contentsOf: nested)
                } else {
                    flattened.append(element)
                }
            }
            return .array(flattened)
        case .comparison(let comparator, let left, let right):
            let lhs = try evaluateLeniently(left, value)
            let rhs = try evaluateLeniently(right, value)
            return Interpreter.compare(comparator, lhs, rhs)
        case .or(let left, let right):
            let lhs = try evaluateLeniently(left, value)
            return lhs.isTruthy ? lhs : try evaluateLeniently(right, value)
        case .and(let left, let right):
            let lhs = try evaluateLeniently(left, value)
            return lhs.isTruthy ? try evaluate(right, value) : lhs
        case .not(let operand):
            return .bool(!(try evaluateLeniently(operand, value).isTruthy))
        case .pipe(let left, let right):
            return try evaluateLeniently(right, try evaluateLeniently(left, value))
        case .multiSelectList(let elements):
            if value.isNull { return .null }
            var collected: [JSONValue] = []
            collected.reserveCapacity(elements.count)
            for element in elements { collected.append(try evaluateLeniently(element, value)) }
            return .array(collected)
        case .multiSelectHash(let pairs):
            if value.isNull { return .null }
            var object = JSONObject()
            for pair in pairs { object[pair.key] = try evaluateLeniently(pair.node, value) }
            return .object(object)
        case .function(let name, let argumentNodes, let position):
            guard let function = runtime.functions[name] else {
                throw JMESPathError(.unknownFunction, "unknown function \(name)()", position: position)
            }
            var arguments: [JMESPath.Argument] = []
            arguments.reserveCapacity(argumentNodes.count)
            for argument in argumentNodes {
                if case .expressionReference(let referenced) = argument {
                    arguments.append(.expression(JMESPath.ExpressionReference(node: referenced)))
                } else {
                    arguments.append(.value(try evaluateLeniently(argument, value)))
                }
            }
            do {
                return try function.call(
                    arguments, context: JMESPath.FunctionContext(interpreter: self, functionName: name))
            } catch {
                // Point at the call, so `jp` can underline the function that failed.
                var located = error
                if located.position == nil { located.position = position }
                throw located
            }
        case .expressionReference:
            // Only meaningful as a function argument (handled above); elsewhere it has no JSON value.
            return .null
        }
    }

    // MARK: - Helpers

    /// Python-style slicing with the specification's clamping rules; `step` is never 0.
    static func slice(_ elements: [JSONValue], start: Int?, stop: Int?, step: Int) -> [JSONValue] {
        let count = elements.count
        func clamp(_ index: Int?, default defaultValue: Int) -> Int {
            guard let index else { return defaultValue }
            if index < 0 {
                let adjusted = index + count
                return adjusted < 0 ? (step < 0 ? -1 : 0) : adjusted
            }
            return index >= count ? (step < 0 ? count - 1 : count) : index
        }
        let from = clamp(start, default: step < 0 ? count - 1 : 0)
        let to = clamp(stop, default: step < 0 ? -1 : count)
        var result: [JSONValue] = []
        var i = from
        // Huge steps must not overflow the index (`[1:10:9223372036854775807]`).
        if step > 0 {
            while i < to {
                result.append(elements[i])
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
        } else {
            while i > to {
                result.append(elements[i])
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
        }
        return result
    }

    /// Comparisons: equality is structural; ordering is defined for numbers only (else `null`), with
    /// numbers compared like Go's `float64` (exactly, when both are integers).
    static func compare(_ comparator: Comparator, _ lhs: JSONValue, _ rhs: JSONValue) -> JSONValue {
        switch comparator {
        case .equal: return .bool(lhs == rhs)
        case .notEqual: return .bool(lhs != rhs)
        default: break
        }
        let ordering: Int
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): ordering = a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return .null }
            if a.isNaN || b.isNaN { return .bool(false) }
            ordering = a < b ? -1 : (a == b ? 0 : 1)
        }
        switch comparator {
        case .less: return .bool(ordering < 0)
        case .lessOrEqual: return .bool(ordering <= 0)
        case .greater: return .bool(ordering > 0)
        default: return .bool(ordering >= 0)
        }
    }
}
