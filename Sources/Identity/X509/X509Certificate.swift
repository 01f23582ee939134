import GuardrailCore

/// What a Kubernetes client certificate says about its holder: the API server's x509 authenticator takes
/// the subject's Common Name as the username and each Organization as a group
/// (k8s.io/apiserver `pkg/authentication/request/x509` `CommonNameUserConversion`).
///
/// Parsed with a small DER reader, without Foundation or OpenSSL; only the fields the explanation needs.
public struct X509Summary: Sendable, Hashable {
    /// Subject CN (the Kubernetes username).
    public var commonName: String?
    /// Subject O values, in order (the Kubernetes groups).
    public var organizations: [String]
    /// Issuer CN (e.g. `kubernetes`), for display.
    public var issuerCommonName: String?
    /// Start of validity.
    public var notBefore: UTCInstant?
    /// End of validity: after this the API server rejects the certificate.
    public var notAfter: UTCInstant?
    /// Lowercase hex SHA-256 of the DER certificate: the API server reports the certificate a request
    /// used as `authentication.kubernetes.io/credential-id` = `X509SHA256=<this>`.
    public var sha256: String?

    /// A summary built from known values (for callers that parsed the certificate elsewhere).
    public init(commonName: String?, organizations: [String] = [], issuerCommonName: String? = nil,
                notBefore: UTCInstant? = nil, notAfter: UTCInstant? = nil) {
        self.commonName = commonName
        self.organizations = organizations
        self.issuerCommonName = issuerCommonName
        self.notBefore = notBefore
        self.notAfter = notAfter
        sha256 = nil
    }

    /// Parses the first `CERTIFICATE` block of a PEM document; `nil` when there is none or it is not a
    /// well-formed X.509 certificate. Input larger than 1 MiB is refused.
    public init?(pem: [UInt8]) {
        guard let der = PEM.firstBlock(labeled: "CERTIFICATE", in: pem) else { return nil }
        self.init(der: der)
    }

    /// Parses a DER-encoded X.509 certificate.
    public init?(der: [UInt8]) {
        guard der.count <= 1 << 20 else { return nil }
        var outer = DERReader(der)
        guard let certificate = outer.next(tag: 0x30) else { return nil }
        var certReader = DERReader(bytes: der, within: certificate)
        guard let tbs = certReader.next(tag: 0x30) else { return nil }
        var fields = DERReader(bytes: der, within: tbs)
        _ = fields.next(tag: 0xA0)  // [0] EXPLICIT version, absent for v1
        guard fields.next(tag: 0x02) != nil,  // serialNumber
            fields.next(tag: 0x30) != nil,  // signature AlgorithmIdentifier
            let issuer = fields.next(tag: 0x30),
            let validity = fields.next(tag: 0x30),
            let subject = fields.next(tag: 0x30)
        else { return nil }
        var times = DERReader(bytes: der, within: validity)
        guard let notBefore = times.next(), let notAfter = times.next() else { return nil }
        let subjectAttributes = Self.attributes(of: subject, in: der)
        commonName = subjectAttributes.first { $0.oid == Self.commonNameOID }?.value
        organizations = subjectAttributes.filter { $0.oid == Self.organizationOID }.map(\.value)
        issuerCommonName = Self.attributes(of: issuer, in: der).first { $0.oid == Self.commonNameOID }?.value
        self.notBefore = Self.time(notBefore, in: der)
        self.notAfter = Self.time(notAfter, in: der)
        // Exactly the certificate's own bytes, even if the buffer has trailing data.
        sha256 = SHA256.hex(Array(der[0..<certificate.contents.upperBound]))
    }

    static let commonNameOID: [UInt8] = [0x55, 0x04, 0x03]  // 2.5.4.3
    static let organizationOID: [UInt8] = [0x55, 0x04, 0x0A]  // 2.5.4.10

    /// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue).
    static func attributes(of name: DERReader.Element, in der: [UInt8]) -> [(oid: [UInt8], value: String)] {
        var result: [(oid: [UInt8], value: String)] = []
        var rdns = DERReader(bytes: der, within: name)
        while let rdn = rdns.next() {
            guard rdn.tag == 0x31 else { continue }
            var pairs = DERReader(bytes: der, within: rdn)
            while let pair = pairs.next() {
                guard pair.tag == 0x30 else { continue }
                var inner = DERReader(bytes: der, within: pair)
                guard let oid = inner.next(tag: 0x06), let value = inner.next(),
                    let text = string(value, in: der)
                else { continue }
                result.append((Array(der[oid.contents]), text))
                if result.count >= 256 { return result }
            }
        }
        return result
    }

    /// UTF8String, PrintableString, IA5String, T61String (read as Latin-1), BMPString (UCS-2).
    static func string(_ element: DERReader.Element, in der: [UInt8]) -> String? {
        let bytes = der[element.contents]
        switch element.tag {
        case 0x0C, 0x13, 0x16:
            return String(decoding: bytes, as: UTF8.self)
        case 0x14:
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        case 0x1E:
            guard bytes.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            var i = bytes.startIndex
            while i < bytes.endIndex {
                units.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        default:
            return nil
        }
    }

    /// UTCTime `YYMMDDHHMMSSZ` (years 50–99 are 19xx, RFC 5280 §4.1.2.5.1) or GeneralizedTime
    /// `YYYYMMDDHHMMSSZ`.
    static func time(_ element: DERReader.Element, in der: [UInt8]) -> UTCInstant? {
        let b = Array(der[element.contents])
        let yearDigits: Int
        switch (element.tag, b.count) {
        case (0x17, 13): yearDigits = 2
        case (0x18, 15): yearDigits = 4
        default: return nil
        }
        guard b.last == UInt8(ascii: "Z"), var year = UTCInstant.digits(b, 0, yearDigits) else { return nil }
        if yearDigits == 2 { year += year >= 50 ? 1900 : 2000 }
        let o = yearDigits
        guard let month = UTCInstant.digits(b, o, 2), let day = UTCInstant.digits(b, o + 2, 2),
            let hour = UTCInstant.digits(b, o + 4, 2), let minute = UTCInstant.digits(b, o + 6, 2),
            let second = UTCInstant.digits(b, o + 8, 2)
        else { return nil }
        return UTCInstant(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}

/// PEM (RFC 7468) block extraction.
enum PEM {
    /// The decoded body of the first `-----BEGIN <label>-----` … `-----END <label>-----` block.
    static func firstBlock(labeled label: String, in pem: [UInt8]) -> [UInt8]? {
        guard pem.count <= 1 << 20 else { return nil }
        let begin = Array("-----BEGIN \(label)-----".utf8), end = Array("-----END \(label)-----".utf8)
        guard let start = find(begin, in: pem, from: 0),
            let stop = find(end, in: pem, from: start + begin.count)
        else { return nil }
        var body = ""
        body.reserveCapacity(stop - start)
        for byte in pem[(start + begin.count)..<stop] {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2B, 0x2F, 0x3D:
                body.unicodeScalars.append(Unicode.Scalar(byte))
            default: return nil  // headers (RFC 1421) or garbage: not a certificate we understand
            }
        }
        return Base64.decode(body)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else {
            return nil
        }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
