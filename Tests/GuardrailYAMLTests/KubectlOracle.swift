import Foundation
import TestSupport

/// Runs the real kubectl (the behaviour we must match) when it is installed.
enum KubectlOracle {
    static let path: String? = {
        for candidate in ["/usr/bin/kubectl", "/usr/local/bin/kubectl"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    static var skipMessage: String { "kubectl not found at /usr/bin/kubectl; skipping the kubectl comparison" }

    /// stdout, stderr and exit code of `kubectl ARGS` (waited for off the cooperative pool).
    static func run(_ arguments: [String]) async throws -> (stdout: String, stderr: String, status: Int32) {
        guard let path else { return ("", skipMessage, -1) }
        var environment = ProcessInfo.processInfo.environment
        // An empty kubeconfig: never the developer's real one.
        environment["KUBECONFIG"] = try temporaryFile("", name: "empty.kubeconfig")
        let result = await Subprocess.run(path, arguments, environment: environment)
        return (result.stdout, result.stderr, result.status)
    }

    /// Writes `text` to a temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guardrail-yaml-tests-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
