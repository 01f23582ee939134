// yaml-bench: loads a generated ~5 MB multi-document YAML stream (a ClusterPolicy-like list) with and
// without location tracking, and prints it back with YAMLWriter. Prints MB/s.
//
//   swift run -c release yaml-bench
import GuardrailCore
import GuardrailYAML

func generate(targetBytes: Int) -> String {
    var text = ""
    text.reserveCapacity(targetBytes + 4096)
    var i = 0
    while text.utf8.count < targetBytes {
        text += """
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: policy-\(i)
              annotations:
                policies.kyverno.io/title: Disallow latest tag \(i)
                policies.kyverno.io/description: >-
                  The ':latest' tag is mutable and can lead to unexpected errors if the image changes.
              labels: &labels {app: guardrail, tier: "\(i % 7)", enabled: "yes"}
            spec:
              validationFailureAction: Enforce
              background: true
              rules:
              - name: require-image-tag
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                      selector: {matchLabels: *labels}
                validate:
                  message: "An image tag is required."
                  pattern:
                    spec:
                      containers:
                      - image: "*:*"
                        resources: {limits: {memory: 512Mi, cpu: 0.5}, requests: {memory: 256Mi}}
                        ports: [80, 443, 8080]

            """
        i += 1
    }
    return text
}

func measure(_ label: String, bytes: Int, repetitions: Int = 5, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    var best = Duration.seconds(1000)
    for _ in 0..<repetitions {
        let elapsed = try clock.measure(body)
        if elapsed < best { best = elapsed }
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    let mbps = Double(bytes) / 1_048_576 / seconds
    print("\(label): \(Int(seconds * 1000)) ms, \(Int(mbps)) MB/s")
}

let text = generate(targetBytes: 5 << 20)
let size = text.utf8.count
print("input: \(size) bytes")
var documents: [YAMLDocument] = []
try measure("load with locations   ", bytes: size) { documents = try YAML.loadAll(text) }
try measure("load without locations", bytes: size) {
    documents = try YAML.loadAll(text, options: YAMLOptions(trackLocations: false))
}
print("documents: \(documents.count)")
let values = documents.map(\.value)
var output = ""
measure("write                 ", bytes: size) { output = YAMLWriter().string(documents: values) }
print("output: \(output.utf8.count) bytes")
let json = "[" + values.map { JSONWriter().string(from: $0) }.joined(separator: ",") + "]"
try measure("JSONParser (same data as JSON, for comparison)", bytes: json.utf8.count) { _ = try JSONParser.parse(json) }
try measure("YAML loader on the JSON text", bytes: json.utf8.count) { _ = try YAML.loadAll(json) }

// The same policies as a Kubernetes list whose items carry server-side apply's managedFields (one manager
// listing every field, as Argo CD / Flux / `kubectl apply --server-side` leave them): what
// KubeAPIClient.list parses with `.listItemManagedFields` omitted.
func managedFields(for policy: JSONValue) -> JSONValue {
    func fields(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return [:] }
        var out = JSONObject()
        out["."] = [:]
        for entry in object.entries { out["f:" + entry.key] = fields(entry.value) }
        return .object(out)
    }
    return [[
        "apiVersion": "kyverno.io/v1", "fieldsType": "FieldsV1", "manager": "argocd-controller",
        "operation": "Apply", "time": "2026-11-01T10:00:00Z", "fieldsV1": fields(policy),
    ]]
}
let items: [JSONValue] = values.map { policy in
    guard case .object(var object) = policy, case .object(var metadata)? = object["metadata"] else { return policy }
    metadata["managedFields"] = managedFields(for: policy)
    object["metadata"] = .object(metadata)
    return .object(object)
}
let list = JSONWriter().string(from: ["apiVersion": "kyverno.io/v1", "kind": "ClusterPolicyList", "items": .array(items)])
let listBytes = Array(list.utf8)
print("list with managedFields: \(listBytes.count) bytes")
try measure("JSONParser, whole list", bytes: listBytes.count) { _ = try JSONParser.parse(bytes: listBytes) }
try measure("JSONParser, list without items' managedFields", bytes: listBytes.count) {
    _ = try JSONParser.parse(bytes: listBytes, omitting: .listItemManagedFields)
}
