import GuardrailCore

/// The kinds of lexical tokens of JMESPath.
enum TokenKind: UInt8, Sendable {
    case eof, unquotedIdentifier, quotedIdentifier, number, rawString, jsonLiteral
    case dot, star, at, ampersand, comma, colon
    case lbracket, rbracket, lbrace, rbrace, lparen, rparen
    case filter, flatten, pipe, or, and, not
    case eq, ne, lt, lte, gt, gte

    /// How the token reads in error messages.
    var display: String {
        switch self {
        case .eof: "end of expression"
        case .unquotedIdentifier: "identifier"
        case .quotedIdentifier: "quoted identifier"
        case .number: "number"
        case .rawString: "raw string"
        case .jsonLiteral: "literal"
        case .dot: "'.'"
        case .star: "'*'"
        case .at: "'@'"
        case .ampersand: "'&'"
        case .comma: "','"
        case .colon: "':'"
        case .lbracket: "'['"
        case .rbracket: "']'"
        case .lbrace: "'{'"
        case .rbrace: "'}'"
        case .lparen: "'('"
        case .rparen: "')'"
        case .filter: "'[?'"
        case .flatten: "'[]'"
        case .pipe: "'|'"
        case .or: "'||'"
        case .and: "'&&'"
        case .not: "'!'"
        case .eq: "'=='"
        case .ne: "'!='"
        case .lt: "'<'"
        case .lte: "'<='"
        case .gt: "'>'"
        case .gte: "'>='"
        }
    }

    /// Left binding power for the Pratt parser (the values of the JMESPath reference grammar).
    var bindingPower: Int {
        switch self {
        case .pipe: 1
        case .or: 2
        case .and: 3
        case .eq, .ne, .lt, .lte, .gt, .gte: 5
        case .flatten: 9
        case .star: 20
        case .filter: 21
        case .dot: 40
        case .not: 45
        case .lbrace: 50
        case .lbracket: 55
        case .lparen: 60
        default: 0
        }
    }
}

/// A token with its payload and its byte range in the expression.
struct Token: Sendable {
    /// What the payload of a token is.
    enum Payload: Sendable {
        case none
        case text(String)
        case number(Int)
        case literal(JSONValue)
    }

    var kind: TokenKind
    var payload: Payload
    /// Byte offset of the first byte.
    var start: Int

    var text: String {
        if case .text(let s) = payload { return s }
        return ""
    }
}
