import Foundation

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

    /// stdout of `kubectl ARGS`, or nil (with stderr) when it fails.
    static func run(_ arguments: [String]) throws -> (stdout: String, stderr: String, status: Int32) {
        guard let path else { return ("", skipMessage, -1) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // An empty kubeconfig: never the developer's real one.
        environment["KUBECONFIG"] = try temporaryFile("", name: "empty.kubeconfig")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self),
            process.terminationStatus
        )
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
