import GuardrailCore
import JMESPath

/// Kyverno's functions over objects and arrays, encodings, hashes and versions.
enum DataFunctions {
    static func all(yamlParser: KyvernoJMESPath.YAMLParser?) -> [JMESPath.Function] {
        [
            F("label_match", [P(.object), P(.object)]) { args, _ in
                let selector = args[0].json.objectValue ?? JSONObject()
                let labels = args[1].json.objectValue ?? JSONObject()
                return .bool(selector.allSatisfy { labels[$0.key] == $0.value })
            },
            F("lookup", [P(.object, .array), P(.string, .number)]) { args, _ throws(JMESPathError) in
                switch args[0].json {
                case .object(let object):
                    guard case .string(let key) = args[1].json else {
                        throw KyvernoFunctionError.invalidType("lookup", argument: 2, "String")
                    }
                    return object[key] ?? .null
                case .array(let array):
                    guard args[1].json.isNumber else {
                        throw KyvernoFunctionError.invalidType("lookup", argument: 2, "Number")
                    }
                    guard let index = kyvernoInteger(args[1].number) else {
                        throw KyvernoFunctionError.failure(
                            "lookup", "argument #2: expected an integer number but got: \(args[1].json)")
                    }
                    return index >= 0 && index < array.count ? array[index] : .null
                default:
                    throw KyvernoFunctionError.invalidType("lookup", argument: 1, "Object or Array")
                }
            },
            F("items", [P(.object, .array), P(.string), P(.string)]) { args, _ in
                let (keyName, valueName) = (args[1].string, args[2].string)
                switch args[0].json {
                case .object(let object):
                    // Kyverno sorts the keys (Go sort.Strings: byte order) for a deterministic result.
                    let sorted = object.entries.sorted { $0.key.bytePrecedes($1.key) }
                    return .array(
                        sorted.map { .object(JSONObject([(keyName, .string($0.key)), (valueName, $0.value)])) })
                case .array(let array):
                    return .array(
                        array.enumerated().map {
                            .object(JSONObject([(keyName, .int(Int64($0.offset))), (valueName, $0.element)]))
                        })
                default: return .null
                }
            },
            F("object_from_lists", [P(.array), P(.array)]) { args, _ throws(JMESPathError) in
                let keys = args[0].json.arrayValue ?? []
                let values = args[1].json.arrayValue ?? []
                var object = JSONObject()
                for (i, key) in keys.enumerated() {
                    guard let name = kyvernoString(key) else {
                        throw KyvernoFunctionError.invalidType("object_from_lists", argument: 1, "StringArray")
                    }
                    object[name] = i < values.count ? values[i] : .null
                }
                return .object(object)
            },
            F("base64_decode", [P(.string)]) { args, _ throws(JMESPathError) in
                guard let bytes = Base64.decode(args[0].string) else {
                    throw KyvernoFunctionError.failure("base64_decode", "illegal base64 data")
                }
                return .string(String(decoding: bytes, as: UTF8.self))
            },
            F("base64_encode", [P(.string)]) { args, _ in .string(Base64.encode(Array(args[0].string.utf8))) },
            F("sha256", [P(.string)]) { args, _ in .string(Digest.sha256(Array(args[0].string.utf8))) },
            F("sha1", [P(.string)]) { args, _ in .string(Digest.sha1(Array(args[0].string.utf8))) },
            F("md5", [P(.string)]) { args, _ in .string(Digest.md5(Array(args[0].string.utf8))) },
            F("parse_json", [P(.string)]) { args, _ throws(JMESPathError) in
                do throws(JSONParseError) {
                    return try JSONParser.parse(args[0].string)
                } catch {
                    throw KyvernoFunctionError.failure("parse_json", error.description)
                }
            },
            F("parse_yaml", [P(.string)]) { args, _ throws(JMESPathError) in
                guard let yamlParser else {
                    throw KyvernoFunctionError.unsupported("parse_yaml", "no YAML parser was configured")
                }
                do {
                    return try yamlParser(args[0].string)
                } catch {
                    throw KyvernoFunctionError.failure("parse_yaml", "\(error)")
                }
            },
            F("semver_compare", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
                // Kyverno ignores a version parse error: an invalid version compares as 0.0.0.
                let version = SemanticVersion(parsing: args[0].string) ?? SemanticVersion(major: 0, minor: 0, patch: 0)
                do throws(GoParseError) {
                    return .bool(try SemanticVersionRange(parsing: args[1].string).contains(version))
                } catch {
                    throw KyvernoFunctionError.failure("semver_compare", error.message)
                }
            },
            F("is_external_url", [P(.string)]) { args, _ throws(JMESPathError) in
                guard let host = URLHost.host(of: args[0].string), let address = IPAddress(parsing: host) else {
                    throw KyvernoFunctionError.unsupported(
                        "is_external_url", "host names need a DNS lookup; only IP addresses are evaluated offline")
                }
                return .bool(!(address.isLoopback || address.isPrivate))
            },
            F("random", [P(.string)]) { _, _ throws(JMESPathError) in
                throw KyvernoFunctionError.unsupported("random", "its result is random, so no verdict can rely on it")
            },
            F("x509_decode", [P(.string)]) { _, _ throws(JMESPathError) in
                throw KyvernoFunctionError.unsupported("x509_decode", "certificate decoding is not implemented")
            },
            F("image_normalize", [P(.string)]) { args, _ throws(JMESPathError) in
                guard let normalized = ImageReference.normalize(args[0].string) else {
                    throw KyvernoFunctionError.failure(
                        "image_normalize",
                        "bad image: \(args[0].string), defaultRegistry: docker.io, enableDefaultRegistryMutation: true")
                }
                return .string(normalized)
            },
        ]
    }
}
