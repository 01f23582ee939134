import GuardrailCore
import KubeTestServer
import RBAC

// Serves a cluster for Benchmarks/can-i.sh: KubeTestServer (HTTPS on 127.0.0.1) with N generated Kyverno
// ClusterPolicies (default 1,000), the Kyverno ConfigMap, namespaces, RBAC objects, and
// SelfSubjectAccessReviews answered by the RBAC module's authorizer over those objects.
//
//   can-i-bench [--policies N] --kubeconfig PATH
//       Writes a kubeconfig (context `bench`: user bench-user, token auth) and serves until killed.
//       The first line on stderr is `serving on URL`.
#if canImport(Glibc)
    import Glibc
#endif

func fail(_ message: String) -> Never {
    let text = "error: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var policyCount = 1000
var kubeconfigPath: String?
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--policies":
        guard let n = arguments.first.flatMap(Int.init) else { fail("--policies needs a number") }
        arguments.removeFirst()
        policyCount = n
    case "--kubeconfig":
        guard !arguments.isEmpty else { fail("--kubeconfig needs a path") }
        kubeconfigPath = arguments.removeFirst()
    default:
        fail("unknown argument \"\(flag)\" (usage: can-i-bench [--policies N] --kubeconfig PATH)")
    }
}
guard let kubeconfigPath else { fail("--kubeconfig PATH is required") }

/// Realistic policies: a rotation of kinds, actions and rule shapes (patterns, deny conditions on the
/// request, namespace and subject matches), a quarter of them about Pods.
func policy(_ i: Int) -> JSONValue {
    let kinds = ["Pod", "Deployment", "Service", "ConfigMap"]
    let kind = kinds[i % kinds.count]
    let action = i % 3 == 0 ? "Enforce" : "Audit"
    let validate: JSONValue
    switch i % 4 {
    case 0:
        validate = [
            "message": .string("label team is required ({{ request.object.metadata.name }})"),
            "pattern": ["metadata": ["labels": ["team": "?*"]]],
        ]
    case 1:
        validate = [
            "message": "no privileged containers",
            "pattern": ["spec": ["=(securityContext)": ["=(privileged)": "false"]]],
        ]
    case 2:
        validate = [
            "message": .string("{{ request.userInfo.username }} may not \(kind) in {{ request.namespace }}"),
            "deny": [
                "conditions": [
                    "any": [
                        [
                            "key": "{{ request.namespace }}", "operator": "AnyIn",
                            "value": .array([.string("restricted-\(i)")]),
                        ]
                    ]
                ]
            ],
        ]
    default:
        validate = [
            "message": "only the platform team",
            "deny": [
                "conditions": [
                    "all": [
                        [
                            "key": "{{ request.userInfo.groups }}", "operator": "AnyNotIn",
                            "value": [.string("platform-\(i)")],
                        ], ["key": "{{ request.operation }}", "operator": "Equals", "value": "DELETE"],
                    ]
                ]
            ],
        ]
    }
    var resources: JSONObject = ["kinds": [.string(kind)]]
    if i % 5 == 0 { resources["namespaces"] = ["bench", "prod-*"] }
    return [
        "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy",
        "metadata": ["name": .string("bench-policy-\(i)")],
        "spec": [
            "validationFailureAction": .string(action), "background": false,
            "rules": [
                [
                    "name": .string("rule-\(i)"), "match": ["any": [["resources": .object(resources)]]],
                    "validate": validate,
                ]
            ],
        ],
    ]
}

let rbacObjects: [JSONValue] = [
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "bench-editor"],
        "rules": [
            [
                "apiGroups": ["", "apps"], "resources": ["pods", "deployments", "services", "configmaps"],
                "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"],
            ]
        ],
    ],
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "bench-reader"],
        "rules": [
            [
                "apiGroups": ["kyverno.io"], "resources": ["clusterpolicies", "policies", "policyexceptions"],
                "verbs": ["get", "list"],
            ],
            [
                "apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterrolebindings", "rolebindings"],
                "verbs": ["list"],
            ],
            ["apiGroups": [""], "resources": ["namespaces", "configmaps"], "verbs": ["get"]],
        ],
    ],
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": ["name": "bench-edit", "namespace": "bench"],
        "subjects": [["kind": "User", "name": "bench-user", "apiGroup": "rbac.authorization.k8s.io"]],
        "roleRef": ["kind": "ClusterRole", "name": "bench-editor", "apiGroup": "rbac.authorization.k8s.io"],
    ],
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "bench-read"],
        "subjects": [["kind": "User", "name": "bench-user", "apiGroup": "rbac.authorization.k8s.io"]],
        "roleRef": ["kind": "ClusterRole", "name": "bench-reader", "apiGroup": "rbac.authorization.k8s.io"],
    ],
]
let clusterObjects: [JSONValue] = [
    ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench", "labels": ["tier": "production"]]],
    ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kyverno"]],
    [
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kyverno", "namespace": "kyverno"],
        "data": [
            "excludeGroups": "system:nodes", "resourceFilters": "[Event,*,*] [*/*,kube-system,*] [*/*,kyverno,*]",
        ],
    ],
]

let authorizer = RBACAuthorizer(RBACObjects(objects: rbacObjects))
let token = "bench-token"
let server: KubeTestServer
do {
    server = try KubeTestServer(
        .init(
            tokens: [token: UserInfo(username: "bench-user", groups: ["system:authenticated"])],
            authorizer: { user, attributes in
                let decision: RBACDecision
                if let r = attributes["resourceAttributes"] {
                    decision = authorizer.authorize(
                        user,
                        ResourceAttributes(
                            verb: r["verb"]?.stringValue ?? "", group: r["group"]?.stringValue ?? "",
                            resource: r["resource"]?.stringValue ?? "",
                            subresource: r["subresource"]?.stringValue ?? "",
                            namespace: r["namespace"]?.stringValue ?? "", name: r["name"]?.stringValue ?? ""))
                } else {
                    let n = attributes["nonResourceAttributes"]
                    decision = authorizer.authorize(
                        user,
                        NonResourceAttributes(
                            path: n?["path"]?.stringValue ?? "", verb: n?["verb"]?.stringValue ?? ""))
                }
                return AuthorizationDecision(allowed: decision.allowed, reason: decision.reason)
            }))
    try server.add(contentsOf: rbacObjects + clusterObjects + (0..<policyCount).map(policy))
} catch {
    fail("cannot start the test server: \(error)")
}
let kubeconfig = TestKubeconfig.render(
    server: server.url, caPEM: server.caPEM, users: [.token(name: "bench", token: token)])
let fd = open(kubeconfigPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
guard fd >= 0 else { fail("cannot write \(kubeconfigPath)") }
_ = kubeconfig.withCString { write(fd, $0, strlen($0)) }
close(fd)
let banner = "serving on \(server.url) with \(policyCount) ClusterPolicies\n"
_ = banner.withCString { write(2, $0, strlen($0)) }
while true { pause() }
