import GuardrailCore
import KyvernoEngine
import Testing

/// Policies with fields of the wrong type or shape (deterministically mutated corpus policies) must load
/// and evaluate without a crash: problems become diagnostics or rule errors.
@Suite struct RobustnessTests {
    /// A small deterministic generator (no randomness between runs).
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let replacements: [JSONValue] = [
        .null, true, 0, -1, 1.5, "", "*", "{{ request.object.missing }}", "{{", [], [nil], ["a": "b"], [:],
        ["any": "x"], [["kinds": "Pod"]], ["conditions": [["key": 1]]],
    ]

    /// Paths to every node of `value`.
    static func paths(_ value: JSONValue, _ prefix: [PathStep] = []) -> [[PathStep]] {
        var result = [prefix]
        switch value {
        case .object(let o): for e in o { result += paths(e.value, prefix + [.key(e.key)]) }
        case .array(let a): for (i, v) in a.enumerated() { result += paths(v, prefix + [.index(i)]) }
        default: break
        }
        return result
    }

    enum PathStep { case key(String), index(Int) }

    static func replacing(_ value: JSONValue, at path: ArraySlice<PathStep>, with new: JSONValue) -> JSONValue {
        guard let step = path.first else { return new }
        switch (step, value) {
        case (.key(let k), .object(var o)):
            o[k] = replacing(o[k] ?? .null, at: path.dropFirst(), with: new)
            return .object(o)
        case (.index(let i), .array(var a)):
            a[i] = replacing(a[i], at: path.dropFirst(), with: new)
            return .array(a)
        default:
            return value
        }
    }

    @Test func mutatedPoliciesNeverCrash() {
        var generator = LCG(state: 42)
        let policies = CorpusTests.documents
        let requests = [
            Requests.make("CREATE", "Pod", namespace: "prod", name: "web", object: CorpusTests.pod),
            Requests.make("DELETE", "ConfigMap", namespace: "shop", name: "c"),
            Requests.make("UPDATE", "Deployment", namespace: "prod", name: "d"),
        ]
        var evaluated = 0
        for round in 0..<60 {
            var documents: [JSONValue] = []
            for policy in policies {
                let all = Self.paths(policy)
                let path = all[generator.next(all.count)]
                let replacement = Self.replacements[generator.next(Self.replacements.count)]
                documents.append(Self.replacing(policy, at: path[...], with: replacement))
            }
            let state = ClusterState.load(documents: documents)
            let evaluator = Evaluator(state)
            for request in requests {
                let decision = evaluator.run(request, CorpusTests.users[round % CorpusTests.users.count])
                evaluated += decision.results.count
            }
        }
        #expect(evaluated > 0)
    }
}

@Suite("policy diagnostics are reported once")
struct PolicyDiagnosticsOnceTests {
    @Test(arguments: [JSONValue.string("oops"), 3, ["a": 1]])
    func malformedRulesAreReportedOnce(rules: JSONValue) {
        let policy: JSONValue = [
            "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": ["name": "p"],
            "spec": ["rules": rules],
        ]
        var diagnostics: [Diagnostic] = []
        _ = PolicyParser().parse(policy, diagnostics: &diagnostics)
        let listErrors = diagnostics.filter { $0.message.hasPrefix("expected a list") }
        #expect(listErrors.count == 1, "\(diagnostics.map(\.message))")
        #expect(listErrors.first?.context["field"] == "spec.rules")
    }
}
