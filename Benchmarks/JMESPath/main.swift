// jmespath-bench: parse and evaluate throughput of the JMESPath engine.
//
//   swift run -c release jmespath-bench [--quick]
//
// Prints expressions/second for parsing and for evaluation on
//   1. the compliance suite's benchmark cases (Tests/JMESPathTests/Fixtures/compliance/benchmarks.json),
//   2. typical Kyverno condition expressions on an AdmissionReview-like context (Kyverno dialect),
//   3. queries over a generated ~5 MB Kubernetes PodList.
// Timing lives here, never in tests. The target for (2) is under 5 µs per parse + evaluate.
import GuardrailCore
import JMESPath
import KyvernoJMESPath

#if canImport(Glibc)
    import Glibc
#endif

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()

/// Runs `body` repeatedly and returns nanoseconds per call: the best of 5 rounds, because the machines
/// this runs on are shared and the minimum is the least noisy estimate.
func measure(budget: Duration = quick ? .milliseconds(40) : .milliseconds(300), _ body: () -> Void) -> Double {
    var iterations = 1
    // Calibrate: double until one batch takes at least 1/10 of the budget.
    while true {
        let elapsed = clock.measure { for _ in 0..<iterations { body() } }
        if elapsed * 10 >= budget || iterations >= 1 << 26 { break }
        iterations *= 2
    }
    var best = Double.infinity
    for _ in 0..<5 {
        let elapsed = clock.measure { for _ in 0..<iterations { body() } }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds * 1e9 / Double(iterations))
    }
    return best
}

func format(_ nanoseconds: Double) -> String {
    let perSecond = 1e9 / nanoseconds
    let time =
        nanoseconds < 1_000
        ? "\(rounded(nanoseconds)) ns"
        : nanoseconds < 1_000_000 ? "\(rounded(nanoseconds / 1_000)) µs" : "\(rounded(nanoseconds / 1_000_000)) ms"
    let rate =
        perSecond >= 1_000_000
        ? "\(rounded(perSecond / 1_000_000)) M/s"
        : perSecond >= 1_000 ? "\(rounded(perSecond / 1_000)) k/s" : "\(rounded(perSecond))/s"
    return "\(time) (\(rate))"
}

func rounded(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        bytes.append(contentsOf: buffer[0..<count])
        if count < buffer.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}

func report(_ name: String, _ expression: String, on document: JSONValue, runtime: JMESPath.Runtime) {
    guard let parsed = try? JMESPath.Expression(parsing: expression) else {
        print("  \(pad(name, 44)) does not parse")
        return
    }
    let parse = measure { _ = try? JMESPath.Expression(parsing: expression) }
    let evaluate = measure { _ = try? parsed.evaluate(on: document, runtime: runtime) }
    print("  \(pad(name, 44)) parse \(pad(format(parse), 24)) evaluate \(format(evaluate))")
}

// MARK: - 1. Compliance suite benchmark cases

let benchmarksPath =
    String(#filePath.dropLast("Benchmarks/JMESPath/main.swift".count))
    + "Tests/JMESPathTests/Fixtures/compliance/benchmarks.json"
print("JMESPath compliance benchmark cases (standard runtime)")
if let text = readFile(benchmarksPath), case .array(let suites)? = try? JSONParser.parse(text) {
    for suite in suites {
        let given = suite["given"] ?? .null
        for testCase in suite["cases"]?.arrayValue ?? [] {
            guard let expression = testCase["expression"]?.stringValue else { continue }
            let name = testCase["comment"]?.stringValue ?? expression
            report(name, expression, on: given, runtime: .standard)
        }
    }
} else {
    print("  (benchmarks.json not found at \(benchmarksPath))")
}

// MARK: - 2. Typical Kyverno conditions

let request: JSONValue = [
    "request": [
        "uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "operation": "CREATE",
        "kind": ["group": "", "version": "v1", "kind": "Pod"],
        "userInfo": ["username": "devops-alice", "groups": ["system:authenticated", "developers"]],
        "object": [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": "web-0", "namespace": "prod", "labels": ["app.kubernetes.io/name": "web", "team": "a"],
            ],
            "spec": [
                "containers": [
                    [
                        "name": "app", "image": "ghcr.io/acme/web:1.2", "securityContext": ["privileged": false],
                        "resources": ["requests": ["memory": "256Mi", "cpu": "250m"]],
                    ],
                    ["name": "sidecar", "image": "envoy:1.30", "resources": ["requests": ["memory": "64Mi"]]],
                ]
            ],
        ],
        "oldObject": nil,
    ],
    "serviceAccountName": "", "serviceAccountNamespace": "",
]
let kyverno = KyvernoJMESPath.runtime(clock: .init(unixSeconds: 1_700_000_000))
let conditions: [(String, String)] = [
    ("operation default", "request.operation || 'BACKGROUND'"),
    ("label with default", "request.object.metadata.labels.\"app.kubernetes.io/name\" || ''"),
    ("username", "request.userInfo.username"),
    ("group membership", "contains(request.userInfo.groups, 'system:masters')"),
    ("privileged containers", "length(request.object.spec.containers[?securityContext.privileged == `true`]) > `0`"),
    ("images", "request.object.spec.containers[].image"),
    ("wildcard name", "pattern_match('devops-*', request.userInfo.username)"),
    ("memory sum (quantities)", "sum(request.object.spec.containers[].resources.requests.memory)"),
    ("regex on image", "regex_match('^ghcr\\.io/', request.object.spec.containers[0].image)"),
]
print("\nTypical Kyverno conditions (Kyverno runtime)")
var slow: [String] = []
let evaluator = KyvernoJMESPath.Evaluator(runtime: kyverno)
for (name, expression) in conditions {
    report(name, expression, on: request, runtime: kyverno)
    let total = measure {
        _ = try? JMESPath.Expression(parsing: expression).evaluate(on: request, runtime: kyverno)
    }
    let cached = measure { _ = try? evaluator.evaluate(expression, on: request) }
    print("  \(pad("", 44)) parse+evaluate \(pad(format(total), 17)) cached \(format(cached))")
    if total >= 5_000 { slow.append("\(name) (\(format(total)))") }
}
print(
    "  parse+evaluate under 5 µs: \(conditions.count - slow.count) of \(conditions.count)"
        + (slow.isEmpty ? "" : "; slower: " + slow.joined(separator: ", ")))

let sharedTable = measure { _ = KyvernoJMESPath.Evaluator(clock: .init(unixSeconds: 1)) }
let ownTable = measure { _ = KyvernoJMESPath.Evaluator(clock: .init(unixSeconds: 1), yamlParser: { _ in nil }) }
print(
    "  Evaluator(clock:) \(format(sharedTable)); Evaluator(clock:yamlParser:) builds its own function table: \(format(ownTable))"
)

// MARK: - 3. A ~5 MB Kubernetes list

func podList(targetBytes: Int) -> String {
    var items: [String] = []
    var size = 0
    var i = 0
    while size < targetBytes {
        let namespace = ["prod", "staging", "dev", "kube-system"][i % 4]
        let privileged = i % 17 == 0 ? "true" : "false"
        let item = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-\(i)","namespace":"\(namespace)",\
            "uid":"00000000-0000-0000-0000-\(String(100_000_000_000 + i))","resourceVersion":"\(i * 7)",\
            "labels":{"app.kubernetes.io/name":"app-\(i % 50)","team":"team-\(i % 9)","tier":"\(i % 2 == 0 ? "web" : "db")"},\
            "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"note\\":\\"\(String(repeating: "x", count: 120))\\"}"}},\
            "spec":{"serviceAccountName":"sa-\(i % 5)","nodeName":"node-\(i % 30)","containers":[\
            {"name":"app","image":"ghcr.io/acme/app-\(i % 50):1.\(i % 10)","ports":[{"containerPort":8080,"protocol":"TCP"}],\
            "resources":{"requests":{"cpu":"\(100 + i % 400)m","memory":"\(64 + i % 512)Mi"},"limits":{"memory":"1Gi"}},\
            "securityContext":{"privileged":\(privileged),"runAsNonRoot":true}},\
            {"name":"sidecar","image":"envoyproxy/envoy:v1.30","resources":{"requests":{"cpu":"50m","memory":"64Mi"}}}]},\
            "status":{"phase":"Running","podIP":"10.0.\(i / 250 % 250).\(i % 250)","conditions":[{"type":"Ready","status":"True"}]}}
            """
        size += item.utf8.count + 1
        items.append(item)
        i += 1
    }
    return #"{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"1"},"items":["#
        + items.joined(separator: ",") + "]}"
}

let listText = podList(targetBytes: quick ? 500_000 : 5_000_000)
var list: JSONValue = .null
let parseList = measure(budget: .seconds(1)) { list = (try? JSONParser.parse(listText)) ?? .null }
let podCount = list["items"]?.arrayValue?.count ?? 0
print("\n\(listText.utf8.count / 1_000) kB PodList with \(podCount) pods (JSONParser: \(format(parseList)) per parse)")
let listQueries: [(String, String)] = [
    ("count", "length(items)"),
    ("names in prod", "items[?metadata.namespace == 'prod'].metadata.name"),
    ("all images", "items[].spec.containers[].image"),
    ("privileged pods", "items[?spec.containers[?securityContext.privileged]].metadata.name"),
    ("sort by name, take 3", "sort_by(items, &metadata.name)[:3].metadata.name"),
    ("labels projection", "items[*].metadata.labels.\"app.kubernetes.io/name\""),
    ("multi-select", "items[*].{name: metadata.name, node: spec.nodeName, ip: status.podIP}"),
]
for (name, expression) in listQueries {
    guard let parsed = try? JMESPath.Expression(parsing: expression) else { continue }
    let evaluate = measure(budget: quick ? .milliseconds(100) : .seconds(1)) {
        _ = try? parsed.evaluate(on: list, runtime: kyverno)
    }
    let perPod = evaluate / Double(max(podCount, 1))
    print("  \(pad(name, 24)) evaluate \(pad(format(evaluate), 24)) \(rounded(perPod)) ns per pod")
}
