import GuardrailCore
import KyvernoEngine
import Testing

/// End-to-end scenarios: each `Fixtures/scenarios/*.yaml` file holds cluster objects (policies, exceptions,
/// bindings, namespaces, the Kyverno ConfigMap) and `kind: Scenario` documents (request + caller →
/// expected verdict, message and rule outcomes).
struct Scenario: CustomTestStringConvertible, Sendable {
    var file: String
    var name: String
    var spec: JSONValue
    var cluster: [JSONValue]
    var testDescription: String { "\(file): \(name)" }

    static let all: [Scenario] = {
        var scenarios: [Scenario] = []
        for file in Fixtures.list("scenarios") where file != "reference.yaml" {
            let documents = Fixtures.documents("scenarios/" + file)
            let cluster = documents.filter { $0["kind"] != "Scenario" }
            for document in documents where document["kind"] == "Scenario" {
                scenarios.append(
                    Scenario(
                        file: file, name: document["name"]?.stringValue ?? "?", spec: document,
                        cluster: cluster))
            }
        }
        return scenarios
    }()
}

@Suite struct ScenarioTests {
    @Test func thereAreEnoughScenarios() {
        #expect(Scenario.all.count >= 60)
    }

    @Test(arguments: Scenario.all)
    func scenario(_ scenario: Scenario) throws {
        let spec = scenario.spec
        var settings = KyvernoSettings()
        if let s = spec["settings"] {
            settings.policyExceptionsEnabled = s["policyExceptionsEnabled"]?.boolValue ?? false
            settings.exceptionNamespace = s["exceptionNamespace"]?.stringValue ?? ""
            settings.forceFailurePolicyIgnore = s["forceFailurePolicyIgnore"]?.boolValue ?? false
        }
        let state = ClusterState.load(documents: scenario.cluster, settings: settings)
        #expect(!state.diagnostics.contains { $0.severity == .error }, "\(state.diagnostics)")
        let r = try #require(spec["request"])
        let kindName = r["kind"]?.stringValue ?? "Pod"
        let (gvk, gvr) = try #require(Requests.resources[kindName], "unknown kind \(kindName)")
        let request = AdmissionRequest(
            operation: r["operation"]?.stringValue ?? "CREATE", kind: gvk, resource: gvr,
            subResource: r["subResource"]?.stringValue ?? "",
            requestKind: r["requestKind"]?.stringValue.map { GroupVersionKind(version: "v1", kind: $0) },
            namespace: r["namespace"]?.stringValue ?? "", name: r["name"]?.stringValue ?? "",
            object: r["object"], oldObject: r["oldObject"])
        let user = UserInfo(json: spec["user"] ?? ["username": "alice"])
        let decision = Evaluator(state).run(request, user)
        let expect = try #require(spec["expect"])
        let summary = decision.results.map { "\($0.policy.name)/\($0.rule)=\($0.outcome) [\($0.message)]" }
        if let verdict = expect["verdict"]?.stringValue {
            #expect(decision.verdict.rawValue == verdict, "gate \(decision.gate); \(summary)")
        }
        if let gate = expect["gate"]?.stringValue {
            #expect(String(describing: decision.gate).hasPrefix(gate), "gate \(decision.gate)")
        }
        if let message = expect["message"]?.stringValue {
            #expect(decision.message == message, "\(summary)")
        }
        if let webhook = expect["webhook"]?.stringValue { #expect(decision.webhook == webhook) }
        if let webhooks = expect["denials"]?.arrayValue {
            #expect(decision.denials.map(\.webhook) == webhooks.compactMap(\.stringValue))
        }
        for entry in expect["results"]?.objectValue ?? JSONObject() {
            let parts = entry.key.split(separator: "/", maxSplits: 1).map(String.init)
            let result = decision.results.first { $0.policy.name == parts[0] && $0.rule == parts[1] }
            guard let result else {
                Issue.record("no result for \(entry.key); \(summary)")
                continue
            }
            let expected = entry.value.stringValue ?? entry.value["outcome"]?.stringValue ?? ""
            #expect(result.outcome.name == expected, "\(entry.key): \(result.outcome) — \(result.message)")
            if let contains = entry.value["contains"]?.stringValue {
                let text = describe(result)
                #expect(text.contains(contains), "\(entry.key): \(text)")
            }
            if let message = entry.value["message"]?.stringValue {
                #expect(result.message == message)
            }
        }
        if let count = expect["warnings"]?.int64Value { #expect(decision.warnings.count == Int(count)) }
    }

    /// Everything a user would read about a result, for `contains` checks.
    func describe(_ result: RuleResult) -> String {
        var parts = [result.outcome.name, result.message, result.action.explanation]
        switch result.outcome {
        case .notApplicable(let reason): parts.append(reason)
        case .dependsOnObject(let fields, _): parts += fields
        case .unsupported(let construct, _): parts.append(construct)
        default: break
        }
        parts += result.trace.matchEvidence.map(\.description)
        parts += result.trace.excludeEvidence.map(\.description)
        parts += result.trace.conditions.map(\.description)
        parts += result.trace.exceptions
        parts += result.trace.notes
        if let clause = result.trace.matchClause { parts.append(clause) }
        return parts.joined(separator: " | ")
    }
}
