import KubeConfig

/// The real file system with chosen variables and home directory, so a test resolves exactly the files
/// it wrote — the same view a spawned kubectl gets.
struct DiskEnvironment: KubeConfigEnvironment {
    var variables: [String: String]
    var homeDirectory: String?
    var currentDirectory: String { SystemEnvironment().currentDirectory }

    func variable(_ name: String) -> String? { variables[name] }
    func fileKind(_ path: String) -> FileKind { SystemEnvironment().fileKind(path) }
    func readFile(_ path: String) throws(FileReadError) -> [UInt8] { try SystemEnvironment().readFile(path) }
}
