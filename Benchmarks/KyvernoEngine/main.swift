// kyverno-bench: 1,000 ClusterPolicies × 5 rules and 10,000 RoleBindings/ClusterRoleBindings; measures
// loading, one admission evaluation and peak memory. Run: swift run -c release kyverno-bench
import GuardrailCore
import KyvernoEngine

#if canImport(Glibc)
    import Glibc
#endif

let policyCount = 1_000
let rulesPerPolicy = 5
let bindingCount = 10_000
let namespaces = (0..<100).map { "team-\($0)" }

func policy(_ i: Int) -> JSONValue {
    var rules: [JSONValue] = []
    for r in 0..<rulesPerPolicy {
        let kinds: [JSONValue] = [
            ["ConfigMap", "Secret"], ["Deployment", "StatefulSet"], ["Service"], ["*"],
            ["apps/v1/Deployment/scale"],
        ][r]
        var filter: JSONObject = [
            "resources": [
                "kinds": .array(kinds),
                "namespaces": [.string(namespaces[(i + r) % namespaces.count]), "testnamespace"],
            ]
        ]
        switch r % 3 {
        case 0: filter["subjects"] = [["kind": "Group", "name": .string("group-\(i % 50)")]]
        case 1: filter["clusterRoles"] = [.string("role-\(i % 200)")]
        default: filter["roles"] = [.string("team-\(i % 100):editor")]
        }
        rules.append([
            "name": .string("rule-\(r)"),
            "match": ["any": [.object(filter)]],
            "exclude": ["any": [["subjects": [["kind": "ServiceAccount", "namespace": "kube-system", "name": "*"]]]]],
            "preconditions": [
                "all": [
                    [
                        "key": "{{ request.operation || 'BACKGROUND' }}", "operator": "AnyIn",
                        "value": ["CREATE", "UPDATE", "DELETE"],
                    ]
                ]
            ],
            "validate": [
                "message": .string("policy \(i) rule \(r) blocks {{ request.userInfo.username }}"),
                "deny": [
                    "conditions": [
                        "any": [
                            [
                                "key": "{{ request.namespace || '' }}", "operator": "Equals",
                                "value": "testnamespace",
                            ]
                        ]
                    ]
                ],
            ],
        ])
    }
    return [
        "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy",
        "metadata": ["name": .string("policy-\(String(i + 10_000))")],
        "spec": [
            "validationFailureAction": i % 2 == 0 ? "Enforce" : "Audit", "background": false,
            "rules": .array(rules),
        ],
    ]
}

func binding(_ i: Int) -> JSONValue {
    if i % 2 == 0 {
        let ns = namespaces[i % namespaces.count]
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": ["name": .string("rb-\(i)"), "namespace": .string(ns)],
            "roleRef": [
                "kind": i % 4 == 0 ? "Role" : "ClusterRole", "name": i % 4 == 0 ? "editor" : .string("role-\(i % 200)"),
            ],
            "subjects": [
                ["kind": "User", "name": .string("user-\(i % 3000)")],
                ["kind": "Group", "name": .string("group-\(i % 50)")],
            ],
        ]
    }
    return [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
        "metadata": ["name": .string("crb-\(i)")],
        "roleRef": ["kind": "ClusterRole", "name": .string("role-\(i % 200)")],
        "subjects": [
            ["kind": "User", "name": .string("user-\(i % 3000)")],
            ["kind": "ServiceAccount", "name": "sa", "namespace": .string(namespaces[i % namespaces.count])],
        ],
    ]
}

func peakMemoryMB() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let text = String(cString: line)
        if text.hasPrefix("VmHWM:") {
            let kb = text.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
    }
    return -1
}

/// CPU time of this thread in ms: robust when other processes compete for the cores (wall time is not).
func threadCPUms() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
}

func cpu(_ body: () -> Void) -> Double {
    let start = threadCPUms()
    body()
    return threadCPUms() - start
}

func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

let clock = ContinuousClock()
let documents = (0..<policyCount).map(policy) + (0..<bindingCount).map(binding)
let json = JSONWriter().string(from: .array(documents))
print(
    "generated \(policyCount) ClusterPolicies × \(rulesPerPolicy) rules, \(bindingCount) bindings (\(json.utf8.count / 1024) KiB of JSON)"
)

var state: ClusterState! = nil
var loadCPU = 0.0
let loadTime = clock.measure {
    loadCPU = cpu { state = ClusterState.load(documents: documents) }
}
var parsedState: ClusterState! = nil
let parseAndLoadTime = clock.measure {
    let parsed = (try? JSONParser.parse(json))?.arrayValue ?? []
    parsedState = ClusterState.load(documents: parsed)
}
precondition(state.policies.count == policyCount && parsedState.policies.count == policyCount)

let evaluator = Evaluator(state: state, expressions: KyvernoExpressionEvaluator())
let request = AdmissionRequest(
    operation: "CREATE", kind: GroupVersionKind(version: "v1", kind: "ConfigMap"),
    resource: GroupVersionResource(version: "v1", resource: "configmaps"),
    namespace: "testnamespace", name: "settings")
let user = UserInfo(username: "user-42", groups: ["group-42", "system:authenticated"])
var decision: AdmissionDecision! = nil
let firstTime = clock.measure { decision = evaluator.evaluate(request: request, userInfo: user, now: 0) }
var samples: [Double] = []
var cpuSamples: [Double] = []
for _ in 0..<30 {
    var c = 0.0
    samples.append(
        ms(clock.measure { c = cpu { decision = evaluator.evaluate(request: request, userInfo: user, now: 0) } }))
    cpuSamples.append(c)
}
samples.sort()
cpuSamples.sort()
let median = samples[samples.count / 2]
let cpuMedian = cpuSamples[cpuSamples.count / 2]
let blocking = decision.results.filter { $0.outcome == .blocks }.count
let applicable = decision.results.filter {
    if case .notApplicable = $0.outcome { return false }; return true
}.count

let peak = peakMemoryMB()
func verdict(_ ok: Bool) -> String { ok ? "ok" : "OVER BUDGET" }
print(
    "load (from JSONValue documents):  \(String(ms(loadTime))) ms wall, \(String(loadCPU)) ms CPU  [budget 300 ms: \(verdict(loadCPU < 300))]"
)
print("parse JSON text + load:           \(String(ms(parseAndLoadTime))) ms")
print("evaluate one request (first):     \(String(ms(firstTime))) ms wall")
print(
    "evaluate one request (median/30): \(String(median)) ms wall, \(String(cpuMedian)) ms CPU  [budget 20 ms: \(verdict(cpuMedian < 20))]"
)
print(
    "  \(decision.results.count) rule results, \(applicable) applicable, \(blocking) blocking, verdict \(decision.verdict.rawValue)"
)
print("  caller roles \(decision.roles.roles.count), clusterRoles \(decision.roles.clusterRoles.count)")
print("peak memory (VmHWM):              \(String(peak)) MB  [budget 100 MB: \(verdict(peak < 100))]")
