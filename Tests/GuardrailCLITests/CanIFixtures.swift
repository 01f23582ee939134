import Foundation
import GuardrailCore
import TestSupport

/// Locates and reads the can-i test fixtures next to this file (no bundles, no /work/shared).
enum CanIFixtures {
    /// `Tests/GuardrailCLITests/Fixtures/cani`.
    static let directory: String = {
        let file = "\(#filePath)"
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/cani"
    }()

    /// The repository root (for the bundled examples).
    static let repositoryRoot: String = {
        let file = "\(#filePath)"
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The text of `Fixtures/cani/<relative>`.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
    }

    /// `Fixtures/cani/<relative>` parsed as JSON.
    static func json(_ relative: String) throws -> JSONValue {
        try JSONParser.parse(try text(relative))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "cani-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
