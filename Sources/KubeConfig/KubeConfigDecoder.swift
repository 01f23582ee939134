import GuardrailCore
import GuardrailYAML

/// Turns one parsed kubeconfig document into a ``KubeConfig``, the way client-go's decoding of
/// `clientcmd/api/v1.Config` does: YAML is converted to JSON *untyped* (sigs.k8s.io/yaml) and then
/// decoded into the typed struct, so unknown fields are ignored but `namespace: yes` or
/// `namespace: 0755` are errors (`json: cannot unmarshal bool into Go struct field … of type string`,
/// observed with kubectl 1.32); `*-data` fields are base64 (Go `[]byte`); duplicate names within one
/// file are an error (`Convert_Slice_v1_NamedCluster_To_Map_string_To_Pointer_api_Cluster`).
struct KubeConfigDecoder {
    /// The file being decoded, for `LocationOfOrigin` and messages.
    var file: String
    /// The parsed document, for `file:line:col` in messages and the original spelling of scalars.
    var source: YAMLDocument?

    /// A field's path, both for messages (`users[name=u1].user.token`) and for looking up its location.
    struct FieldPath {
        var display: String
        var components: [JSONPathComponent]

        static let root = FieldPath(display: "", components: [])

        func member(_ key: String) -> FieldPath {
            FieldPath(display: display.isEmpty ? key : display + "." + key, components: components + [.key(key)])
        }

        func element(_ index: Int, shownAs shown: String? = nil) -> FieldPath {
            FieldPath(display: display + (shown ?? "[\(index)]"), components: components + [.index(index)])
        }
    }

    func decode(_ document: JSONValue) throws(KubeConfigError) -> KubeConfig {
        var config = KubeConfig()
        config.files = [file]
        let root = FieldPath.root
        guard case .object(let object) = document else {
            if document.isNull { return config }  // an empty file is an empty configuration
            throw invalid("the document must be a mapping (a kubeconfig with clusters, users and contexts)", at: root)
        }
        let apiVersion = try string(object["apiVersion"], root.member("apiVersion"))
        if !apiVersion.isEmpty && apiVersion != "v1" {
            throw invalid(
                "apiVersion \"\(apiVersion)\" is not supported (client-go: no kind \"Config\" is registered "
                    + "for version \"\(apiVersion)\"); use apiVersion: v1", at: root.member("apiVersion"))
        }
        config.currentContext = try string(object["current-context"], root.member("current-context"))
        config.clusters = try namedList(object["clusters"], root.member("clusters"), body: "cluster") {
            (value, path) throws(KubeConfigError) in try cluster(value, path)
        }
        config.users = try namedList(object["users"], root.member("users"), body: "user") {
            (value, path) throws(KubeConfigError) in try user(value, path)
        }
        config.contexts = try namedList(object["contexts"], root.member("contexts"), body: "context") {
            (value, path) throws(KubeConfigError) in try context(value, path)
        }
        return config
    }

    // MARK: Stanzas

    private func cluster(_ object: JSONObject, _ path: FieldPath) throws(KubeConfigError) -> ClusterEntry {
        var entry = ClusterEntry()
        entry.origin = file
        entry.server = try string(object["server"], path.member("server"))
        entry.tlsServerName = try string(object["tls-server-name"], path.member("tls-server-name"))
        entry.insecureSkipTLSVerify = try bool(object["insecure-skip-tls-verify"], path.member("insecure-skip-tls-verify"))
        entry.certificateAuthority = try string(object["certificate-authority"], path.member("certificate-authority"))
        entry.certificateAuthorityData = try bytes(object["certificate-authority-data"], path.member("certificate-authority-data"))
        entry.proxyURL = try string(object["proxy-url"], path.member("proxy-url"))
        entry.disableCompression = try bool(object["disable-compression"], path.member("disable-compression"))
        if let extensions = object["extensions"], !extensions.isNull {
            let listPath = path.member("extensions")
            guard case .array(let items) = extensions else {
                throw wrongType(listPath, "a list of {name, extension}", extensions)
            }
            for (i, item) in items.enumerated() {
                let itemPath = listPath.element(i)
                guard case .object(let named) = item else {
                    throw wrongType(itemPath, "a mapping with name and extension", item)
                }
                // client-go keeps the last of duplicate names (the list becomes a map).
                if try string(named["name"], itemPath.member("name")) == ExecClusterExtension.name {
                    entry.execExtension = named["extension"]
                }
            }
        }
        return entry
    }

    private func user(_ object: JSONObject, _ path: FieldPath) throws(KubeConfigError) -> AuthInfoEntry {
        var entry = AuthInfoEntry()
        entry.origin = file
        entry.clientCertificate = try string(object["client-certificate"], path.member("client-certificate"))
        entry.clientCertificateData = try bytes(object["client-certificate-data"], path.member("client-certificate-data"))
        entry.clientKey = try string(object["client-key"], path.member("client-key"))
        entry.clientKeyData = try bytes(object["client-key-data"], path.member("client-key-data"))
        entry.token = try string(object["token"], path.member("token"), secret: true)
        entry.tokenFile = try string(object["tokenFile"], path.member("tokenFile"))
        entry.username = try string(object["username"], path.member("username"))
        entry.password = try string(object["password"], path.member("password"), secret: true)
        entry.impersonate = try string(object["as"], path.member("as"))
        entry.impersonateUID = try string(object["as-uid"], path.member("as-uid"))
        entry.impersonateGroups = try strings(object["as-groups"], path.member("as-groups"))
        if let extra = object["as-user-extra"], !extra.isNull {
            guard case .object(let map) = extra else { throw wrongType(path.member("as-user-extra"), "a mapping", extra) }
            for item in map {
                entry.impersonateUserExtra[item.key] = try strings(item.value, path.member("as-user-extra").member(item.key))
            }
        }
        if let provider = object["auth-provider"], !provider.isNull {
            guard case .object(let map) = provider else { throw wrongType(path.member("auth-provider"), "a mapping", provider) }
            entry.authProviderName = try string(map["name"], path.member("auth-provider").member("name"))
        }
        if let exec = object["exec"], !exec.isNull {
            guard case .object(let map) = exec else { throw wrongType(path.member("exec"), "a mapping", exec) }
            entry.exec = try self.exec(map, path.member("exec"))
        }
        return entry
    }

    private func exec(_ object: JSONObject, _ path: FieldPath) throws(KubeConfigError) -> ExecEntry {
        var entry = ExecEntry()
        entry.command = try string(object["command"], path.member("command"))
        entry.args = try strings(object["args"], path.member("args"))
        entry.apiVersion = try string(object["apiVersion"], path.member("apiVersion"))
        entry.installHint = try string(object["installHint"], path.member("installHint"))
        entry.provideClusterInfo = try bool(object["provideClusterInfo"], path.member("provideClusterInfo"))
        entry.interactiveMode = try string(object["interactiveMode"], path.member("interactiveMode"))
        if let env = object["env"], !env.isNull {
            let envPath = path.member("env")
            guard case .array(let items) = env else { throw wrongType(envPath, "a list of {name, value}", env) }
            for (i, item) in items.enumerated() {
                let itemPath = envPath.element(i)
                guard case .object(let pair) = item else { throw wrongType(itemPath, "a mapping with name and value", item) }
                entry.env.append(.init(
                    name: try string(pair["name"], itemPath.member("name")),
                    value: try string(pair["value"], itemPath.member("value"), secret: true)))
            }
        }
        return entry
    }

    private func context(_ object: JSONObject, _ path: FieldPath) throws(KubeConfigError) -> ContextEntry {
        var entry = ContextEntry()
        entry.origin = file
        entry.cluster = try string(object["cluster"], path.member("cluster"))
        entry.user = try string(object["user"], path.member("user"))
        entry.namespace = try string(object["namespace"], path.member("namespace"))
        return entry
    }

    // MARK: Lists of named entries

    private func namedList<Entry>(
        _ value: JSONValue?, _ list: FieldPath, body: String,
        _ decodeBody: (JSONObject, FieldPath) throws(KubeConfigError) -> Entry
    ) throws(KubeConfigError) -> [(name: String, entry: Entry)] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else { throw wrongType(list, "a list of {name, \(body)}", value) }
        var result: [(name: String, entry: Entry)] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let itemPath = list.element(i)
            guard case .object(let named) = item else { throw wrongType(itemPath, "a mapping with name and \(body)", item) }
            let name = try string(named["name"], itemPath.member("name"))
            guard seen.insert(name).inserted else {
                throw invalid(
                    "duplicate name \"\(name)\" in \(list.display); each \(body) name may appear once per file",
                    at: itemPath.member("name"))
            }
            let shown = list.element(i, shownAs: name.isEmpty ? nil : "[name=\(name)]")
            let bodyPath = shown.member(body)
            let bodyValue = named[body] ?? .null
            if bodyValue.isNull {
                result.append((name, try decodeBody(JSONObject(), bodyPath)))
                continue
            }
            guard case .object(let bodyObject) = bodyValue else { throw wrongType(bodyPath, "a mapping", bodyValue) }
            result.append((name, try decodeBody(bodyObject, bodyPath)))
        }
        return result
    }

    // MARK: Typed scalars

    /// A Go `string` field. Like kubectl, a YAML scalar that resolved to a bool or number is refused —
    /// with the fix (quote it) instead of Go's `cannot unmarshal` text.
    private func string(_ value: JSONValue?, _ path: FieldPath, secret: Bool = false) throws(KubeConfigError) -> String {
        guard let value else { return "" }
        switch value {
        case .null: return ""
        case .string(let s): return s
        default:
            if !secret, value.isNumber || value.boolValue != nil,
                let written = source?.scalarText(at: path.components) ?? plainText(value)
            {
                throw invalid(
                    "\(path.display) must be a string, but \(written) reads as a \(value.typeName) in YAML; "
                        + "quote it: \"\(written)\"", at: path)
            }
            throw wrongType(path, "a string", value)
        }
    }

    private func strings(_ value: JSONValue?, _ path: FieldPath) throws(KubeConfigError) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else { throw wrongType(path, "a list of strings", value) }
        var result: [String] = []
        for (i, item) in items.enumerated() { result.append(try string(item, path.element(i))) }
        return result
    }

    private func bool(_ value: JSONValue?, _ path: FieldPath) throws(KubeConfigError) -> Bool {
        guard let value else { return false }
        switch value {
        case .null: return false
        case .bool(let b): return b
        default: throw wrongType(path, "true or false", value)
        }
    }

    /// A Go `[]byte` field: standard base64 (line breaks ignored, like Go's decoder).
    private func bytes(_ value: JSONValue?, _ path: FieldPath) throws(KubeConfigError) -> [UInt8]? {
        let text = try string(value, path)
        if text.isEmpty { return nil }
        if let decoded = Base64.decode(text) { return decoded }
        throw invalid(
            "\(path.display) is not valid base64 (illegal base64 data at input byte \(Self.firstIllegalByte(text))); "
                + "it must hold the base64 of the PEM file — to name a file use the field without -data", at: path)
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

    private func plainText(_ value: JSONValue) -> String? {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.formatNumber(d)
        default: return nil
        }
    }

    private func wrongType(_ path: FieldPath, _ expected: String, _ value: JSONValue) -> KubeConfigError {
        invalid("\(path.display) must be \(expected), not \(value.typeName == "object" ? "a mapping" : value.typeName == "array" ? "a list" : "a " + value.typeName)", at: path)
    }

    /// `file:line:col: error loading config file: …` when the location is known, else kubectl's
    /// `error loading config file "file": …`.
    private func invalid(_ message: String, at path: FieldPath) -> KubeConfigError {
        if let location = source?.location(of: path.components), location.line != nil {
            return KubeConfigError(.invalidFile, "\(location): error loading config file: \(message)", location: location)
        }
        return KubeConfigError(.invalidFile, "error loading config file \"\(file)\": \(message)", location: SourceLocation(file: file))
    }
}
