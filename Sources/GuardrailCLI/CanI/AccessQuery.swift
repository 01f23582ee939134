/// What the user asked, parsed from `can-i VERB (TYPE[.VERSION][.GROUP] | TYPE/NAME | NONRESOURCEURL) [NAME]`
/// before any resource is resolved against discovery.
///
/// The grammar is kubectl's (`kubectl/pkg/cmd/auth/cani.go` `Complete`): an argument starting with `/`
/// is a non-resource URL; otherwise the argument is split at its first `/` into TYPE and NAME —
/// `pods/log` is a pod **named** `log`, not the log subresource (kubectl#1217); subresources only come
/// from `--subresource`. We also accept the name as a separate third word, like `kubectl get`.
struct AccessQuery: Sendable, Hashable {
    /// The verb exactly as typed (`create`, `get`, `*`, or a custom verb such as `use`).
    var verb: String
    /// The TYPE part as typed (`Deployments.apps`, `deploy`, `*`); `nil` for a non-resource URL.
    var resource: String?
    /// The resource name, from `TYPE/NAME` or the third word.
    var name: String?
    /// `--subresource`.
    var subresource: String?
    /// A non-resource URL such as `/healthz` or `/logs/*`.
    var nonResourceURL: String?
    /// Whether the name came from `TYPE/NAME` (so a name that is a subresource deserves a hint).
    var nameFromSlash: Bool = false
}

/// A mistake in the command line: printed as `error: …` and exits with the usage code (64).
struct CanIUsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, lowercase, naming the argument or flag at fault.
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension AccessQuery {
    /// Parses the positional words. `hasObject` (`-f` given) allows leaving out the resource — and even
    /// the verb, which then defaults to `create` — because both can come from the object.
    static func parse(words: [String], subresource: String?, hasObject: Bool) throws(CanIUsageError) -> AccessQuery? {
        let subresource = subresource.flatMap { $0.isEmpty ? nil : $0 }
        switch words.count {
        case 0:
            if hasObject { return nil }
            throw CanIUsageError(
                "you must specify a verb and a resource: VERB (TYPE | TYPE/NAME | NONRESOURCEURL) [NAME]")
        case 1:
            if hasObject { return AccessQuery(verb: words[0], resource: nil, subresource: subresource) }
            throw CanIUsageError(
                "you must specify a resource after the verb \"\(words[0])\": VERB (TYPE | TYPE/NAME | NONRESOURCEURL)"
                    + " [NAME], or pass the object with -f")
        case 2, 3:
            break
        default:
            throw CanIUsageError(
                "too many arguments: expected VERB (TYPE | TYPE/NAME | NONRESOURCEURL) [NAME], got \(words.count) words"
            )
        }
        let verb = words[0]
        let target = words[1]
        let extraName = words.count == 3 ? words[2] : nil
        guard !verb.isEmpty else { throw CanIUsageError("the verb must not be empty") }
        guard !target.isEmpty else { throw CanIUsageError("the resource must not be empty") }

        if target.hasPrefix("/") {
            // kubectl's exact wording for both conflicts.
            if subresource != nil { throw CanIUsageError("--subresource can not be used with NonResourceURL") }
            if extraName != nil { throw CanIUsageError("NonResourceURL and ResourceName can not specified together") }
            return AccessQuery(verb: verb, resource: nil, nonResourceURL: target)
        }
        var query = AccessQuery(verb: verb, resource: target, subresource: subresource)
        if let slash = target.firstIndex(of: "/") {
            query.resource = String(target[..<slash])
            let name = String(target[target.index(after: slash)...])
            guard extraName == nil else {
                throw CanIUsageError(
                    "the name was given twice: \"\(target)\" and \"\(extraName!)\"; use TYPE/NAME or TYPE NAME")
            }
            guard !(query.resource ?? "").isEmpty else {
                throw CanIUsageError("the resource must not be empty in \"\(target)\"")
            }
            if !name.isEmpty {
                query.name = name
                query.nameFromSlash = true
            }
        } else if let extraName, !extraName.isEmpty {
            query.name = extraName
        }
        return query
    }
}
