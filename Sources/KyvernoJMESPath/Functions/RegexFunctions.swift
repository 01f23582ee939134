import GuardrailCore
import JMESPath

/// `regex_match`, `regex_replace_all`, `regex_replace_all_literal` (Go `regexp`, RE2 syntax).
enum RegexFunctions {
    static let all: [JMESPath.Function] = [
        F("regex_match", [P(.string), P(.string, .number)]) { args, _ throws(JMESPathError) in
            guard let text = kyvernoString(args[1].json) else {
                throw KyvernoFunctionError.invalidType("regex_match", argument: 2, "String or Real")
            }
            do throws(GoRegex.InvalidPattern) {
                return .bool(try GoRegex.matches(args[0].string, text))
            } catch {
                throw KyvernoFunctionError.failure("regex_match", error.message)
            }
        },
        F("regex_replace_all", [P(.string), P(.string, .number), P(.string, .number)]) {
            args, _ throws(JMESPathError) in
            try replace(args, name: "regex_replace_all", literal: false)
        },
        F("regex_replace_all_literal", [P(.string), P(.string, .number), P(.string, .number)]) {
            args, _ throws(JMESPathError) in
            try replace(args, name: "regex_replace_all_literal", literal: true)
        },
    ]

    static func replace(_ args: [JMESPath.Argument], name: String, literal: Bool) throws(JMESPathError) -> JSONValue {
        guard let source = kyvernoString(args[1].json) else {
            throw KyvernoFunctionError.invalidType(name, argument: 2, "String or Real")
        }
        guard let replacement = kyvernoString(args[2].json) else {
            throw KyvernoFunctionError.invalidType(name, argument: 3, "String or Real")
        }
        do throws(GoRegex.InvalidPattern) {
            return .string(try GoRegex.replaceAll(args[0].string, in: source, with: replacement, literal: literal))
        } catch {
            throw KyvernoFunctionError.failure(name, error.message)
        }
    }
}
