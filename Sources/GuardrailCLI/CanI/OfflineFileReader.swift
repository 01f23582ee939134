import GuardrailCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A file or directory given to `--offline` or `-f` that cannot be read.
struct InputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Lowercase, naming the path (and line when known).
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Reads `--offline` paths: files as given, directories recursively (`*.yaml`, `*.yml`, `*.json`, in
/// sorted order, hidden files and directories skipped), every file split into its documents.
struct OfflineFileReader {
    /// Splits a file's text into documents; the YAML module plugs in here.
    var parse: (_ text: String, _ file: String) throws -> [SourceDocument]

    /// The files `paths` expand to, in a stable order.
    func files(in paths: [String]) throws(InputFileError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else {
                throw InputFileError("\(path): no such file or directory")
            }
            guard attributes[.type] as? FileAttributeType == .typeDirectory else {
                files.append(path)
                continue
            }
            guard let relatives = try? manager.subpathsOfDirectory(atPath: path) else {
                throw InputFileError("\(path): cannot read the directory")
            }
            var found: [String] = []
            for relative in relatives {
                let components = relative.split(separator: "/")
                if components.contains(where: { $0.hasPrefix(".") }) { continue }
                let lower = relative.lowercased()
                if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
                    found.append((path.hasSuffix("/") ? path : path + "/") + relative)
                }
            }
            if found.isEmpty { throw InputFileError("\(path): no .yaml, .yml or .json files in the directory") }
            files += found.sorted()
        }
        return files
    }

    /// Every document of every file under `paths`.
    func documents(in paths: [String]) throws -> [SourceDocument] {
        var documents: [SourceDocument] = []
        for file in try files(in: paths) {
            documents += try parse(try Self.readText(file), file)
        }
        return documents
    }

    /// Reads a file (or standard input for `-`) as UTF-8 text.
    static func readText(_ path: String) throws(InputFileError) -> String {
        if path == "-" {
            var bytes: [UInt8] = []
            while let line = readLine(strippingNewline: false) { bytes += Array(line.utf8) }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError("\(path): cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
