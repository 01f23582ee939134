import Foundation
import GuardrailCore
import GuardrailYAML
import TestSupport

/// krew's plugin manifest validation, reimplemented from its rules (krew `internal/index/validation/validate.go`
/// `ValidatePlugin`/`validatePlatform`/`validateSelector`, `cmd/validate-krew-manifest/main.go`, and the
/// install-time checks of `internal/installation`), so that a manifest can be checked without krew.
/// Messages follow krew's wording where it has one.
enum KrewManifestValidator {
    /// krew `constants.CurrentAPIVersion`.
    static let apiVersion = "krew.googlecontainertools.github.com/v1alpha2"
    /// The os/arch pairs `validate-krew-manifest` checks every selector against (`defaultPlatforms`).
    static let knownPlatforms: [(os: String, arch: String)] = [
        ("windows", "386"), ("windows", "amd64"), ("windows", "arm64"),
        ("linux", "386"), ("linux", "amd64"), ("linux", "arm"), ("linux", "arm64"), ("linux", "ppc64le"),
        ("darwin", "386"), ("darwin", "amd64"), ("darwin", "arm64"),
    ]
    /// License file names krew looks for after install (`validate-krew-manifest` `licenseFiles`).
    static let licenseNames: Set<String> = [
        "license", "license.txt", "license.md", "licenses", "licenses.txt", "licenses.md", "copying", "copying.txt",
    ]

    /// Parses `path` and applies rules 1–10 (structure and selectors).
    static func validate(file path: String) -> [String] {
        let fileName = (path as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ["cannot read \(path)"] }
        let document: JSONValue
        do {
            document = try YAML.load(text, file: path)
        } catch {
            return ["failed to decode plugin manifest: \(error)"]
        }
        return validate(document, fileName: fileName)
    }

    /// Rules 1–10 on an already parsed manifest.
    static func validate(_ manifest: JSONValue, fileName: String) -> [String] {
        var problems: [String] = []
        // 4. File name: <name>.yaml, never .yml.
        if !fileName.hasSuffix(".yaml") {
            problems.append(
                "expected manifest extension \".yaml\" but found \"\((fileName as NSString).pathExtension)\"")
        }
        // 1. apiVersion
        let version = manifest["apiVersion"]?.stringValue ?? ""
        if version != apiVersion {
            problems.append(
                "plugin manifest has apiVersion=\"\(version)\", "
                    + "not supported in this version of krew (try upgrading krew)"
            )
        }
        // 2. kind
        if manifest["kind"]?.stringValue != "Plugin" {
            problems.append(
                "plugin manifest has kind=\"\(manifest["kind"]?.stringValue ?? "")\", but only Plugin is supported")
        }
        // 3. name
        let name = manifest["metadata"]?["name"]?.stringValue ?? ""
        if !isSafePluginName(name) {
            problems.append("plugin name \"\(name)\" not allowed")
        }
        let expected = fileName.hasSuffix(".yaml") ? String(fileName.dropLast(5)) : fileName
        if name != expected {
            problems.append("plugin should be named \"\(expected)\", not \"\(name)\"")
        }
        let spec = manifest["spec"] ?? .null
        // 5. shortDescription
        let short = spec["shortDescription"]?.stringValue ?? ""
        if short.isEmpty { problems.append("should have a short description") }
        if short.contains("\n") || short.contains("\r") {
            problems.append("should not have line breaks in short description")
        }
        // 6. platforms
        let platforms = spec["platforms"]?.arrayValue ?? []
        if platforms.isEmpty { problems.append("should have a platform") }
        // 7. version
        let pluginVersion = spec["version"]?.stringValue ?? ""
        if pluginVersion.isEmpty {
            problems.append("should have a version")
        } else if !pluginVersion.hasPrefix("v") || !isSemanticVersion(String(pluginVersion.dropFirst())) {
            problems.append(
                "failed to parse plugin version: version string \"\(pluginVersion)\" "
                    + "does not start with 'v' or is not a semantic version"
            )
        }
        // 8. each platform
        for (index, platform) in platforms.enumerated() {
            problems += validatePlatform(platform).map { "platform[\(index)] is badly constructed: \($0)" }
        }
        // 9. every selector matches a known os/arch; 10. no two selectors match the same one.
        var matchedBy: [String: [Int]] = [:]
        for (index, platform) in platforms.enumerated() {
            guard let selector = platform["selector"], selector.objectValue != nil else { continue }
            let matches = knownPlatforms.filter { self.selector(selector, matchesOS: $0.os, arch: $0.arch) }
            if matches.isEmpty {
                problems.append("spec.platform[\(index)]'s selector does not match any of the supported platforms")
            }
            for match in matches { matchedBy["\(match.os)/\(match.arch)", default: []].append(index) }
        }
        for (key, indexes) in matchedBy.sorted(by: { $0.key < $1.key }) where indexes.count > 1 {
            problems.append(
                "multiple spec.platforms (at indexes \(indexes)) have overlapping selectors "
                    + "that select os/arch \"\(key)\""
            )
        }
        return problems
    }

    /// krew `validatePlatform` + `validateSelector`.
    static func validatePlatform(_ platform: JSONValue) -> [String] {
        var problems: [String] = []
        if (platform["uri"]?.stringValue ?? "").isEmpty { problems.append("`uri` has to be set") }
        let sha = platform["sha256"]?.stringValue ?? ""
        if sha.isEmpty {
            problems.append("`sha256` sum has to be set")
        } else if !isLowercaseSHA256(sha) {
            problems.append("`sha256` value \(sha) is not valid, must match pattern ^[a-f0-9]{64}$")
        }
        if (platform["bin"]?.stringValue ?? "").isEmpty { problems.append("`bin` has to be set") }
        if let files = platform["files"] {
            let list = files.arrayValue ?? []
            if list.isEmpty { problems.append("`files` has to be unspecified or non-empty") }
            for file in list where (file["from"]?.stringValue ?? "").isEmpty || (file["to"]?.stringValue ?? "").isEmpty
            {
                problems.append("`from` and `to` fields required: \(JSONWriter().string(from: file))")
            }
        }
        guard let selector = platform["selector"], let object = selector.objectValue else {
            problems.append("nil selector is not supported")
            return problems
        }
        let labels = selector["matchLabels"]
        let expressions = selector["matchExpressions"]
        if object.isEmpty || ((labels?.objectValue?.isEmpty ?? true) && (expressions?.arrayValue?.isEmpty ?? true)) {
            problems.append("empty selector is not supported")
        }
        if let labels, labels.objectValue?.isEmpty ?? true, !(labels.isNull) {
            problems.append("`matchLabels` specified but empty")
        }
        if let expressions, expressions.arrayValue?.isEmpty ?? true, !(expressions.isNull) {
            problems.append("`matchExpressions` specified but empty")
        }
        let keys =
            (labels?.objectValue?.keys ?? []) + (expressions?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
        for key in keys where key != "os" && key != "arch" {
            problems.append("key \"\(key)\" not supported in selectors, allowed keys: os, arch")
        }
        return problems
    }

    /// A label selector (`matchLabels` + `matchExpressions` with In/NotIn/Exists/DoesNotExist).
    static func selector(_ selector: JSONValue, matchesOS os: String, arch: String) -> Bool {
        let labels = ["os": os, "arch": arch]
        for entry in selector["matchLabels"]?.objectValue ?? JSONObject()
        where labels[entry.key] != entry.value.stringValue {
            return false
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            let value = labels[key]
            switch expression["operator"]?.stringValue {
            case "In": if value == nil || !values.contains(value!) { return false }
            case "NotIn": if let value, values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// krew `IsSafePluginName`: `^[\w-]+$` and not a Windows reserved device name.
    static func isSafePluginName(_ name: String) -> Bool {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            return false
        }
        let reserved = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })
        return !reserved.contains(name.lowercased())
    }

    /// k8s.io/apimachinery `ParseSemantic` (after krew strips the leading `v`).
    static func isSemanticVersion(_ text: String) -> Bool {
        let number = "(0|[1-9][0-9]*)"
        let identifiers = "[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*"
        let pattern = "\(number)\\.\(number)\\.\(number)(-\(identifiers))?(\\+\(identifiers))?"
        guard let regex = try? Regex(pattern) else { return false }
        return text.wholeMatch(of: regex) != nil
    }

    /// `^[a-f0-9]{64}$`: krew accepts lowercase only.
    static func isLowercaseSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: - Install-time checks (rule 11)

    /// What `kubectl krew install --manifest` would check for each platform, with the archives taken from
    /// `archiveDirectory` (by the URI's file name) instead of downloaded: checksum, archive type, safe
    /// entries, `files` globs, `bin`, and a license file among the installed files.
    static func verifyInstall(_ manifest: JSONValue, archiveDirectory: String) throws -> [String] {
        var problems: [String] = []
        for (index, platform) in (manifest["spec"]?["platforms"]?.arrayValue ?? []).enumerated() {
            let uri = platform["uri"]?.stringValue ?? ""
            let archive = archiveDirectory + "/" + (uri as NSString).lastPathComponent
            guard let bytes = FileManager.default.contents(atPath: archive) else {
                problems.append("platform[\(index)]: cannot download \(uri) (no \(archive))")
                continue
            }
            let want = platform["sha256"]?.stringValue ?? ""
            let got = try sha256(of: archive)
            if want != got {
                problems.append("platform[\(index)]: checksum does not match, want: \(want), got \(got)")
                continue
            }
            // krew sniffs the type from the content: only gzip (tar.gz) and zip.
            let isGzip = bytes.starts(with: [0x1f, 0x8b])
            let isZip = bytes.starts(with: [0x50, 0x4b, 0x03, 0x04])
            guard isGzip || isZip else {
                problems.append("platform[\(index)]: unsupported archive type (krew accepts tar.gz and zip)")
                continue
            }
            let extracted = NSTemporaryDirectory() + "krew-verify-\(UUID().uuidString.prefix(8))"
            let install = extracted + "-install"
            try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: install, withIntermediateDirectories: true)
            defer {
                try? FileManager.default.removeItem(atPath: extracted)
                try? FileManager.default.removeItem(atPath: install)
            }
            let listing = try TestProcess.run(
                "/usr/bin/env", isGzip ? ["tar", "-tzf", archive] : ["unzip", "-Z1", archive],
                environment: ["PATH": "/usr/bin:/bin"])
            for entry in listing.lines where entry.hasPrefix("/") || entry.split(separator: "/").contains("..") {
                problems.append("platform[\(index)]: archive entry \(entry) escapes the install directory")
            }
            _ = try TestProcess.run(
                "/usr/bin/env",
                isGzip
                    ? ["tar", "-xzf", archive, "-C", extracted]
                    : ["unzip", "-q", archive, "-d", extracted],
                environment: ["PATH": "/usr/bin:/bin"])
            // files: copy every match of `from` into `to` (omitted: everything).
            let files = platform["files"]?.arrayValue ?? [["from": "*", "to": "."]]
            for file in files {
                let from = file["from"]?.stringValue ?? ""
                let to = file["to"]?.stringValue ?? ""
                if to.hasPrefix("/") || to.split(separator: "/").contains("..") {
                    problems.append("platform[\(index)]: files.to \(to) is outside the install directory")
                    continue
                }
                let matches = try FileManager.default.contentsOfDirectory(atPath: extracted)
                    .filter { fnmatch(from, $0, 0) == 0 }
                if matches.isEmpty {
                    problems.append("platform[\(index)]: files.from \"\(from)\" matches nothing in the archive")
                }
                let destination = install + "/" + to
                try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
                for match in matches {
                    try FileManager.default.copyItem(atPath: extracted + "/" + match, toPath: destination + "/" + match)
                }
            }
            let bin = install + "/" + (platform["bin"]?.stringValue ?? "")
            if !FileManager.default.isExecutableFile(atPath: bin) {
                problems.append(
                    "platform[\(index)]: bin \(platform["bin"]?.stringValue ?? "") "
                        + "is not an executable file after install"
                )
            }
            let installed = (FileManager.default.enumerator(atPath: install)?.allObjects as? [String]) ?? []
            if !installed.contains(where: { licenseNames.contains(($0 as NSString).lastPathComponent.lowercased()) }) {
                problems.append("platform[\(index)]: license file not found")
            }
        }
        return problems
    }

    /// `sha256sum`, lowercase hex.
    static func sha256(of file: String) throws -> String {
        let result = try TestProcess.run("/usr/bin/env", ["sha256sum", file], environment: ["PATH": "/usr/bin:/bin"])
        return String(result.stdout.prefix(64))
    }

    // MARK: - What krew-index reviewers ask for (bot comments), beyond the validator

    /// shortDescription ≤ 50 characters; description and caveats lines ≤ 80 columns.
    static func reviewerFindings(_ manifest: JSONValue) -> [String] {
        var findings: [String] = []
        let short = manifest["spec"]?["shortDescription"]?.stringValue ?? ""
        if short.count > 50 { findings.append("shortDescription has \(short.count) characters (max 50)") }
        for field in ["description", "caveats"] {
            for line in (manifest["spec"]?[field]?.stringValue ?? "").split(separator: "\n") where line.count > 80 {
                findings.append("\(field) line longer than 80 columns: \(line)")
            }
        }
        return findings
    }
}
