import Foundation
import KubeClient
import KubeConfig

@testable import GuardrailCLI
import TestSupport

/// A data source with fixed answers that records which kubeconfig selection each lookup used.
final class RecordingDataSource: CompletionDataSource, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ClusterSelection] = []
    let names: KubeconfigNames
    let types: [ResourceTypeSummary]
    let objects: [String: NameListing]

    init(
        names: KubeconfigNames = RecordingDataSource.sampleNames,
        types: [ResourceTypeSummary] = RecordingDataSource.sampleTypes,
        objects: [String: NameListing] = RecordingDataSource.sampleObjects
    ) {
        self.names = names
        self.types = types
        self.objects = objects
    }

    /// Every selection a lookup was made with, in order.
    var selections: [ClusterSelection] { lock.withLock { recorded } }

    private func record(_ selection: ClusterSelection) { lock.withLock { recorded.append(selection) } }

    func kubeconfigNames(_ selection: ClusterSelection) -> KubeconfigNames {
        record(selection)
        return names
    }

    func resourceTypes(_ selection: ClusterSelection, budget: Duration) async -> [ResourceTypeSummary] {
        record(selection)
        return types
    }

    func objectNames(
        of resource: ResourceTypeSummary, namespace: String?, selection: ClusterSelection, budget: Duration
    ) async -> NameListing {
        record(selection)
        let key = resource.namespaced ? "\(resource.qualifiedName)@\(namespace ?? "-")" : resource.qualifiedName
        return objects[key] ?? NameListing()
    }

    static let sampleNames = KubeconfigNames(
        contexts: [
            CompletionCandidate("kind-dev", "cluster kind-dev, user kind-dev"),
            CompletionCandidate("arn:aws:eks:eu-west-1:111122223333:cluster/prod", ""),
        ],
        clusters: [CompletionCandidate("kind-dev", "https://127.0.0.1:6443")],
        users: [CompletionCandidate("kind-dev"), CompletionCandidate("alice")])

    static let sampleTypes: [ResourceTypeSummary] = [
        ResourceTypeSummary(
            name: "pods", group: "", version: "v1", kind: "Pod", namespaced: true,
            shortNames: ["po"], subresources: ["log", "exec", "status"], verbs: ["get", "list"]),
        ResourceTypeSummary(
            name: "events", group: "", version: "v1", kind: "Event", namespaced: true,
            shortNames: ["ev"], subresources: [], verbs: ["get"]),
        .namespaces,
        ResourceTypeSummary(
            name: "deployments", group: "apps", version: "v1", kind: "Deployment", namespaced: true,
            shortNames: ["deploy"], subresources: ["scale", "status"], verbs: ["get"]),
        ResourceTypeSummary(
            name: "events", group: "events.k8s.io", version: "v1", kind: "Event", namespaced: true,
            shortNames: ["ev"], subresources: [], verbs: ["get"]),
        ResourceTypeSummary(
            name: "clusterpolicies", group: "kyverno.io", version: "v1", kind: "ClusterPolicy",
            namespaced: false, shortNames: ["cpol"], subresources: ["status"], verbs: ["get"]),
    ]

    static let sampleObjects: [String: NameListing] = [
        "namespaces": NameListing(names: ["default", "kube-system", "team-a"]),
        "pods@team-a": NameListing(names: ["api-0", "api-1", "web-0"]),
        "pods@-": NameListing(names: ["default-pod"], note: "pods: showing names cached 2m ago"),
        "deployments.apps@-": NameListing(names: ["web"]),
    ]
}

/// Runs a program and captures its output.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout split into lines, the trailing empty line dropped.
    var lines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

enum TestProcess {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String],
        directory: String? = nil, stdin: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let errorData = LockedData()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self))
    }

    /// The first of `candidates` that exists and is executable.
    static func which(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

/// Paths of the package and of the binaries `swift build` produced next to the test bundle.
enum CompletionPaths {
    /// The package root, found from this file.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Fixtures for the completion tests.
    static let fixtures = packageRoot + "/Tests/GuardrailCLITests/Fixtures/Completion"

    /// The `kubectl-guardrail` executable built with the tests (same build directory as this bundle).
    static var builtBinary: String? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // Linux test bundles are `<build>/debug/<package>PackageTests.xctest` (a file) — the binary is a sibling.
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("kubectl-guardrail").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        let fallback = packageRoot + "/.build/debug/kubectl-guardrail"
        return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "guardrail-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// `DiscoveryDiskCache.safeHostDirectoryName`, named for the tests.
enum KubeClientDiscoveryName {
    static func safe(_ server: String) -> String { DiscoveryDiskCache.safeHostDirectoryName(server: server) }
}

/// The real environment, except `KUBECACHEDIR`.
struct CacheDirectoryEnvironment: KubeConfigEnvironment {
    var cacheDirectory: String
    let system = SystemEnvironment()

    func variable(_ name: String) -> String? { name == "KUBECACHEDIR" ? cacheDirectory : system.variable(name) }
    var homeDirectory: String? { system.homeDirectory }
    var currentDirectory: String { system.currentDirectory }
    func fileKind(_ path: String) -> FileKind { system.fileKind(path) }
    func readFile(_ path: String) throws(FileReadError) -> [UInt8] { try system.readFile(path) }
}

/// The real environment with some variables replaced (or removed, with `nil`).
struct OverriddenEnvironment: KubeConfigEnvironment {
    var values: [String: String?] = [:]
    let system = SystemEnvironment()

    func variable(_ name: String) -> String? {
        if let value = values[name] { return value }
        return name.contains("ACTIVE_HELP") || name.hasPrefix("GUARDRAIL_") ? nil : system.variable(name)
    }
    var homeDirectory: String? { system.homeDirectory }
    var currentDirectory: String { system.currentDirectory }
    func fileKind(_ path: String) -> FileKind { system.fileKind(path) }
    func readFile(_ path: String) throws(FileReadError) -> [UInt8] { try system.readFile(path) }
}
