// swift-tools-version:6.0
//
// kubectl-guardrail: "who does the cluster think I am?" and "may I do this — and which
// rule stops me?" for Kubernetes clusters guarded by Kyverno.
//
// Architecture (dependencies point downwards only):
//
//   kubectl-guardrail (thin executable)
//     ├─ GuardrailStartup ........ C start-up code: malloc settings, libcurl loading before main
//     └─ GuardrailCLI ............ commands, argument parsing, the one place that prints
//          ├─ KubeClient ......... the one place that talks to the network (libcurl, opened at run time)
//          │    └─ KubeConfig .... kubeconfig loading exactly like client-go
//          ├─ Identity ........... pure: explains a SelfSubjectReview identity
//          ├─ KyvernoEngine ...... pure: Kyverno admission decisions
//          │    └─ KyvernoJMESPath  pure: Kyverno's JMESPath dialect and functions
//          │         └─ JMESPath . pure: standard JMESPath
//          ├─ RBAC ............... pure: Kubernetes RBAC authorizer (offline can-i)
//          └─ GuardrailYAML ...... libyaml → JSONValue
//               └─ GuardrailCore . pure: JSONValue, JSON parser/writer, diagnostics
import PackageDescription

let package = Package(
    name: "kubectl-guardrail",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubectl-guardrail", targets: ["kubectl-guardrail"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // MARK: System libraries
        // libcurl's headers (Debian: libcurl4-openssl-dev). No pkgConfig here on purpose: it would link
        // -lcurl, and CCurlShim loads the system libcurl at run time instead (CCurlShim.h says why).
        .systemLibrary(name: "CCurl"),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Non-variadic wrappers for curl_easy_setopt and friends (Swift cannot call C variadics).
        .target(name: "CCurlShim", dependencies: ["CCurl"]),

        // MARK: Pure cores
        // libm: Double.rounded() and friends lower to C math functions.
        .target(name: "GuardrailCore", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "GuardrailYAML", dependencies: ["GuardrailCore", "CYAML"]),
        .target(name: "JMESPath", dependencies: ["GuardrailCore"]),
        .target(name: "KyvernoJMESPath", dependencies: ["GuardrailCore", "JMESPath", "GuardrailYAML"]),
        .target(name: "KyvernoEngine", dependencies: ["GuardrailCore", "GuardrailYAML", "JMESPath", "KyvernoJMESPath"]),
        .target(name: "RBAC", dependencies: ["GuardrailCore"]),
        .target(name: "Identity", dependencies: ["GuardrailCore", "RBAC"]),

        // MARK: Configuration and network
        .target(name: "KubeConfig", dependencies: ["GuardrailCore", "GuardrailYAML"]),
        .target(name: "KubeClient", dependencies: ["GuardrailCore", "KubeConfig", "CCurl", "CCurlShim"]),

        // MARK: Command line
        .target(
            name: "GuardrailCLI",
            dependencies: [
                "GuardrailCore", "GuardrailYAML", "JMESPath", "KyvernoJMESPath", "KyvernoEngine", "RBAC",
                "Identity", "KubeConfig", "KubeClient", "CCurlShim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Start-up code of the executable only (allocator settings, libcurl preloading before `main`).
        .target(name: "GuardrailStartup", dependencies: ["CCurlShim"]),
        .executableTarget(name: "kubectl-guardrail", dependencies: ["GuardrailCLI", "GuardrailStartup"]),

        // MARK: Benchmarks
        .executableTarget(
            name: "jmespath-bench", dependencies: ["GuardrailCore", "JMESPath", "KyvernoJMESPath"],
            path: "Benchmarks/JMESPath"),

        // MARK: Test support
        // The test server's TLS through the system OpenSSL (libssl-dev, a dependency of libcurl4-openssl-dev).
        .target(name: "CKubeTestTLS", linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        .target(name: "KubeTestServer", dependencies: ["GuardrailCore", "RBAC", "CKubeTestTLS"]),
        .executableTarget(name: "guardrail-test-server", dependencies: ["KubeTestServer"]),
        // Subprocesses (waited for off the cooperative pool), temporary directories and text files for tests.
        .target(name: "TestSupport"),

        // MARK: Benchmarks
        .executableTarget(name: "yaml-bench", dependencies: ["GuardrailYAML"], path: "Benchmarks/YAML"),
        .executableTarget(name: "rbac-bench", dependencies: ["RBAC"], path: "Benchmarks/RBAC"),
        .executableTarget(name: "kyverno-bench", dependencies: ["KyvernoEngine", "GuardrailCore"],
                          path: "Benchmarks/KyvernoEngine"),
        .executableTarget(
            name: "can-i-bench", dependencies: ["KubeTestServer", "RBAC", "GuardrailCore"], path: "Benchmarks/CanI"),

        // MARK: Tests
        .testTarget(name: "GuardrailCoreTests", dependencies: ["GuardrailCore"]),
        .testTarget(name: "GuardrailYAMLTests", dependencies: ["GuardrailYAML", "TestSupport"]),
        .testTarget(
            name: "JMESPathTests", dependencies: ["JMESPath", "KyvernoJMESPath", "GuardrailYAML"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KyvernoEngineTests", dependencies: ["KyvernoEngine", "GuardrailYAML", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "RBACTests", dependencies: ["RBAC", "GuardrailYAML", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "RBAC", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "KubeConfigTests", dependencies: ["KubeConfig"]),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeConfig", "GuardrailCore", "KubeTestServer", "TestSupport"]
        ),
        .testTarget(
            name: "GuardrailCLITests", dependencies: ["GuardrailCLI", "KubeTestServer", "TestSupport"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
