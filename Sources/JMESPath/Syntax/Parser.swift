import GuardrailCore

/// A Pratt (top-down operator precedence) parser for the JMESPath grammar.
///
/// Nesting is bounded by ``JMESPath/maxNestingDepth``: the parser tracks both its own recursion and the
/// depth of the tree it builds (left-associative chains such as `a | b | c …` grow the tree without
/// recursing), so neither parsing, evaluating nor freeing an expression can exhaust the stack.
struct Parser {
    private let source: String
    private let tokens: [Token]
    private var index = 0
    /// The depth of the node most recently returned by a parse function.
    private var lastDepth = 0
    private var recursion = 0
    private let maxDepth: Int

    init(source: String, tokens: [Token], maxDepth: Int = JMESPath.maxNestingDepth) {
        self.source = source
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    /// Parses a whole expression.
    static func parse(_ source: String, maxDepth: Int = JMESPath.maxNestingDepth) throws(JMESPathError) -> Node {
        let tokens = try Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: tokens, maxDepth: maxDepth)
        let node = try parser.expression(0)
        if parser.currentKind != .eof {
            throw parser.unexpected(parser.current, expected: "end of expression")
        }
        return node
    }

    // MARK: - Token access

    private var current: Token { tokens[index] }

    /// The current token's kind, without copying its payload.
    private var currentKind: TokenKind { tokens[index].kind }

    private func peekKind(_ offset: Int = 1) -> TokenKind {
        index + offset < tokens.count ? tokens[index + offset].kind : .eof
    }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func expect(_ kind: TokenKind) throws(JMESPathError) {
        guard currentKind == kind else { throw unexpected(current, expected: kind.display) }
        _ = advance()
    }

    private func error(_ message: String, at token: Token) -> JMESPathError {
        JMESPathError(
            .syntax, message, position: Lexer.scalarOffset(ofByte: token.start, in: source), expression: source)
    }

    private func unexpected(_ token: Token, expected: String) -> JMESPathError {
        error("expected \(expected) but found \(describe(token))", at: token)
    }

    private func describe(_ token: Token) -> String {
        switch token.payload {
        case .text(let text) where token.kind == .unquotedIdentifier: "identifier '\(text)'"
        case .number(let n): "number \(n)"
        default: token.kind.display
        }
    }

    /// Records the depth of a freshly built node, refusing trees deeper than the limit.
    private mutating func built(_ node: Node, depth: Int, at token: Token) throws(JMESPathError) -> Node {
        if depth > maxDepth {
            throw error("expression is nested too deeply (more than \(maxDepth) levels)", at: token)
        }
        lastDepth = depth
        return node
    }

    // MARK: - Pratt loop

    private mutating func expression(_ rightBindingPower: Int) throws(JMESPathError) -> Node {
        recursion += 1
        defer { recursion -= 1 }
        if recursion > maxDepth {
            throw error("expression is nested too deeply (more than \(maxDepth) levels)", at: current)
        }
        let token = advance()
        var left = try nud(token)
        var leftDepth = lastDepth
        while rightBindingPower < currentKind.bindingPower {
            if currentKind == .dot, plainFieldFollowsDot, let first = fieldNames(of: left) {
                // `a.b.c…`: collect the names in place. Folding node by node would copy the growing
                // array at every step (quadratic on long chains).
                var names = first
                left = .current
                while currentKind == .dot, plainFieldFollowsDot {
                    _ = advance()
                    names.append(advance().text)
                }
                left = .fieldPath(names)
                leftDepth = 1
                continue
            }
            let operatorToken = advance()
            left = try led(operatorToken, left: left, leftDepth: leftDepth)
            leftDepth = lastDepth
        }
        lastDepth = leftDepth
        return left
    }

    /// Whether the tokens are `.` then a (quoted) identifier that nothing binds more tightly to.
    private var plainFieldFollowsDot: Bool {
        let next = peekKind(1)
        return (next == .unquotedIdentifier || next == .quotedIdentifier)
            && peekKind(2).bindingPower <= TokenKind.dot.bindingPower
    }

    private func fieldNames(of node: Node) -> [String]? {
        switch node {
        case .field(let name): [name]
        case .fieldPath(let names): names
        default: nil
        }
    }

    // MARK: - Prefix positions

    private mutating func nud(_ token: Token) throws(JMESPathError) -> Node {
        switch token.kind {
        case .jsonLiteral:
            guard case .literal(let value) = token.payload else { return .literal(.null) }
            return try built(.literal(value), depth: 1, at: token)
        case .rawString:
            return try built(.literal(.string(token.text)), depth: 1, at: token)
        case .unquotedIdentifier:
            return try built(.field(token.text), depth: 1, at: token)
        case .quotedIdentifier:
            if currentKind == .lparen {
                throw error("a quoted identifier cannot name a function", at: token)
            }
            return try built(.field(token.text), depth: 1, at: token)
        case .star:
            // `*` alone: a value projection over the current object.
            if currentKind == .rbracket {
                return try built(.valueProjection(.current, .current), depth: 1, at: token)
            }
            let right = try projectionRight(TokenKind.star.bindingPower)
            return try built(.valueProjection(.current, right), depth: lastDepth + 1, at: token)
        case .not:
            let operand = try expression(TokenKind.not.bindingPower)
            return try built(.not(operand), depth: lastDepth + 1, at: token)
        case .filter:
            return try filter(left: .current, leftDepth: 0, token: token)
        case .flatten:
            let right = try projectionRight(TokenKind.flatten.bindingPower)
            return try built(.projection(.flatten(.current), right), depth: lastDepth + 2, at: token)
        case .lbrace:
            return try multiSelectHash(token)
        case .ampersand:
            let operand = try expression(0)
            return try built(.expressionReference(operand), depth: lastDepth + 1, at: token)
        case .at:
            return try built(.current, depth: 1, at: token)
        case .lparen:
            let inner = try expression(0)
            try expect(.rparen)
            return inner
        case .lbracket:
            switch currentKind {
            case .number, .colon:
                let selector = try indexOrSlice(token)
                if case .slice = selector {
                    let right = try projectionRight(TokenKind.star.bindingPower)
                    return try built(.projection(selector, right), depth: lastDepth + 2, at: token)
                }
                return selector
            case .star where peekKind() == .rbracket:
                _ = advance()
                _ = advance()
                let right = try projectionRight(TokenKind.star.bindingPower)
                return try built(.projection(.current, right), depth: lastDepth + 1, at: token)
            default:
                return try multiSelectList(token)
            }
        default:
            throw unexpected(token, expected: "an expression")
        }
    }

    // MARK: - Infix positions

    private mutating func led(_ token: Token, left: Node, leftDepth: Int) throws(JMESPathError) -> Node {
        switch token.kind {
        case .dot:
            if currentKind == .star {
                _ = advance()
                let right = try projectionRight(TokenKind.dot.bindingPower)
                return try built(.valueProjection(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
            }
            let right = try dotRight(TokenKind.dot.bindingPower)
            // Fold plain field chains into one path node.
            if case .field(let name) = right {
                switch left {
                case .field(let first): return try built(.fieldPath([first, name]), depth: 1, at: token)
                case .fieldPath(var names):
                    names.append(name)
                    return try built(.fieldPath(names), depth: 1, at: token)
                default: break
                }
            }
            return try built(.subexpression(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
        case .pipe:
            let right = try expression(TokenKind.pipe.bindingPower)
            return try built(.pipe(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
        case .or:
            let right = try expression(TokenKind.or.bindingPower)
            return try built(.or(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
        case .and:
            let right = try expression(TokenKind.and.bindingPower)
            return try built(.and(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
        case .eq, .ne, .lt, .lte, .gt, .gte:
            let right = try expression(token.kind.bindingPower)
            let comparator: Comparator =
                switch token.kind {
                case .eq: .equal
                case .ne: .notEqual
                case .lt: .less
                case .lte: .lessOrEqual
                case .gt: .greater
                default: .greaterOrEqual
                }
            return try built(
                .comparison(comparator, left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
        case .lparen:
            guard case .field(let name) = left else {
                throw error("only an unquoted identifier can name a function", at: token)
            }
            // The name is the token just before `(` (whitespace may separate them).
            let openIndex = index - 1
            let nameStart =
                openIndex > 0 && tokens[openIndex - 1].kind == .unquotedIdentifier
                ? tokens[openIndex - 1].start : token.start
            var arguments: [Node] = []
            var depth = 0
            while currentKind != .rparen {
                if !arguments.isEmpty { try expect(.comma) }
                arguments.append(try expression(0))
                depth = max(depth, lastDepth)
            }
            _ = advance()
            let position = Lexer.scalarOffset(ofByte: nameStart, in: source)
            return try built(
                .function(name: name, arguments: arguments, position: position), depth: depth + 1, at: token)
        case .filter:
            return try filter(left: left, leftDepth: leftDepth, token: token)
        case .flatten:
            let right = try projectionRight(TokenKind.flatten.bindingPower)
            return try built(
                .projection(.flatten(left), right), depth: max(leftDepth + 1, lastDepth) + 1, at: token)
        case .lbracket:
            switch currentKind {
            case .number, .colon:
                let selector = try indexOrSlice(token)
                if case .slice = selector {
                    let right = try projectionRight(TokenKind.star.bindingPower)
                    return try built(
                        .projection(.subexpression(left, selector), right),
                        depth: max(leftDepth + 1, lastDepth) + 1, at: token)
                }
                return try built(.subexpression(left, selector), depth: leftDepth + 1, at: token)
            case .star:
                _ = advance()
                try expect(.rbracket)
                let right = try projectionRight(TokenKind.star.bindingPower)
                return try built(.projection(left, right), depth: max(leftDepth, lastDepth) + 1, at: token)
            default:
                throw unexpected(current, expected: "a number, ':' or '*'")
            }
        default:
            throw unexpected(token, expected: "an operator")
        }
    }

    // MARK: - Pieces

    /// `[?condition]` followed by the projection's right-hand side.
    private mutating func filter(left: Node, leftDepth: Int, token: Token) throws(JMESPathError) -> Node {
        let condition = try expression(0)
        let conditionDepth = lastDepth
        try expect(.rbracket)
        var right = Node.current
        var rightDepth = 0
        if currentKind != .flatten {
            right = try projectionRight(TokenKind.filter.bindingPower)
            rightDepth = lastDepth
        }
        return try built(
            .filterProjection(left, right, condition: condition),
            depth: max(leftDepth, conditionDepth, rightDepth) + 1, at: token)
    }

    /// After `[` with a number or `:` next: `[n]` or `[start:stop:step]` (consumes the closing `]`).
    private mutating func indexOrSlice(_ open: Token) throws(JMESPathError) -> Node {
        var parts: [Int?] = [nil, nil, nil]
        var part = 0
        while currentKind != .rbracket {
            switch currentKind {
            case .colon:
                part += 1
                if part > 2 { throw unexpected(current, expected: "']'") }
                _ = advance()
            case .number:
                if parts[part] != nil { throw unexpected(current, expected: "':' or ']'") }
                guard case .number(let n) = current.payload else { throw unexpected(current, expected: "number") }
                parts[part] = n
                _ = advance()
            default:
                throw unexpected(current, expected: part == 0 ? "a number, ':' or ']'" : "a number, ':' or ']'")
            }
        }
        _ = advance()
        if part == 0 {
            guard let n = parts[0] else { throw error("expected an index", at: open) }
            return try built(.index(n), depth: 1, at: open)
        }
        if parts[2] == 0 {
            throw JMESPathError(
                .invalidValue, "slice step cannot be 0",
                position: Lexer.scalarOffset(ofByte: open.start, in: source), expression: source)
        }
        return try built(.slice(start: parts[0], stop: parts[1], step: parts[2]), depth: 1, at: open)
    }

    /// The right-hand side of a projection: stops at tokens binding weaker than 10.
    private mutating func projectionRight(_ bindingPower: Int) throws(JMESPathError) -> Node {
        let kind = currentKind
        if kind.bindingPower < 10 {
            lastDepth = 0
            return .current
        }
        switch kind {
        case .lbracket, .filter:
            return try expression(bindingPower)
        case .dot:
            _ = advance()
            return try dotRight(bindingPower)
        default:
            throw unexpected(current, expected: "'.', '[' or the end of the projection")
        }
    }

    /// After a `.`: an identifier, `*`, a multi-select list or hash.
    private mutating func dotRight(_ bindingPower: Int) throws(JMESPathError) -> Node {
        switch currentKind {
        case .unquotedIdentifier, .quotedIdentifier, .star:
            return try expression(bindingPower)
        case .lbracket:
            let open = advance()
            return try multiSelectList(open)
        case .lbrace:
            let open = advance()
            return try multiSelectHash(open)
        default:
            throw unexpected(current, expected: "an identifier, '*', '[' or '{' after '.'")
        }
    }

    /// After `[`: `expression, expression, …]`.
    private mutating func multiSelectList(_ open: Token) throws(JMESPathError) -> Node {
        var elements: [Node] = []
        var depth = 0
        repeat {
            if !elements.isEmpty { try expect(.comma) }
            elements.append(try expression(0))
            depth = max(depth, lastDepth)
        } while currentKind != .rbracket
        _ = advance()
        return try built(.multiSelectList(elements), depth: depth + 1, at: open)
    }

    /// After `{`: `key: expression, …}`.
    private mutating func multiSelectHash(_ open: Token) throws(JMESPathError) -> Node {
        var pairs: [KeyedNode] = []
        var depth = 0
        repeat {
            if !pairs.isEmpty { try expect(.comma) }
            let keyToken = current
            guard keyToken.kind == .unquotedIdentifier || keyToken.kind == .quotedIdentifier else {
                throw unexpected(keyToken, expected: "a key (identifier)")
            }
            _ = advance()
            try expect(.colon)
            let value = try expression(0)
            depth = max(depth, lastDepth)
            pairs.append(KeyedNode(key: keyToken.text, node: value))
        } while currentKind != .rbrace
        _ = advance()
        return try built(.multiSelectHash(pairs), depth: depth + 1, at: open)
    }
}
