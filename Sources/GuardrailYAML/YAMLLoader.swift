import CYAML
import GuardrailCore

/// Turns libyaml's event stream into ``YAMLDocument``s without recursion: containers under
/// construction live on an explicit stack, so nesting depth is bounded by ``YAMLLimits/maxDepth``
/// rather than by the thread's stack.
struct YAMLLoader {
    let file: String?
    let limits: YAMLLimits
    let options: YAMLOptions

    private enum Pending {
        case none
        case key(String)
        case merge
    }

    private struct Frame {
        var isMapping: Bool
        var items: [JSONValue] = []
        var object = JSONObject()
        var pending: Pending = .none
        /// Where the pending key was written.
        var keyLine = 0
        var keyColumn = 0
        var anchor: String?
        var record: Int32
        var lastChild: Int32 = NodeLocations.none
        var nodeCountAtStart: Int
        var line: Int
        var column: Int
    }

    private struct Anchored {
        var value: JSONValue
        var nodes: Int
        var record: Int32
        var isScalar: Bool
    }

    // Per-document state.
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var root: JSONValue?
    private var nodeCount = 0
    private var aliasExpansion = 0
    private var locations = NodeLocations()

    init(file: String?, limits: YAMLLimits, options: YAMLOptions) {
        self.file = file
        self.limits = limits
        self.options = options
    }

    // MARK: Driving libyaml

    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxInputBytes else {
            throw error(
                "input is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes;"
                    + " split it into smaller files", line: 1, column: 1)
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw error("out of memory initialising the yaml parser", line: 1, column: 1)
        }
        defer { yaml_parser_delete(parser) }
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(parser, base, bytes.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(parser, &empty, 0)
        }

        var documents: [YAMLDocument] = []
        var documentIndex = 0
        var documentStartLine = 1
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw parserError(parser.pointee, input: bytes)
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                guard documentIndex < limits.maxDocuments else {
                    throw error(
                        "more than \(limits.maxDocuments) documents in one stream; split the input",
                        line: line, column: column)
                }
                documentStartLine = line
                resetDocument()
            case YAML_DOCUMENT_END_EVENT:
                let value = root ?? .null
                // kubectl (cli-runtime's StreamVisitor) skips documents that are empty or `null`.
                if !value.isNull {
                    documents.append(
                        YAMLDocument(
                            value: value, index: documentIndex, startLine: documentStartLine, file: file,
                            locations: options.trackLocations ? locations : nil))
                }
                documentIndex += 1
                resetDocument()
            case YAML_SCALAR_EVENT:
                try scalar(event, line: line, column: column)
            case YAML_ALIAS_EVENT:
                try alias(event, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT:
                try startContainer(
                    isMapping: false, anchor: event.data.sequence_start.anchor, line: line, column: column)
            case YAML_MAPPING_START_EVENT:
                try startContainer(isMapping: true, anchor: event.data.mapping_start.anchor, line: line, column: column)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try endContainer()
            default:
                break
            }
        }
    }

    private mutating func resetDocument() {
        stack.removeAll(keepingCapacity: true)
        anchors.removeAll()
        root = nil
        nodeCount = 0
        aliasExpansion = 0
        locations = NodeLocations()
    }

    // MARK: Nodes

    private mutating func scalar(_ event: yaml_event_t, line: Int, column: Int) throws(YAMLError) {
        let data = event.data.scalar
        let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
        let tag = data.tag.map { String(cString: $0) }
        let plain = data.style == YAML_PLAIN_SCALAR_STYLE
        let anchor = data.anchor.map { String(cString: $0) }

        // A mapping key: resolved as a value, then turned into a string as sigs.k8s.io/yaml does.
        if expectingKey {
            if plain, text == "<<", tag == nil || tag == "tag:yaml.org,2002:merge" {
                stack[stack.count - 1].pending = .merge
                stack[stack.count - 1].keyLine = line
                stack[stack.count - 1].keyColumn = column
            } else {
                let value = try resolve(text: text, tag: tag, plain: plain, line: line, column: column)
                let key = try keyString(value, line: line, column: column)
                stack[stack.count - 1].pending = .key(key)
                stack[stack.count - 1].keyLine = line
                stack[stack.count - 1].keyColumn = column
            }
            try countNodes(1, line: line, column: column)
            if let anchor {
                let value = try resolve(text: text, tag: tag, plain: plain, line: line, column: column)
                anchors[anchor] = Anchored(value: value, nodes: 1, record: NodeLocations.none, isScalar: true)
            }
            return
        }

        let value = try resolve(text: text, tag: tag, plain: plain, line: line, column: column)
        try countNodes(1, line: line, column: column)
        let record = addRecord(line: line, column: column)
        if options.trackLocations, plain, tag == nil, value.stringValue == nil {
            locations.plainText[record] = text
        }
        if let anchor { anchors[anchor] = Anchored(value: value, nodes: 1, record: record, isScalar: true) }
        try attach(value, line: line, column: column)
    }

    private mutating func alias(_ event: yaml_event_t, line: Int, column: Int) throws(YAMLError) {
        let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
        guard let anchored = anchors[name] else {
            throw error(
                "unknown anchor '\(name)' referenced: define '&\(name)' earlier in the same document"
                    + " (an alias cannot refer to a node that contains it)", line: line, column: column,
                kubectl: "yaml: unknown anchor '\(name)' referenced")
        }
        // go-yaml v2 counts the alias node and every node decoded again under it.
        aliasExpansion += anchored.nodes
        try countNodes(1 + anchored.nodes, line: line, column: column)
        if aliasExpansion > limits.maxAliasExpansion
            || Self.excessiveAliasing(aliases: aliasExpansion, nodes: nodeCount)
        {
            throw error(
                "document contains excessive aliasing: aliases expand to \(aliasExpansion) of its \(nodeCount) nodes"
                    + " (a \"billion laughs\" document?); kubectl refuses it too", line: line, column: column,
                kubectl: "yaml: document contains excessive aliasing")
        }

        if expectingKey {
            let key = try keyString(anchored.value, line: line, column: column)
            stack[stack.count - 1].pending = .key(key)
            stack[stack.count - 1].keyLine = line
            stack[stack.count - 1].keyColumn = column
            return
        }
        let record = addRecord(line: line, column: column)
        if options.trackLocations, anchored.record != NodeLocations.none {
            locations.aliasTarget[record] = anchored.record
        }
        try attach(anchored.value, line: line, column: column)
    }

    private mutating func startContainer(
        isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, line: Int, column: Int
    ) throws(YAMLError) {
        if expectingKey {
            throw error(
                "a mapping key must be a scalar, not a \(isMapping ? "mapping" : "sequence")"
                    + " (Kubernetes cannot convert it to a JSON object key)", line: line, column: column)
        }
        guard stack.count < limits.maxDepth else {
            throw error(
                "nesting deeper than \(limits.maxDepth) levels; the document is too deeply nested to be"
                    + " a Kubernetes object", line: line, column: column)
        }
        try countNodes(1, line: line, column: column)
        let record = addRecord(line: line, column: column)
        stack.append(
            Frame(
                isMapping: isMapping, anchor: anchor.map { String(cString: $0) }, record: record,
                nodeCountAtStart: nodeCount - 1, line: line, column: column))
    }

    private mutating func endContainer() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let value: JSONValue = frame.isMapping ? .object(frame.object) : .array(frame.items)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(
                value: value, nodes: nodeCount - frame.nodeCountAtStart, record: frame.record, isScalar: false)
        }
        try attach(value, line: frame.line, column: frame.column)
    }

    /// Adds a completed node to its parent (or makes it the document's root).
    private mutating func attach(_ value: JSONValue, line: Int, column: Int) throws(YAMLError) {
        guard !stack.isEmpty else {
            root = value
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(value)
            return
        }
        switch stack[top].pending {
        case .none:
            // Keys are handled before values are built; containers as keys were refused.
            break
        case .key(let key):
            // Duplicate keys: the later value wins, as go-yaml v2 does for untyped maps.
            stack[top].object[key] = value
        case .merge:
            // Static, and the failure is built here: an instance method would borrow a copy of `self`
            // while `stack` is mutated, making every array and object on the stack non-unique.
            if !Self.merge(value, into: &stack[top].object) {
                throw error("map merge requires map or sequence of maps as the value", line: line, column: column)
            }
        }
        stack[top].pending = .none
    }

    /// go-yaml v2 merge (`<<`): the value must be a mapping or a sequence of mappings; entries are
    /// applied in document order, so keys written *before* `<<` are overwritten by the merge and keys
    /// written after it win — exactly go-yaml v2's `decoder.mapping`. In a sequence, earlier mappings
    /// take precedence over later ones.
    private static func merge(_ value: JSONValue, into object: inout JSONObject) -> Bool {
        switch value {
        case .object(let source):
            for entry in source { object[entry.key] = entry.value }
            return true
        case .array(let sources):
            var objects: [JSONObject] = []
            for source in sources {
                guard case .object(let o) = source else { return false }
                objects.append(o)
            }
            for source in objects.reversed() {
                for entry in source { object[entry.key] = entry.value }
            }
            return true
        default:
            return false
        }
    }

    /// Whether the next node is a key of the innermost mapping (read in place: copying a frame
    /// would retain its arrays on every scalar).
    private var expectingKey: Bool {
        let top = stack.count - 1
        guard top >= 0, stack[top].isMapping else { return false }
        if case .none = stack[top].pending { return true }
        return false
    }

    private mutating func addRecord(line: Int, column: Int) -> Int32 {
        guard options.trackLocations else { return NodeLocations.none }
        let top = stack.count - 1
        var key = ""
        var keyLine = line
        var keyColumn = column
        if top >= 0, stack[top].isMapping {
            switch stack[top].pending {
            case .key(let k): key = k
            case .merge: key = NodeLocations.mergeKey
            case .none: break
            }
            keyLine = stack[top].keyLine
            keyColumn = stack[top].keyColumn
        }
        let record = locations.append(
            line: line, column: column, keyLine: keyLine, keyColumn: keyColumn, key: key)
        if top >= 0 {
            let lastChild = stack[top].lastChild
            if lastChild == NodeLocations.none {
                locations.firstChild[Int(stack[top].record)] = record
            } else {
                locations.nextSibling[Int(lastChild)] = record
            }
            stack[top].lastChild = record
        }
        return record
    }

    /// go-yaml v2's rule (decode.go `allowedAliasRatio`), so what kubectl accepts is accepted: past
    /// 100 aliased nodes and 1,000 nodes, aliased nodes may make up at most 99% of a document of up to
    /// 400,000 nodes, falling linearly to 10% at 4,000,000.
    static func excessiveAliasing(aliases: Int, nodes: Int) -> Bool {
        guard aliases > 100, nodes > 1000 else { return false }
        let allowed: Double
        if nodes <= 400_000 {
            allowed = 0.99
        } else if nodes >= 4_000_000 {
            allowed = 0.10
        } else {
            allowed = 0.99 - 0.89 * (Double(nodes - 400_000) / 3_600_000)
        }
        return Double(aliases) / Double(nodes) > allowed
    }

    private mutating func countNodes(_ n: Int, line: Int, column: Int) throws(YAMLError) {
        nodeCount += n
        guard nodeCount <= limits.maxNodes else {
            throw error(
                "document has more than \(limits.maxNodes) nodes (counting alias expansions);"
                    + " split it or raise the limit", line: line, column: column)
        }
    }

    // MARK: Scalars and keys

    private func resolve(text: String, tag: String?, plain: Bool, line: Int, column: Int) throws(YAMLError)
        -> JSONValue
    {
        let resolved: YAMLScalarResolver.Resolved
        switch tag {
        case nil:
            resolved = plain ? YAMLScalarResolver.resolvePlain(text) : .string(text)
        case "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "!":
            resolved = .string(text)
        case "tag:yaml.org,2002:binary":
            guard let bytes = Base64.decode(text.filter { !$0.isWhitespace }) else {
                throw error("!!binary value is not valid base64", line: line, column: column)
            }
            resolved = .string(String(decoding: bytes, as: UTF8.self))
        case "tag:yaml.org,2002:null":
            resolved = YAMLScalarResolver.resolvePlain(text)
            guard case .null = resolved else { throw tagMismatch(text, "!!null", line: line, column: column) }
        case "tag:yaml.org,2002:bool":
            resolved = YAMLScalarResolver.resolvePlain(text)
            guard case .bool = resolved else { throw tagMismatch(text, "!!bool", line: line, column: column) }
        case "tag:yaml.org,2002:int":
            resolved = YAMLScalarResolver.resolvePlain(text)
            switch resolved {
            case .int, .bigUnsigned: break
            default: throw tagMismatch(text, "!!int", line: line, column: column)
            }
        case "tag:yaml.org,2002:float":
            let r = YAMLScalarResolver.resolvePlain(text)
            switch r {
            case .int(let i): resolved = .double(Double(i))
            case .bigUnsigned(let u): resolved = .double(Double(u))
            case .double: resolved = r
            default: throw tagMismatch(text, "!!float", line: line, column: column)
            }
        default:
            // Application tags (`!foo`) and collection tags on scalars: go-yaml keeps the text.
            resolved = .string(text)
        }
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .bigUnsigned(let u): return .double(Double(u))
        case .string(let s): return .string(s)
        case .double(let d):
            guard d.isFinite else {
                // sigs.k8s.io/yaml hands the float to encoding/json, which refuses it.
                let go = d.isNaN ? "NaN" : d < 0 ? "-Inf" : "+Inf"
                throw error(
                    "\(text) cannot be represented in JSON (json: unsupported value: \(go));"
                        + " quote it if you mean the string", line: line, column: column,
                    kubectl: "json: unsupported value: \(go)")
            }
            return .double(d)
        }
    }

    private func tagMismatch(_ text: String, _ tag: String, line: Int, column: Int) -> YAMLError {
        let actual: String
        switch YAMLScalarResolver.resolvePlain(text) {
        case .null: actual = "!!null"
        case .bool: actual = "!!bool"
        case .int, .bigUnsigned: actual = "!!int"
        case .double: actual = "!!float"
        case .string: actual = "!!str"
        }
        return error("cannot decode \(actual) `\(text)` as a \(tag)", line: line, column: column)
    }

    /// A JSON object key for a YAML mapping key, as sigs.k8s.io/yaml's `convertToJSONableObject`:
    /// integers in decimal, floats with `FormatFloat(f, 'g', -1, 32)`, booleans as `true`/`false`.
    private func keyString(_ value: JSONValue, line: Int, column: Int) throws(YAMLError) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return GoFloatFormat.formatG(d, bits32: true)
        case .bool(let b): return b ? "true" : "false"
        case .null:
            throw error(
                "a mapping key is null (empty, `~` or `null`); Kubernetes cannot convert it to a JSON"
                    + " object key — quote it if you mean the string", line: line, column: column)
        case .array, .object:
            throw error(
                "a mapping key must be a scalar (Kubernetes cannot convert it to a JSON object key)",
                line: line, column: column)
        }
    }

    // MARK: Errors

    private func error(_ message: String, line: Int, column: Int, kubectl: String? = nil) -> YAMLError {
        YAMLError(message, location: SourceLocation(file: file, line: line, column: column), kubectlMessage: kubectl)
    }

    private func parserError(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid yaml"
        let line = Int(parser.problem_mark.line)
        let column = Int(parser.problem_mark.column)
        if parser.error == YAML_READER_ERROR {
            message += " at byte \(parser.problem_offset)"
            if parser.problem_value != -1 { message += " (value \(parser.problem_value))" }
            message += "; the input must be UTF-8 or UTF-16 text"
        }
        if let context = parser.context.map({ String(cString: $0) }) {
            let cl = Int(parser.context_mark.line) + 1
            let cc = Int(parser.context_mark.column) + 1
            message += " (\(context) that started at line \(cl), column \(cc))"
        }
        // go-yaml v2 parser.fail(): the problem's line (0-based, plus one only for scanner errors), else
        // the context's line, else none.
        var goLine = 0
        if parser.problem_mark.line != 0 {
            goLine = Int(parser.problem_mark.line) + (parser.error == YAML_SCANNER_ERROR ? 1 : 0)
        } else if parser.context_mark.line != 0 {
            goLine = Int(parser.context_mark.line)
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        let kubectl = "yaml: " + (goLine != 0 ? "line \(goLine): " : "") + problem
        if parser.error == YAML_SCANNER_ERROR, Self.character(in: input, line: line, column: column) == "\t" {
            message += "; YAML does not allow tabs for indentation, use spaces"
        }
        return error(message, line: line + 1, column: column + 1, kubectl: kubectl)
    }

    /// The character at a 0-based line and column (columns count characters, as libyaml's do).
    private static func character(in input: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Character? {
        var start = 0
        var currentLine = 0
        while currentLine < line {
            guard let newline = input[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = newline + 1
            currentLine += 1
        }
        let end = input[start...].firstIndex(of: UInt8(ascii: "\n")) ?? input.count
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
        var scalars = text.unicodeScalars.makeIterator()
        for _ in 0..<column { _ = scalars.next() }
        return scalars.next().map(Character.init)
    }
}
