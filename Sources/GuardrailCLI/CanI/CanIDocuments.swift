import GuardrailCore
import GuardrailYAML

/// Splits `-f` and `--offline` files (YAML or JSON, several documents) into documents that remember
/// their file and line. `kind: List` documents (what `kubectl get … -o yaml` prints) become one
/// document per item, each with the item's own line. Syntax errors name the file, line and column.
enum CanIDocuments {
    static func parse(_ text: String, _ file: String) throws -> [SourceDocument] {
        let documents: [YAMLDocument]
        do {
            documents = try YAML.loadAll(text, file: file)
        } catch {
            throw InputFileError(error.description)
        }
        var result: [SourceDocument] = []
        for document in documents {
            let start = SourceLocation(
                file: document.file ?? file, line: document.location(of: [])?.line ?? document.startLine)
            if let kind = document.value["kind"]?.stringValue, kind.hasSuffix("List"),
                let items = document.value["items"]?.arrayValue
            {
                for (i, item) in items.enumerated() {
                    let line = document.location(of: [.key("items"), .index(i)])?.line ?? start.line
                    result.append(SourceDocument(value: item, location: SourceLocation(file: start.file, line: line)))
                }
            } else {
                result.append(SourceDocument(value: document.value, location: start))
            }
        }
        return result
    }
}
