import Testing
import TestSupport

/// libcurl is opened at run time (CCurlShim.h), not linked: commands that never talk to a cluster must not
/// load it, and a machine without it must get one clear line and exit code 2 — not a loader error before
/// `main`. A small LD_PRELOAD library (compiled here) hides libcurl from `dlopen` and logs every attempt.
@Suite(
    "libcurl is loaded at run time, only when a command needs the network",
    .enabled(if: BuiltProducts.plugin != nil, "products not built (swift build first)"),
    .enabled(if: LibcurlHider.compiler != nil, "no C compiler (clang/cc) to build the LD_PRELOAD library"))
struct LibcurlLoadingTests {
    static let example: String = BuiltProducts.root + "/examples/eks-cluster-admin"

    @Test("help, completion, jp and offline can-i run without libcurl and never try to load it", arguments: [
        ["--help"],
        ["whoami", "--help"],
        ["__complete", "can-i", "create", ""],
        ["completion", "bash"],
        ["jp", "--functions"],
        ["can-i", "create", "pods", "-n", "testnamespace", "--offline", example],
    ])
    func offlineCommands(arguments: [String]) async throws {
        let hider = try LibcurlHider()
        let result = await Subprocess.run(try #require(BuiltProducts.plugin), arguments, environment: hider.environment)
        #expect([0, 1, 3].contains(result.status), "exit \(result.status): \(result.stderr)")
        #expect(!result.stderr.contains("libcurl"), "stderr: \(result.stderr)")
        #expect(hider.attempts.isEmpty, "tried to load: \(hider.attempts)")
    }

    @Test("whoami and can-i without libcurl: one error line naming the package, exit code 2")
    func networkCommandsFailClearly() async throws {
        let hider = try LibcurlHider()
        var environment = hider.environment
        environment["KUBECONFIG"] = hider.directory.write("kubeconfig", """
            apiVersion: v1
            kind: Config
            current-context: c
            contexts: [{name: c, context: {cluster: k, user: u}}]
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: not-a-real-token}}]
            """)
        for arguments in [["whoami"], ["can-i", "create", "pods"]] {
            let result = await Subprocess.run(try #require(BuiltProducts.plugin), arguments, environment: environment)
            #expect(result.status == 2, "\(arguments): exit \(result.status): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr.hasPrefix("error: libcurl could not be loaded (")
                    && result.stderr.hasSuffix("install the system libcurl (Debian/Ubuntu: apt-get install libcurl4)\n")
                    && result.stderr.split(separator: "\n").count == 1,
                "\(arguments): \(result.stderr)")
            #expect(!hider.attempts.isEmpty)
        }
    }
}

/// An LD_PRELOAD library that makes `dlopen` of any libcurl fail and appends the requested name to a log.
final class LibcurlHider: @unchecked Sendable {
    static let compiler = Subprocess.findExecutable(["/usr/bin/cc", "/usr/bin/clang", "/usr/bin/gcc", "/opt/swift/usr/bin/clang"])

    let directory = TemporaryDirectory()
    let log: String
    let environment: [String: String]

    init() throws {
        let source = directory.write("hide-libcurl.c", #"""
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            static int hidden;
            void *dlopen(const char *file, int mode) {
                if (file != NULL && strstr(file, "libcurl") != NULL) {
                    FILE *log = fopen(getenv("HIDE_LIBCURL_LOG"), "a");
                    if (log) { fprintf(log, "%s\n", file); fclose(log); }
                    hidden = 1;
                    return NULL;
                }
                void *(*real)(const char *, int) = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
                return real(file, mode);
            }
            char *dlerror(void) {
                if (hidden) { hidden = 0; return "libcurl.so.4: cannot open shared object file: No such file or directory"; }
                char *(*real)(void) = (char *(*)(void))dlsym(RTLD_NEXT, "dlerror");
                return real();
            }
            """#)
        let library = directory.path + "/hide-libcurl.so"
        let compiler = try #require(Self.compiler)
        let build = Subprocess.runBlocking(
            compiler, ["-shared", "-fPIC", "-o", library, source], environment: ["PATH": "/usr/bin:/bin"])
        try #require(build.status == 0, "compiling the LD_PRELOAD library failed: \(build.stderr)")
        log = directory.path + "/attempts.log"
        environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "LD_PRELOAD": library, "HIDE_LIBCURL_LOG": log,
            "KUBECONFIG": directory.path + "/no-kubeconfig",
        ]
    }

    /// The library names the plugin tried to `dlopen`.
    var attempts: [String] {
        (TextFile.read(log) ?? "").split(separator: "\n").map(String.init)
    }
}
