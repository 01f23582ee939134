import GuardrailCore

/// Decodes the protobuf SelfSubjectAccessReview kubectl sends (`Content-Type:
/// application/vnd.kubernetes.protobuf`) into its JSON form, so the real `kubectl auth can-i` works
/// against the test server. Only the fields of `authorization/v1` SelfSubjectAccessReviewSpec are read
/// (k8s.io/api `authorization/v1/generated.proto`); everything else is skipped.
enum ProtobufReview {
    /// The JSON `spec`, or `nil` when the bytes are not a Kubernetes protobuf envelope.
    static func selfSubjectAccessReviewSpec(_ bytes: [UInt8]) -> JSONValue? {
        // Envelope: "k8s\0" + runtime.Unknown{1: typeMeta, 2: raw, 3: contentEncoding, 4: contentType}.
        guard bytes.count > 4, Array(bytes[0..<4]) == [0x6B, 0x38, 0x73, 0x00],
            let unknown = fields(bytes[4...]), let raw = unknown.first(where: { $0.number == 2 })?.bytes,
            let review = fields(raw[...])
        else { return nil }
        var spec = JSONObject()
        guard let specBytes = review.first(where: { $0.number == 2 })?.bytes, let specFields = fields(specBytes[...])
        else {
            return .object(spec)
        }
        for field in specFields {
            guard let body = field.bytes, let inner = fields(body[...]) else { continue }
            switch field.number {
            case 1:
                let names = [
                    1: "namespace", 2: "verb", 3: "group", 4: "version", 5: "resource", 6: "subresource", 7: "name",
                ]
                var attributes = strings(inner, names)
                if let selector = inner.first(where: { $0.number == 8 })?.bytes {
                    attributes["fieldSelector"] = Self.selector(selector)
                }
                if let selector = inner.first(where: { $0.number == 9 })?.bytes {
                    attributes["labelSelector"] = Self.selector(selector)
                }
                spec["resourceAttributes"] = .object(attributes)
            case 2:
                spec["nonResourceAttributes"] = .object(strings(inner, [1: "path", 2: "verb"]))
            default:
                continue
            }
        }
        return .object(spec)
    }

    /// `{rawSelector}` or `{requirements: [{key, operator, values}]}`.
    private static func selector(_ bytes: [UInt8]) -> JSONValue {
        guard let parsed = fields(bytes[...]) else { return [:] }
        var object = strings(parsed, [1: "rawSelector"])
        let requirements: [JSONValue] = parsed.filter { $0.number == 2 }.compactMap { field in
            guard let body = field.bytes, let inner = fields(body[...]) else { return nil }
            var requirement = strings(inner, [1: "key", 2: "operator"])
            let values = inner.filter { $0.number == 3 }.compactMap {
                $0.bytes.map { JSONValue.string(String(decoding: $0, as: UTF8.self)) }
            }
            if !values.isEmpty { requirement["values"] = .array(values) }
            return .object(requirement)
        }
        if !requirements.isEmpty { object["requirements"] = .array(requirements) }
        return .object(object)
    }

    /// The non-empty string fields named in `names`, as Go's JSON (`omitempty`) would write them.
    private static func strings(_ fields: [Field], _ names: [Int: String]) -> JSONObject {
        var object = JSONObject()
        for field in fields {
            guard let name = names[field.number], let body = field.bytes, !body.isEmpty else { continue }
            object[name] = .string(String(decoding: body, as: UTF8.self))
        }
        return object
    }

    struct Field {
        var number: Int
        var bytes: [UInt8]?
    }

    /// Splits a message into fields; length-delimited ones keep their bytes. `nil` on malformed input.
    private static func fields(_ data: ArraySlice<UInt8>) -> [Field]? {
        var result: [Field] = []
        var i = data.startIndex
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < data.endIndex, shift < 64 {
                let b = data[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while i < data.endIndex {
            guard let key = varint() else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard varint() != nil else { return nil }
                result.append(Field(number: number))
            case 1:
                i += 8
                result.append(Field(number: number))
            case 5:
                i += 4
                result.append(Field(number: number))
            case 2:
                guard let length = varint(), i + Int(length) <= data.endIndex else { return nil }
                result.append(Field(number: number, bytes: Array(data[i..<(i + Int(length))])))
                i += Int(length)
            default: return nil
            }
            if i > data.endIndex { return nil }
        }
        return result
    }
}
