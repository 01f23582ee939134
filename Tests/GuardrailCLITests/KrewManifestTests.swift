import Foundation
import GuardrailCore
import GuardrailYAML
import Testing

/// The krew validator's rules, each shown to reject what krew rejects, and the release script's output
/// passing all of them (including the install-time checksum and license checks).
@Suite("krew manifest: validation rules, template, release script output")
struct KrewManifestTests {
    static let template = CompletionPaths.packageRoot + "/plugin-manifest/guardrail.yaml"
    static let releaseScript = CompletionPaths.packageRoot + "/scripts/release.sh"

    /// A manifest every rule accepts; each test case breaks one thing.
    static let valid = """
        apiVersion: krew.googlecontainertools.github.com/v1alpha2
        kind: Plugin
        metadata:
          name: guardrail
        spec:
          version: v0.1.0
          shortDescription: Explain who you are and what RBAC/Kyverno deny
          platforms:
          - selector:
              matchLabels: {os: linux, arch: amd64}
            uri: https://example.com/a_linux_amd64.tar.gz
            sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            files:
            - {from: kubectl-guardrail, to: .}
            - {from: LICENSE, to: .}
            bin: kubectl-guardrail
          - selector:
              matchExpressions:
              - {key: os, operator: In, values: [darwin]}
            uri: https://example.com/a_darwin.tar.gz
            sha256: fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
            bin: kubectl-guardrail
        """

    static func problems(_ yaml: String, fileName: String = "guardrail.yaml") throws -> [String] {
        KrewManifestValidator.validate(try YAML.load(yaml), fileName: fileName)
    }

    @Test func theReferenceManifestIsValid() throws {
        #expect(try Self.problems(Self.valid) == [])
    }

    static let brokenCases: [(String, String, String)] = [
        (
            "apiVersion: krew.googlecontainertools.github.com/v1alpha2",
            "apiVersion: krew.googlecontainertools.github.com/v1alpha1", "not supported in this version of krew"
        ),
        ("kind: Plugin", "kind: Tool", "only Plugin is supported"),
        ("name: guardrail", "name: guard.rail", "plugin name \"guard.rail\" not allowed"),
        ("name: guardrail", "name: other", "plugin should be named \"guardrail\", not \"other\""),
        (
            "shortDescription: Explain who you are and what RBAC/Kyverno deny", "shortDescription: \"two\\nlines\"",
            "line breaks in short description"
        ),
        (
            "shortDescription: Explain who you are and what RBAC/Kyverno deny", "shortDescription: \"\"",
            "should have a short description"
        ),
        ("version: v0.1.0", "version: 0.1.0", "does not start with 'v'"),
        ("version: v0.1.0", "version: v0.1", "is not a semantic version"),
        ("version: v0.1.0", "version: v01.1.0", "is not a semantic version"),
        (
            "sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256: 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            "must match pattern ^[a-f0-9]{64}$"
        ),
        (
            "sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256: abc123",
            "must match pattern"
        ),
        ("uri: https://example.com/a_linux_amd64.tar.gz", "uri: \"\"", "`uri` has to be set"),
        ("    bin: kubectl-guardrail\n  - selector", "    bin: \"\"\n  - selector", "`bin` has to be set"),
        ("- {from: LICENSE, to: .}", "- {from: LICENSE}", "`from` and `to` fields required"),
        ("matchLabels: {os: linux, arch: amd64}", "matchLabels: {os: linux, cpu: amd64}", "key \"cpu\" not supported"),
        ("matchLabels: {os: linux, arch: amd64}", "matchLabels: {}", "`matchLabels` specified but empty"),
        (
            "matchLabels: {os: linux, arch: amd64}", "matchLabels: {os: plan9}",
            "does not match any of the supported platforms"
        ),
        ("values: [darwin]", "values: [darwin, linux]", "overlapping selectors that select os/arch \"linux/amd64\""),
    ]

    @Test(arguments: brokenCases)
    func eachRuleRejectsWhatKrewRejects(original: String, replacement: String, expected: String) throws {
        #expect(Self.valid.contains(original), "test case does not apply: \(original)")
        let broken = Self.valid.replacingOccurrences(of: original, with: replacement)
        let problems = try Self.problems(broken)
        #expect(problems.contains { $0.contains(expected) }, "expected \"\(expected)\" in \(problems)")
    }

    @Test func fileNameAndExtensionRules() throws {
        #expect(
            try Self.problems(Self.valid, fileName: "guardrail.yml").contains { $0.contains("extension \".yaml\"") })
        #expect(
            try Self.problems(Self.valid, fileName: "other.yaml").contains { $0.contains("should be named \"other\"") })
        #expect(!KrewManifestValidator.isSafePluginName("COM1"))
        #expect(KrewManifestValidator.isSafePluginName("rbac-guardrail_2"))
    }

    @Test func platformListAndSelectorPresence() throws {
        let noPlatforms = Self.valid.components(separatedBy: "  platforms:")[0] + "  platforms: []\n"
        #expect(try Self.problems(noPlatforms).contains("should have a platform"))
        let noSelector = Self.valid.replacingOccurrences(
            of: "  - selector:\n      matchLabels: {os: linux, arch: amd64}\n    uri", with: "  - uri")
        #expect(try Self.problems(noSelector).contains { $0.contains("nil selector is not supported") })
    }

    @Test func theTemplateMeetsWhatReviewersAsk() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        let manifest = try YAML.load(text, file: Self.template)
        #expect(KrewManifestValidator.reviewerFindings(manifest) == [])
        let caveats = manifest["spec"]?["caveats"]?.stringValue ?? ""
        for needle in ["libcurl", "OpenSSL", "libyaml", "kubectl guardrail completion install"] {
            #expect(caveats.contains(needle), "caveats should mention \(needle)")
        }
        // The template's only problems are its placeholders: version and checksums.
        let problems = KrewManifestValidator.validate(manifest, fileName: "guardrail.yaml")
        #expect(problems.count == 5)
        #expect(problems.allSatisfy { $0.contains("@VERSION@") || $0.contains("@SHA256_") })
        let platforms = (manifest["spec"]?["platforms"]?.arrayValue ?? []).map {
            let labels = $0["selector"]?["matchLabels"]
            return "\(labels?["os"]?.stringValue ?? "")/\(labels?["arch"]?.stringValue ?? "")"
        }
        #expect(platforms == ["linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64"])
    }

    /// Runs the release script on the built binary (no release build in tests).
    static func release(_ arguments: [String]) throws -> (ProcessResult, String) {
        let out = try CompletionPaths.temporaryDirectory("release")
        let result = try TestProcess.run(
            "/bin/bash", [releaseScript] + arguments + ["--out", out],
            environment: ["PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"])
        return (result, out)
    }

    @Test func releaseOutputForThisPlatformValidatesAndItsChecksumMatchesTheArchive() throws {
        guard let binary = CompletionPaths.builtBinary else {
            Issue.record("kubectl-guardrail is not built")
            return
        }
        let (result, out) = try Self.release(["v0.1.0", "--binary", binary, "--platform", "linux/amd64", "--partial"])
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(result.status == 0, "release.sh failed: \(result.stderr)")
        #expect(result.stderr.contains("no archive for linux/arm64 darwin/amd64 darwin/arm64"))
        let manifestPath = out + "/v0.1.0/guardrail.yaml"
        #expect(result.stdout == manifestPath + "\n")
        #expect(KrewManifestValidator.validate(file: manifestPath) == [])
        let manifest = try YAML.load(try String(contentsOfFile: manifestPath, encoding: .utf8))
        let platforms = manifest["spec"]?["platforms"]?.arrayValue ?? []
        #expect(platforms.count == 1)
        let archive = out + "/v0.1.0/kubectl-guardrail_v0.1.0_linux_amd64.tar.gz"
        #expect(platforms.first?["sha256"]?.stringValue == (try KrewManifestValidator.sha256(of: archive)))
        #expect(
            platforms.first?["uri"]?.stringValue
                == "https://github.com/kubectl-guardrail/kubectl-guardrail/releases/download/v0.1.0/"
                + "kubectl-guardrail_v0.1.0_linux_amd64.tar.gz"
        )
        #expect(try KrewManifestValidator.verifyInstall(manifest, archiveDirectory: out + "/v0.1.0") == [])
        #expect(KrewManifestValidator.reviewerFindings(manifest) == [])
        let listing = try TestProcess.run(
            "/usr/bin/env", ["tar", "-tzf", archive], environment: ["PATH": "/usr/bin:/bin"])
        #expect(listing.lines == ["LICENSE", "kubectl-guardrail"])
    }

    /// A small executable standing in for other platforms' binaries: these tests are about how the script
    /// handles archives and checksums, and packing a 30 MB debug binary five times only costs time.
    static func standInBinary() throws -> String {
        let path = try CompletionPaths.temporaryDirectory("stand-in") + "/kubectl-guardrail"
        try "#!/bin/sh\necho stand-in for a kubectl-guardrail built on another platform\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func releaseRefusesMissingPlatformsAndAcceptsTheirArchivesAsInputs() throws {
        let binary = try Self.standInBinary()
        let (refused, refusedOut) = try Self.release(["v0.2.0", "--binary", binary, "--platform", "linux/amd64"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: no archive for linux/arm64 darwin/amd64 darwin/arm64"))
        #expect(!FileManager.default.fileExists(atPath: refusedOut + "/v0.2.0/guardrail.yaml"))

        // Other platforms' archives come from runs of the same script on those platforms; here they are
        // packed from the stand-in (test inputs, not release artefacts).
        var inputs: [String] = []
        for platform in ["linux/arm64", "darwin/amd64", "darwin/arm64"] {
            let (packed, out) = try Self.release(["v0.2.0", "--binary", binary, "--platform", platform, "--partial"])
            #expect(packed.status == 0, "\(packed.stderr)")
            let file =
                "\(out)/v0.2.0/kubectl-guardrail_v0.2.0_\(platform.replacingOccurrences(of: "/", with: "_")).tar.gz"
            inputs += ["--archive", "\(platform)=\(file)"]
        }
        let (result, out) = try Self.release(["v0.2.0", "--binary", binary, "--platform", "linux/amd64"] + inputs)
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(result.status == 0, "\(result.stderr)")
        let manifestPath = out + "/v0.2.0/guardrail.yaml"
        #expect(KrewManifestValidator.validate(file: manifestPath) == [])
        let manifest = try YAML.load(try String(contentsOfFile: manifestPath, encoding: .utf8))
        let platforms = manifest["spec"]?["platforms"]?.arrayValue ?? []
        #expect(platforms.count == 4)
        #expect(try KrewManifestValidator.verifyInstall(manifest, archiveDirectory: out + "/v0.2.0") == [])
        // Each checksum is the sha256 of the archive its URI names, next to the manifest.
        for platform in platforms {
            let file = out + "/v0.2.0/" + ((platform["uri"]?.stringValue ?? "") as NSString).lastPathComponent
            #expect(platform["sha256"]?.stringValue == (try KrewManifestValidator.sha256(of: file)))
        }
    }

    @Test func aChecksumThatDoesNotMatchItsArchiveFailsInstallVerification() throws {
        let binary = try Self.standInBinary()
        let (result, out) = try Self.release(["v0.3.0", "--binary", binary, "--platform", "linux/amd64", "--partial"])
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(result.status == 0, "\(result.stderr)")
        let directory = out + "/v0.3.0"
        let manifest = try YAML.load(try String(contentsOfFile: directory + "/guardrail.yaml", encoding: .utf8))
        // Replace the archive after the manifest was written: krew would refuse it.
        let archive = directory + "/kubectl-guardrail_v0.3.0_linux_amd64.tar.gz"
        let other = try CompletionPaths.temporaryDirectory("other")
        try "x".write(toFile: other + "/LICENSE", atomically: true, encoding: .utf8)
        _ = try TestProcess.run("/usr/bin/env", ["tar", "-czf", archive, "-C", other, "LICENSE"],
                                environment: ["PATH": "/usr/bin:/bin"])
        let problems = try KrewManifestValidator.verifyInstall(manifest, archiveDirectory: directory)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("checksum does not match") == true)
    }

    @Test func releaseRejectsBadVersionsAndArchives() throws {
        let binary = try Self.standInBinary()
        let (badVersion, _) = try Self.release(["0.1.0", "--binary", binary, "--partial"])
        #expect(badVersion.status == 2)
        #expect(badVersion.stderr.contains("must look like v1.2.3"))
        let bogus = try CompletionPaths.temporaryDirectory("bogus") + "/x.tar.gz"
        try "not an archive".write(toFile: bogus, atomically: true, encoding: .utf8)
        let (badArchive, _) = try Self.release([
            "v0.1.0", "--binary", binary, "--platform", "linux/amd64",
            "--archive", "darwin/arm64=\(bogus)", "--partial",
        ])
        #expect(badArchive.status == 2)
        #expect(badArchive.stderr.contains("not a gzip archive"))
    }
}
