import GuardrailCore

/// Bytes of one kubeconfig file → ``KubeConfig``.
enum KubeConfigParsing {
    static func parse(bytes: [UInt8], file: String) throws(KubeConfigError) -> KubeConfig {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            var empty = KubeConfig()
            empty.files = [file]
            return empty
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes, maxDepth: 64)
        } catch {
            throw KubeConfigError(
                .invalidFile, "\(file):\(error.line):\(error.column): error loading config file: \(error.message)",
                location: SourceLocation(file: file, line: error.line, column: error.column))
        }
        return try KubeConfigDecoder(file: file, scalarText: { _ in nil }).decode(document)
    }
}
