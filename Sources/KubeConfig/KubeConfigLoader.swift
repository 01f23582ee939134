/// Finds and reads kubeconfig files with client-go's loading rules
/// (`clientcmd.NewDefaultClientConfigLoadingRules` and `ClientConfigLoadingRules.Load`):
///
/// 1. `--kubeconfig PATH` alone, no merging; a missing file is an error;
/// 2. otherwise the `KUBECONFIG` list (`:`-separated, duplicates dropped keeping the first, empty entries
///    and missing files skipped; `~` is not expanded — the shell does that);
/// 3. otherwise `$HOME/.kube/config` when it exists.
public struct KubeConfigLoader: Sendable {
    /// Where files and variables come from.
    public var environment: any KubeConfigEnvironment

    public init(environment: any KubeConfigEnvironment = SystemEnvironment()) {
        self.environment = environment
    }

    /// The files the loading rules name, in order, before checking which exist.
    public struct Plan: Sendable, Equatable {
        /// Candidate files, absolute or as written.
        public var files: [String]
        /// Whether the list came from `--kubeconfig` (a missing file is then an error).
        public var explicit: Bool
        /// Where the list came from, for messages: `--kubeconfig`, `KUBECONFIG` or `~/.kube/config`.
        public var origin: String
    }

    /// The files client-go would consider for `explicitPath` (the `--kubeconfig` flag).
    public func plan(explicitPath: String?) -> Plan {
        if let explicitPath, !explicitPath.isEmpty {
            return Plan(files: [explicitPath], explicit: true, origin: "--kubeconfig")
        }
        if let list = environment.variable("KUBECONFIG"), !list.isEmpty {
            var files: [String] = []
            for entry in list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
            where !files.contains(entry) {
                files.append(entry)
            }
            return Plan(files: files, explicit: false, origin: "KUBECONFIG")
        }
        guard let home = environment.homeDirectory else { return Plan(files: [], explicit: false, origin: "~/.kube/config") }
        return Plan(files: [FilePath.clean(home + "/.kube/config")], explicit: false, origin: "~/.kube/config")
    }

    /// Loads and merges the files of `plan(explicitPath:)`. Missing files from `KUBECONFIG` or the home
    /// default are skipped (the result may be empty); unreadable or invalid files are errors.
    public func load(explicitPath: String?) throws(KubeConfigError) -> KubeConfig {
        let plan = plan(explicitPath: explicitPath)
        var configs: [KubeConfig] = []
        for file in plan.files {
            switch environment.fileKind(file) {
            case .missing:
                if plan.explicit {
                    throw KubeConfigError(.unreadableFile, "stat \(file): no such file or directory (given by --kubeconfig)")
                }
                continue
            case .directory:
                throw KubeConfigError(.unreadableFile, "error loading config file \"\(file)\": read \(file): is a directory")
            case .regularFile, .other:
                break
            }
            let bytes: [UInt8]
            do {
                bytes = try environment.readFile(file)
            } catch {
                throw KubeConfigError(.unreadableFile, "error loading config file \"\(file)\": open \(file): \(error.reason)")
            }
            configs.append(try KubeConfigParsing.parse(bytes: bytes, file: file))
        }
        var merged = KubeConfig.merging(configs)
        // Relative paths inside a stanza resolve against the directory of that stanza's own file.
        merged = merged.resolvingRelativePaths(currentDirectory: environment.currentDirectory)
        return merged
    }
}

extension KubeConfig {
    /// client-go `ResolveLocalPaths`: `certificate-authority`, `client-certificate`, `client-key`,
    /// `tokenFile` and an `exec.command` containing a `/` are made absolute against the directory of the
    /// file their stanza came from. Bare command names stay `PATH` lookups.
    func resolvingRelativePaths(currentDirectory: String) -> KubeConfig {
        var config = self
        func resolve(_ path: String, origin: String) -> String {
            guard !path.isEmpty, !path.hasPrefix("/"), !origin.isEmpty else { return path }
            let directory = FilePath.directory(of: FilePath.absolute(origin, relativeTo: currentDirectory))
            return FilePath.absolute(path, relativeTo: directory)
        }
        for i in config.clusters.indices {
            let origin = config.clusters[i].entry.origin
            config.clusters[i].entry.certificateAuthority = resolve(config.clusters[i].entry.certificateAuthority, origin: origin)
        }
        for i in config.users.indices {
            var user = config.users[i].entry
            user.clientCertificate = resolve(user.clientCertificate, origin: user.origin)
            user.clientKey = resolve(user.clientKey, origin: user.origin)
            user.tokenFile = resolve(user.tokenFile, origin: user.origin)
            if var exec = user.exec, exec.command.contains("/") {
                exec.command = resolve(exec.command, origin: user.origin)
                user.exec = exec
            }
            config.users[i].entry = user
        }
        return config
    }
}
