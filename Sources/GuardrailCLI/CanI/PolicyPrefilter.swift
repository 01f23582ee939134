import GuardrailCore

/// Drops policies that cannot possibly match a request's kind before the engine parses them — parsing
/// (with autogen) is most of the cost on clusters with hundreds of policies, and most policies are
/// about other kinds.
///
/// Conservative by construction: a policy is kept when any rule's `match` has no `kinds` list, when
/// any kinds entry has a wildcard, when any `/`-separated part of an entry equals the request's kind
/// (`Pod`, `v1/Pod`, `apps/v1/Deployment`, `Pod/exec`, compared case-insensitively), or — because
/// Kyverno's autogen turns Pod rules into rules for Pod controllers — when the request is for a Pod
/// controller and an entry names `Pod`. Only a policy whose every rule names other kinds is dropped.
enum PolicyPrefilter {
    /// Kinds Kyverno's autogen generates rules for from Pod rules (`pkg/autogen`).
    static let podControllers: Set<String> = [
        "deployment", "statefulset", "daemonset", "job", "cronjob", "replicaset", "replicationcontroller",
    ]

    /// Whether `policy` may apply to a request for `kind`.
    static func mayApply(_ policy: JSONValue, toKind kind: String) -> Bool {
        KindFilter(kind: kind).mayApply(policy)
    }

    /// The request's kind, prepared once and then checked against every policy (a cluster may have
    /// thousands, so this runs on every `can-i`).
    struct KindFilter {
        /// The kind, lowercased.
        private let kind: String
        /// Whether the request is for a Pod controller, so `Pod` entries count too (autogen).
        private let controller: Bool
        /// `kind` as UTF-8.
        private let kindBytes: [UInt8]
        /// Whether `kind` is ASCII, which allows the byte-wise fast path in ``entryMayMatch(_:)``.
        private let kindIsASCII: Bool

        init(kind: String) {
            self.kind = kind.lowercased()
            controller = PolicyPrefilter.podControllers.contains(self.kind)
            kindBytes = Array(self.kind.utf8)
            kindIsASCII = kindBytes.allSatisfy { $0 < 0x80 }
        }

        /// Whether `policy` may apply to a request for this kind.
        func mayApply(_ policy: JSONValue) -> Bool {
            guard let rules = policy["spec"]?["rules"]?.arrayValue, !rules.isEmpty else { return true }
            for rule in rules {
                guard let match = rule["match"] else { return true }
                var sawKinds = false
                if anyEntryMayMatch(in: match, sawKinds: &sawKinds) || !sawKinds { return true }
            }
            return false
        }

        /// Walks `value` for `kinds` lists (in `any`/`all` or the legacy `resources` form alike) and says
        /// whether an entry of one may match; `sawKinds` records whether there was any list at all.
        private func anyEntryMayMatch(in value: JSONValue, sawKinds: inout Bool) -> Bool {
            switch value {
            case .object(let object):
                for entry in object {
                    if entry.key == "kinds", let kinds = entry.value.arrayValue {
                        sawKinds = true
                        for kindEntry in kinds where entryMayMatch(kindEntry) { return true }
                    } else if anyEntryMayMatch(in: entry.value, sawKinds: &sawKinds) {
                        return true
                    }
                }
            case .array(let items):
                for item in items where anyEntryMayMatch(in: item, sawKinds: &sawKinds) { return true }
            default:
                break
            }
            return false
        }

        /// Whether one kinds entry (`Pod`, `apps/v1/Deployment`, `Pod/exec`, `Config*`) may name the kind.
        private func entryMayMatch(_ entry: JSONValue) -> Bool {
            guard var text = entry.stringValue else { return true }
            // ASCII on both sides: each byte is one Character (CR LF aside, which cannot matter to `*`, `?`
            // or `/`) and ASCII case folding is `lowercased()`, so bytes give the same answer — without
            // allocating a lowercased copy and the parts of every entry of every policy.
            let asciiAnswer: Bool? = text.withUTF8 { bytes in
                guard kindIsASCII, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                var partStart = 0
                for i in bytes.indices {
                    switch bytes[i] {
                    case UInt8(ascii: "*"), UInt8(ascii: "?"):
                        return true
                    case UInt8(ascii: "/"):
                        if partMatches(bytes[partStart..<i]) { return true }
                        partStart = i + 1
                    default:
                        break
                    }
                }
                return partMatches(bytes[partStart...])
            }
            return asciiAnswer ?? unicodeEntryMayMatch(text)
        }

        /// Whether an ASCII part equals the kind, ignoring ASCII case. Empty parts (`v1//Pod`) are skipped,
        /// as `split(separator:)` omits them.
        private func partMatches(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            guard !part.isEmpty else { return false }
            return equalsIgnoringASCIICase(part, kindBytes) || (controller && equalsIgnoringASCIICase(part, Self.pod))
        }

        private static let pod = Array("pod".utf8)

        private func equalsIgnoringASCIICase(_ part: Slice<UnsafeBufferPointer<UInt8>>, _ lowercased: [UInt8])
            -> Bool
        {
            part.count == lowercased.count
                && part.elementsEqual(lowercased) { byte, lower in
                    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 == lower : byte == lower
                }
        }

        /// The general rule, for entries or kinds outside ASCII: Unicode lowercasing and Character
        /// comparison, as `String` does them.
        private func unicodeEntryMayMatch(_ entry: String) -> Bool {
            let text = entry.lowercased()
            if text.contains("*") || text.contains("?") { return true }
            let parts = text.split(separator: "/")
            if parts.contains(where: { $0 == kind }) { return true }
            return controller && parts.contains("pod")
        }
    }
}
