import GuardrailCore

/// Splits a JMESPath expression into tokens (the lexical grammar of the specification).
///
/// Works on UTF-8 bytes; only quoted identifiers, raw strings and literals may contain non-ASCII text.
struct Lexer {
    private let bytes: [UInt8]
    private let source: String
    private var position = 0

    init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    /// All tokens, ending with `.eof`.
    static func tokenize(_ source: String) throws(JMESPathError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private func error(_ message: String, at offset: Int) -> JMESPathError {
        JMESPathError(.syntax, message, position: Lexer.scalarOffset(ofByte: offset, in: source), expression: source)
    }

    /// Converts a byte offset into a Unicode scalar offset (for error columns).
    static func scalarOffset(ofByte offset: Int, in source: String) -> Int {
        var count = 0
        var index = 0
        for byte in source.utf8 {
            if index >= offset { break }
            if byte & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    private mutating func next() throws(JMESPathError) -> Token {
        while position < bytes.count,
            bytes[position] == 0x20 || bytes[position] == 0x09
                || bytes[position] == 0x0A || bytes[position] == 0x0D
        {
            position += 1
        }
        let start = position
        guard position < bytes.count else { return Token(kind: .eof, payload: .none, start: start) }
        let byte = bytes[position]
        func simple(_ kind: TokenKind, length: Int = 1) -> Token {
            position += length
            return Token(kind: kind, payload: .none, start: start)
        }
        func peek(_ offset: Int) -> UInt8 {
            position + offset < bytes.count ? bytes[position + offset] : 0
        }
        switch byte {
        case UInt8(ascii: "."): return simple(.dot)
        case UInt8(ascii: "*"): return simple(.star)
        case UInt8(ascii: "@"): return simple(.at)
        case UInt8(ascii: ","): return simple(.comma)
        case UInt8(ascii: ":"): return simple(.colon)
        case UInt8(ascii: "]"): return simple(.rbracket)
        case UInt8(ascii: "{"): return simple(.lbrace)
        case UInt8(ascii: "}"): return simple(.rbrace)
        case UInt8(ascii: "("): return simple(.lparen)
        case UInt8(ascii: ")"): return simple(.rparen)
        case UInt8(ascii: "["):
            if peek(1) == UInt8(ascii: "]") { return simple(.flatten, length: 2) }
            if peek(1) == UInt8(ascii: "?") { return simple(.filter, length: 2) }
            return simple(.lbracket)
        case UInt8(ascii: "|"):
            return peek(1) == UInt8(ascii: "|") ? simple(.or, length: 2) : simple(.pipe)
        case UInt8(ascii: "&"):
            return peek(1) == UInt8(ascii: "&") ? simple(.and, length: 2) : simple(.ampersand)
        case UInt8(ascii: "!"):
            return peek(1) == UInt8(ascii: "=") ? simple(.ne, length: 2) : simple(.not)
        case UInt8(ascii: "<"):
            return peek(1) == UInt8(ascii: "=") ? simple(.lte, length: 2) : simple(.lt)
        case UInt8(ascii: ">"):
            return peek(1) == UInt8(ascii: "=") ? simple(.gte, length: 2) : simple(.gt)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return simple(.eq, length: 2) }
            throw error("expected '==' but found '='", at: start)
        case UInt8(ascii: "'"): return try rawString()
        case UInt8(ascii: "\""): return try quotedIdentifier()
        case UInt8(ascii: "`"): return try jsonLiteral()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            while position < bytes.count, Lexer.isIdentifierByte(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            return Token(kind: .unquotedIdentifier, payload: .text(text), start: start)
        default:
            let scalar = source.unicodeScalars[
                source.utf8.index(source.utf8.startIndex, offsetBy: start)
            ]
            throw error("unexpected character '\(scalar)'", at: start)
        }
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    private mutating func number() throws(JMESPathError) -> Token {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            position += 1
        }
        guard position > digitsStart else { throw error("expected a digit after '-'", at: start) }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Int(text) else { throw error("number \(text) is too large", at: start) }
        return Token(kind: .number, payload: .number(value), start: start)
    }

    /// Finds the closing `delimiter`, skipping backslash escapes; returns the index of the delimiter.
    private func closing(_ delimiter: UInt8, from start: Int, what: String) throws(JMESPathError) -> Int {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == delimiter { return i }
            i += 1
        }
        throw error("unterminated \(what)", at: start)
    }

    /// `'raw string'`: only `\'` is an escape; every other backslash is kept (JMESPath spec).
    private mutating func rawString() throws(JMESPathError) -> Token {
        let start = position
        let end = try closing(UInt8(ascii: "'"), from: start, what: "raw string")
        var content: [UInt8] = []
        content.reserveCapacity(end - start)
        var i = start + 1
        while i < end {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "'") {
                content.append(UInt8(ascii: "'"))
                i += 2
            } else {
                content.append(bytes[i])
                i += 1
            }
        }
        position = end + 1
        return Token(kind: .rawString, payload: .text(String(decoding: content, as: UTF8.self)), start: start)
    }

    /// `"quoted identifier"`: a JSON string.
    private mutating func quotedIdentifier() throws(JMESPathError) -> Token {
        let start = position
        let end = try closing(UInt8(ascii: "\""), from: start, what: "quoted identifier")
        position = end + 1
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes[start...end])
        } catch {
            throw self.error("invalid quoted identifier: \(error.message)", at: start)
        }
        guard case .string(let text) = value else { throw error("invalid quoted identifier", at: start) }
        return Token(kind: .quotedIdentifier, payload: .text(text), start: start)
    }

    /// `` `JSON literal` ``: any JSON value; `` \` `` stands for a backtick.
    private mutating func jsonLiteral() throws(JMESPathError) -> Token {
        let start = position
        let end = try closing(UInt8(ascii: "`"), from: start, what: "literal (missing closing '`')")
        position = end + 1
        var content: [UInt8] = []
        content.reserveCapacity(end - start)
        var i = start + 1
        while i < end {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "`") {
                content.append(UInt8(ascii: "`"))
                i += 2
            } else {
                content.append(bytes[i])
                i += 1
            }
        }
        do {
            // Literals are written by policy authors; 64 levels is plenty and keeps recursion shallow.
            let value = try JSONParser.parse(bytes: content, maxDepth: 64)
            return Token(kind: .jsonLiteral, payload: .literal(value), start: start)
        } catch {
            throw self.error("invalid JSON in literal: \(error.message)", at: start)
        }
    }
}
