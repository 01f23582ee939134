import GuardrailCore
import KubeClient

// Pieces that wait for modules being built in parallel; each fails with an honest message until then.

/// Not available in this build yet.
struct NotSupportedYet: Error, CustomStringConvertible {
    var what: String
    var description: String { "not supported yet: \(what)" }
}

/// `-o yaml`.
enum CanIYAMLPrinter {
    static func print(_ value: JSONValue) throws -> String {
        throw NotSupportedYet(what: "-o yaml; use -o json")
    }
}

/// RBAC and guardrails over offline files.
struct OfflineEvaluation {
    var inputs: OfflineInputs
    init(inputs: OfflineInputs) throws {
        self.inputs = inputs
        throw NotSupportedYet(what: "offline evaluation (the RBAC authorizer and the Kyverno engine are being integrated)")
    }
    func verdict(for request: AccessRequest, user: UserInfo, object: JSONValue?) -> CanIVerdict {
        fatalError("unreachable")
    }
}

/// Against a cluster.
struct CanILiveRun {
    var options: CanI
    var environment: [String: String]
    var write: CanIWriter
    func verdicts(for query: AccessQuery?) async throws -> [CanIVerdict] {
        throw NotSupportedYet(what: "can-i against a cluster (the API client is being integrated); use --offline")
    }
}
