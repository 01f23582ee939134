import Foundation
import GuardrailCore
import JMESPath
import Testing

/// Locates and loads the test fixtures next to this file (no bundles, no /work/shared at run time).
enum Fixtures {
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static func text(_ relativePath: String) -> String {
        let path = directory + "/" + relativePath
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("missing fixture \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ relativePath: String) -> JSONValue {
        do {
            return try JSONParser.parse(text(relativePath))
        } catch {
            fatalError("invalid fixture \(relativePath): \(error)")
        }
    }
}

/// One case of the JMESPath compliance suite.
struct ComplianceCase: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    enum Expectation: Sendable {
        case result(JSONValue)
        case error(String)
        case bench(String)
    }

    var file: String
    var suite: Int
    var number: Int
    var given: JSONValue
    var expression: String
    var expectation: Expectation

    var name: String { "\(file)#\(suite).\(number)" }
    var description: String { "\(name): \(expression)" }
    var testDescription: String { description }

    /// Every case of the suite's files (the suite's `schema.json` is not a test file).
    static let all: [ComplianceCase] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.directory + "/compliance")) ?? []
        var cases: [ComplianceCase] = []
        for file in files.sorted() where file.hasSuffix(".json") {
            guard case .array(let suites) = Fixtures.json("compliance/" + file) else { continue }
            for (s, suite) in suites.enumerated() {
                let given = suite["given"] ?? .null
                for (c, testCase) in (suite["cases"]?.arrayValue ?? []).enumerated() {
                    let expectation: Expectation
                    if let error = testCase["error"]?.stringValue {
                        expectation = .error(error)
                    } else if let bench = testCase["bench"]?.stringValue {
                        expectation = .bench(bench)
                    } else {
                        expectation = .result(testCase["result"] ?? .null)
                    }
                    cases.append(
                        ComplianceCase(
                            file: String(file.dropLast(5)), suite: s, number: c, given: given,
                            expression: testCase["expression"]?.stringValue ?? "", expectation: expectation))
                }
            }
        }
        return cases
    }()
}
