import GuardrailCore

/// A parsed HTTP/1.1 request.
struct HTTPRequest: Sendable {
    var method: String
    var target: String
    var path: String
    var query: [(String, String)]
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.0.lowercased() == lower }.map(\.1)
    }

    func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// A response the server writes.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func json(_ status: Int, _ value: JSONValue, contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", contentType)], body: Array(JSONWriter().string(from: value).utf8)
        )
    }

    func serialized(keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }

    static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(code)"
        }
    }
}

/// Incremental HTTP/1.1 request parsing over a byte stream (Content-Length and chunked bodies).
struct HTTPRequestReader {
    private var buffer: [UInt8] = []
    static let maxHeaderBytes = 1 << 20
    static let maxBodyBytes = 64 << 20

    enum Outcome {
        case request(HTTPRequest)
        case needMore
        case malformed(String)
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) { buffer.append(contentsOf: bytes) }

    mutating func next() -> Outcome {
        guard let headerEnd = find([13, 10, 13, 10], in: buffer) else {
            return buffer.count > Self.maxHeaderBytes ? .malformed("headers too large") : .needMore
        }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return .malformed("bad request line") }
        var headers: [(String, String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .malformed("bad header line") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces()))
        }
        let bodyStart = headerEnd + 4
        var body: [UInt8] = []
        var consumed = bodyStart
        let lowerHeaders = headers.map { ($0.0.lowercased(), $0.1) }
        if let te = lowerHeaders.first(where: { $0.0 == "transfer-encoding" })?.1, te.lowercased().contains("chunked") {
            var position = bodyStart
            while true {
                guard let lineEnd = find([13, 10], in: buffer, from: position) else { return .needMore }
                let sizeText =
                    String(decoding: buffer[position..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingSpaces(), radix: 16) else { return .malformed("bad chunk size") }
                position = lineEnd + 2
                if size == 0 {
                    guard let trailerEnd = find([13, 10], in: buffer, from: position) else { return .needMore }
                    position = trailerEnd + 2
                    break
                }
                guard buffer.count >= position + size + 2 else { return .needMore }
                body.append(contentsOf: buffer[position..<(position + size)])
                position += size + 2
                if body.count > Self.maxBodyBytes { return .malformed("body too large") }
            }
            consumed = position
        } else if let lengthText = lowerHeaders.first(where: { $0.0 == "content-length" })?.1 {
            guard let length = Int(lengthText), length >= 0, length <= Self.maxBodyBytes else {
                return .malformed("bad content-length")
            }
            guard buffer.count >= bodyStart + length else { return .needMore }
            body = Array(buffer[bodyStart..<(bodyStart + length)])
            consumed = bodyStart + length
        }
        buffer.removeFirst(consumed)
        let target = String(requestLine[1])
        let (path, query) = Self.splitTarget(target)
        return .request(
            HTTPRequest(
                method: String(requestLine[0]), target: target, path: path, query: query,
                headers: headers, body: body))
    }

    static func splitTarget(_ target: String) -> (String, [(String, String)]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = percentDecode(String(parts[0]), plusAsSpace: false)
        var query: [(String, String)] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    (
                        percentDecode(String(kv[0]), plusAsSpace: true),
                        kv.count == 2 ? percentDecode(String(kv[1]), plusAsSpace: true) : ""
                    ))
            }
        }
        return (path, query)
    }

    static func percentDecode(_ text: String, plusAsSpace: Bool) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.count,
                let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                out.append(v)
                i += 3
            } else {
                out.append(plusAsSpace && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF (on scalars: "\r\n" is a single Character).
    func trimmingSpaces() -> String {
        let scalars = Array(unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
