import GuardrailCore

/// Turns one parsed kubeconfig document into a ``KubeConfig``, the way client-go's typed decoding of
/// `clientcmd/api/v1.Config` does: unknown fields are ignored, a field of the wrong type is an error,
/// `*-data` fields are base64 (Go `[]byte`), duplicate names within one file are an error
/// (`Convert_Slice_v1_NamedCluster_To_Map_string_To_Pointer_api_Cluster`).
struct KubeConfigDecoder {
    /// The file being decoded, for `LocationOfOrigin` and messages.
    var file: String
    /// The original text of a scalar (`namespace: yes` is the string "yes" to Go's typed YAML decoding);
    /// `nil` when the document gives none (JSON input).
    var scalarText: (JSONValue) -> String?

    func decode(_ document: JSONValue) throws(KubeConfigError) -> KubeConfig {
        var config = KubeConfig()
        config.files = [file]
        guard case .object(let root) = document else {
            if document.isNull { return config }  // an empty file is an empty configuration
            throw invalid("the document must be a mapping (a kubeconfig with clusters, users and contexts)")
        }
        let apiVersion = try string(root["apiVersion"], "apiVersion")
        if !apiVersion.isEmpty && apiVersion != "v1" {
            throw invalid("apiVersion \"\(apiVersion)\" is not supported (client-go: no kind \"Config\" is registered "
                + "for version \"\(apiVersion)\"); use apiVersion: v1")
        }
        config.currentContext = try string(root["current-context"], "current-context")
        config.clusters = try namedList(root["clusters"], list: "clusters", body: "cluster") { value, path throws(KubeConfigError) in
            try cluster(value, path)
        }
        config.users = try namedList(root["users"], list: "users", body: "user") { value, path throws(KubeConfigError) in
            try user(value, path)
        }
        config.contexts = try namedList(root["contexts"], list: "contexts", body: "context") { value, path throws(KubeConfigError) in
            try context(value, path)
        }
        return config
    }

    // MARK: Stanzas

    private func cluster(_ object: JSONObject, _ path: String) throws(KubeConfigError) -> ClusterEntry {
        var entry = ClusterEntry()
        entry.origin = file
        entry.server = try string(object["server"], path + ".server")
        entry.tlsServerName = try string(object["tls-server-name"], path + ".tls-server-name")
        entry.insecureSkipTLSVerify = try bool(object["insecure-skip-tls-verify"], path + ".insecure-skip-tls-verify")
        entry.certificateAuthority = try string(object["certificate-authority"], path + ".certificate-authority")
        entry.certificateAuthorityData = try bytes(object["certificate-authority-data"], path + ".certificate-authority-data")
        entry.proxyURL = try string(object["proxy-url"], path + ".proxy-url")
        entry.disableCompression = try bool(object["disable-compression"], path + ".disable-compression")
        return entry
    }

    private func user(_ object: JSONObject, _ path: String) throws(KubeConfigError) -> AuthInfoEntry {
        var entry = AuthInfoEntry()
        entry.origin = file
        entry.clientCertificate = try string(object["client-certificate"], path + ".client-certificate")
        entry.clientCertificateData = try bytes(object["client-certificate-data"], path + ".client-certificate-data")
        entry.clientKey = try string(object["client-key"], path + ".client-key")
        entry.clientKeyData = try bytes(object["client-key-data"], path + ".client-key-data")
        entry.token = try string(object["token"], path + ".token")
        entry.tokenFile = try string(object["tokenFile"], path + ".tokenFile")
        entry.username = try string(object["username"], path + ".username")
        entry.password = try string(object["password"], path + ".password")
        entry.impersonate = try string(object["as"], path + ".as")
        entry.impersonateUID = try string(object["as-uid"], path + ".as-uid")
        entry.impersonateGroups = try strings(object["as-groups"], path + ".as-groups")
        if let extra = object["as-user-extra"], !extra.isNull {
            guard case .object(let map) = extra else { throw wrongType(path + ".as-user-extra", "a mapping") }
            for item in map { entry.impersonateUserExtra[item.key] = try strings(item.value, path + ".as-user-extra." + item.key) }
        }
        if let provider = object["auth-provider"], !provider.isNull {
            guard case .object(let map) = provider else { throw wrongType(path + ".auth-provider", "a mapping") }
            entry.authProviderName = try string(map["name"], path + ".auth-provider.name")
        }
        if let exec = object["exec"], !exec.isNull {
            guard case .object(let map) = exec else { throw wrongType(path + ".exec", "a mapping") }
            entry.exec = try self.exec(map, path + ".exec")
        }
        return entry
    }

    private func exec(_ object: JSONObject, _ path: String) throws(KubeConfigError) -> ExecEntry {
        var entry = ExecEntry()
        entry.command = try string(object["command"], path + ".command")
        entry.args = try strings(object["args"], path + ".args")
        entry.apiVersion = try string(object["apiVersion"], path + ".apiVersion")
        entry.installHint = try string(object["installHint"], path + ".installHint")
        entry.provideClusterInfo = try bool(object["provideClusterInfo"], path + ".provideClusterInfo")
        entry.interactiveMode = try string(object["interactiveMode"], path + ".interactiveMode")
        if let env = object["env"], !env.isNull {
            guard case .array(let items) = env else { throw wrongType(path + ".env", "a list of {name, value}") }
            for (i, item) in items.enumerated() {
                guard case .object(let pair) = item else { throw wrongType("\(path).env[\(i)]", "a mapping with name and value") }
                entry.env.append(.init(
                    name: try string(pair["name"], "\(path).env[\(i)].name"),
                    value: try string(pair["value"], "\(path).env[\(i)].value")))
            }
        }
        return entry
    }

    private func context(_ object: JSONObject, _ path: String) throws(KubeConfigError) -> ContextEntry {
        var entry = ContextEntry()
        entry.origin = file
        entry.cluster = try string(object["cluster"], path + ".cluster")
        entry.user = try string(object["user"], path + ".user")
        entry.namespace = try string(object["namespace"], path + ".namespace")
        return entry
    }

    // MARK: Lists of named entries

    private func namedList<Entry>(
        _ value: JSONValue?, list: String, body: String,
        _ decodeBody: (JSONObject, String) throws(KubeConfigError) -> Entry
    ) throws(KubeConfigError) -> [(name: String, entry: Entry)] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else { throw wrongType(list, "a list of {name, \(body)}") }
        var result: [(name: String, entry: Entry)] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            guard case .object(let named) = item else { throw wrongType("\(list)[\(i)]", "a mapping with name and \(body)") }
            let name = try string(named["name"], "\(list)[\(i)].name")
            guard seen.insert(name).inserted else {
                throw invalid("duplicate name \"\(name)\" in \(list); each \(body) name may appear once per file")
            }
            let path = name.isEmpty ? "\(list)[\(i)].\(body)" : "\(list)[name=\(name)].\(body)"
            let bodyValue = named[body] ?? .null
            if bodyValue.isNull {
                result.append((name, try decodeBody(JSONObject(), path)))
                continue
            }
            guard case .object(let bodyObject) = bodyValue else { throw wrongType(path, "a mapping") }
            result.append((name, try decodeBody(bodyObject, path)))
        }
        return result
    }

    // MARK: Typed scalars

    private func string(_ value: JSONValue?, _ path: String) throws(KubeConfigError) -> String {
        guard let value else { return "" }
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .int, .double, .bool:
            // Go's typed YAML decoding reads `namespace: 007` or `namespace: yes` as the text written.
            if let text = scalarText(value) { return text }
            if case .int(let i) = value { return String(i) }
            if case .bool(let b) = value { return b ? "true" : "false" }
            throw wrongType(path, "a string")
        case .array, .object:
            throw wrongType(path, "a string")
        }
    }

    private func strings(_ value: JSONValue?, _ path: String) throws(KubeConfigError) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else { throw wrongType(path, "a list of strings") }
        var result: [String] = []
        for (i, item) in items.enumerated() { result.append(try string(item, "\(path)[\(i)]")) }
        return result
    }

    private func bool(_ value: JSONValue?, _ path: String) throws(KubeConfigError) -> Bool {
        guard let value else { return false }
        switch value {
        case .null: return false
        case .bool(let b): return b
        default: throw wrongType(path, "true or false")
        }
    }

    /// A Go `[]byte` field: standard base64 (line breaks ignored, like Go's decoder).
    private func bytes(_ value: JSONValue?, _ path: String) throws(KubeConfigError) -> [UInt8]? {
        let text = try string(value, path)
        if text.isEmpty { return nil }
        if let decoded = Base64.decode(text) { return decoded }
        throw invalid("\(path) is not valid base64 (illegal base64 data at input byte \(Self.firstIllegalByte(text))); "
            + "it must hold the base64 of the PEM file — to name a file use the field without -data")
    }

    /// The offset Go's `base64.CorruptInputError` would name: the first byte outside the alphabet, or
    /// where the input ends too early.
    static func firstIllegalByte(_ text: String) -> Int {
        var offset = 0
        var padding = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                if padding { return offset }
            case UInt8(ascii: "="): padding = true
            case 0x0A, 0x0D: break
            default: return offset
            }
            offset += 1
        }
        return max(0, offset - (offset % 4 == 0 ? 1 : offset % 4))
    }

    private func wrongType(_ path: String, _ expected: String) -> KubeConfigError {
        invalid("\(path) must be \(expected)")
    }

    private func invalid(_ message: String) -> KubeConfigError {
        KubeConfigError(.invalidFile, "error loading config file \"\(file)\": \(message)", location: SourceLocation(file: file))
    }
}
