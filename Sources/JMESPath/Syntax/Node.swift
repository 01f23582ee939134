import GuardrailCore

/// A comparison operator.
enum Comparator: Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
}

/// The abstract syntax tree of a JMESPath expression.
///
/// Chains of plain fields (`request.object.metadata.name`) are folded into one ``fieldPath(_:)`` node:
/// the most common shape in policies evaluates without recursion.
indirect enum Node: Sendable {
    /// `@`
    case current
    /// `` `json` `` or `'raw'`
    case literal(JSONValue)
    /// `name` or `"quoted name"`
    case field(String)
    /// `a.b.c`
    case fieldPath([String])
    /// `left.right` and `left[index]`: evaluate right on the result of left.
    case subexpression(Node, Node)
    /// `[n]` on the current array
    case index(Int)
    /// `[start:stop:step]` on the current array
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `left[*].right`, `left[].right`, `left[1:2].right`: right applied to each element of the array left.
    case projection(Node, Node)
    /// `left.*.right`: right applied to each value of the object left.
    case valueProjection(Node, Node)
    /// `left[?condition].right`
    case filterProjection(Node, Node, condition: Node)
    /// `left[]` (without the projection): flattens one level.
    case flatten(Node)
    /// `left == right` and friends
    case comparison(Comparator, Node, Node)
    /// `left || right`
    case or(Node, Node)
    /// `left && right`
    case and(Node, Node)
    /// `!expression`
    case not(Node)
    /// `left | right`
    case pipe(Node, Node)
    /// `[a, b]`
    case multiSelectList([Node])
    /// `{k: a, l: b}`
    case multiSelectHash([KeyedNode])
    /// `name(arguments…)`
    case function(name: String, arguments: [Node], position: Int)
    /// `&expression`
    case expressionReference(Node)
}

/// One `key: expression` pair of a multi-select hash.
struct KeyedNode: Sendable {
    var key: String
    var node: Node
}
