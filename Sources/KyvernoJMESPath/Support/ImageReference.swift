/// Container image references for `image_normalize` (Kyverno `pkg/utils/image.GetImageInfo(…).String()`
/// with the default configuration: default registry `docker.io`, default tag `latest`).
enum ImageReference {
    /// `nginx` → `docker.io/nginx:latest`; `ghcr.io/x:1.2` stays; a digest wins over a tag.
    static func normalize(_ image: String) -> String? {
        guard !image.isEmpty else { return nil }
        var rest = Substring(image)
        var digest: Substring?
        if let at = rest.firstIndex(of: "@") {
            digest = rest[rest.index(after: at)...]
            rest = rest[..<at]
            guard let d = digest, d.contains(":"), !d.hasSuffix(":") else { return nil }
        }
        var tag: Substring?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = rest[rest.index(after: colon)...]
            rest = rest[..<colon]
            guard let t = tag, !t.isEmpty, t.count <= 128,
                t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") })
            else { return nil }
        }
        var registry = "docker.io"
        var path = rest
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                path = rest[rest.index(after: slash)...]
            }
        }
        guard !path.isEmpty,
            path.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-/".contains($0)) }),
            !path.hasPrefix("/"), !path.hasSuffix("/"), !path.contains("//")
        else { return nil }
        let name = registry + "/" + path
        if let digest { return name + "@" + digest }
        return name + ":" + (tag.map(String.init) ?? "latest")
    }
}
