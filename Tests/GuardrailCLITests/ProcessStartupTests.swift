import Testing

@testable import GuardrailCLI

/// Which command lines start loading libcurl in the background (ProcessStartup.talksToCluster).
@Suite("process startup: preloading libcurl only for commands that talk to the cluster")
struct ProcessStartupTests {
    @Test(arguments: [
        ["whoami"],
        ["whoami", "-o", "json"],
        ["--context", "prod", "whoami"],
        ["can-i", "create", "pods", "-n", "x"],
        ["-n", "x", "can-i", "delete", "deployments"],
        ["can-i", "get", "pods", "--as", "system:serviceaccount:ci:bot"],
    ])
    func networkCommandsPreload(words: [String]) {
        #expect(ProcessStartup.talksToCluster(words))
    }

    @Test(arguments: [
        [],
        ["--help"],
        ["whoami", "--help"],
        ["can-i", "-h"],
        ["can-i", "create", "pods", "--offline", "examples/eks-cluster-admin"],
        ["can-i", "create", "pods", "--offline=examples"],
        ["jp", "query", "a.b"],
        ["completion", "bash"],
        ["__complete", "can-i", "get", ""],
        ["__completeNoDesc", "whoami", ""],
        ["--", "whoami"],
    ])
    func otherCommandsDoNot(words: [String]) {
        #expect(!ProcessStartup.talksToCluster(words))
    }
}
