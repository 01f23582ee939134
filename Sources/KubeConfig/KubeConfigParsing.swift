import GuardrailCore
import GuardrailYAML

/// Bytes of one kubeconfig file → ``KubeConfig`` (YAML or JSON, through GuardrailYAML's libyaml loader,
/// which also bounds hostile input: depth, alias expansion, size).
enum KubeConfigParsing {
    static func parse(bytes: [UInt8], file: String) throws(KubeConfigError) -> KubeConfig {
        let documents: [YAMLDocument]
        do {
            documents = try YAML.loadAll(bytes: bytes, file: file)
        } catch {
            throw KubeConfigError(.invalidFile, "\(error.location): error loading config file: \(error.message)", location: error.location)
        }
        guard let document = documents.first else {
            var empty = KubeConfig()
            empty.files = [file]
            return empty
        }
        if documents.count > 1 {
            let location = SourceLocation(file: file, line: documents[1].startLine, column: 1)
            throw KubeConfigError(
                .invalidFile,
                "\(location): error loading config file: a kubeconfig holds one document; remove this second one (---)",
                location: location)
        }
        return try KubeConfigDecoder(file: file, source: document).decode(document.value)
    }
}
