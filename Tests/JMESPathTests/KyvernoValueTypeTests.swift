import GuardrailCore
import KyvernoJMESPath
import Testing

/// The Go/Kubernetes value types behind Kyverno's functions: quantities (apimachinery), durations and
/// times (Go `time`), versions (blang/semver) and wildcards (go-wildcard).
@Suite("Kyverno value types")
struct KyvernoValueTypeTests {
    @Test(
        "quantities print in apimachinery's canonical form",
        arguments: [
            ("1000", "1k"), ("1024Mi", "1Gi"), ("1.5Gi", "1536Mi"), ("0.5", "500m"), ("12e6", "12e6"), ("1e3", "1e3"),
            ("100Ki", "100Ki"), ("0.1m", "100u"), ("1.1", "1100m"), ("0.0000000001", "1n"), ("5G", "5G"),
            ("1Ei", "1Ei"), ("0", "0"), ("-1Ki", "-1Ki"), ("+2k", "2k"), ("1500m", "1500m"), ("250m", "250m"),
            ("0.5Gi", "512Mi"), ("1023", "1023"), ("128974848", "128974848"), ("129e6", "129e6"), ("123Mi", "123Mi"),
        ])
    func canonicalQuantity(_ text: String, _ canonical: String) throws {
        let quantity = try #require(Quantity(parsing: text))
        #expect(quantity.description == canonical)
    }

    @Test(
        "invalid quantities are refused",
        arguments: ["", "1.2.3", "abc", "1K", "1h", "12s", "1Gb", "--1", "1e", "1 Gi"])
    func invalidQuantity(_ text: String) {
        #expect(Quantity(parsing: text) == nil)
    }

    @Test("quantity arithmetic keeps the left operand's format")
    func quantityArithmetic() throws {
        let gi = try #require(Quantity(parsing: "1Gi"))
        let half = try #require(Quantity(parsing: "512Mi"))
        #expect(gi.adding(half)?.description == "1536Mi")
        #expect(gi.subtracting(half)?.description == "512Mi")
        #expect(
            try #require(Quantity(parsing: "1k")).adding(try #require(Quantity(parsing: "1Ki")))?.description == "2024")
        #expect(gi.doubleValue == 1_073_741_824)
        #expect(try #require(Quantity(parsing: "250m")).doubleValue == 0.25)
    }

    @Test("RFC 3339 times keep their offset and accept fractional seconds")
    func rfc3339() throws {
        let t = try GoTime(rfc3339: "2024-02-29T23:59:59.75+05:30")
        #expect(t.rfc3339 == "2024-02-29T23:59:59+05:30")
        #expect(t.utc.rfc3339 == "2024-02-29T18:29:59Z")
        #expect(t.nanoseconds == 750_000_000)
        #expect(try GoTime(rfc3339: "1970-01-01T00:00:00Z").unixSeconds == 0)
        #expect(try GoTime(rfc3339: "1969-12-31T23:59:59Z").unixSeconds == -1)
        #expect(try GoTime(rfc3339: "2000-03-01T00:00:00Z").fields.weekday == 3)
    }

    @Test(
        "invalid times are refused",
        arguments: [
            "2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z", "2023-01-01 00:00:00Z", "2023-01-01T24:00:00Z",
            "2023-01-01T00:00:00", "2023-01-01T00:00:00Zjunk", "yesterday",
        ])
    func invalidTime(_ text: String) {
        #expect(throws: GoParseError.self) { try GoTime(rfc3339: text) }
    }

    @Test(
        "Go reference layouts",
        arguments: [
            ("2006-01-02", "2021-07-04", "2021-07-04T00:00:00Z"),
            ("Jan 2, 2006 at 3:04pm (MST)", "Feb 3, 2013 at 7:54pm (PST)", "2013-02-03T19:54:00Z"),
            ("02/01/06 15:04 -0700", "25/12/22 08:30 +0100", "2022-12-25T08:30:00+01:00"),
            ("Monday, 02-Jan-06 15:04:05", "Tuesday, 04-Jul-23 09:00:00", "2023-07-04T09:00:00Z"),
            ("2006-01-02T15:04:05.000Z07:00", "2021-01-02T15:04:05.123-07:00", "2021-01-02T15:04:05-07:00"),
        ])
    func layout(_ layout: String, _ value: String, _ rfc3339: String) throws {
        #expect(try GoTime(parsing: value, layout: layout).rfc3339 == rfc3339)
    }

    @Test(
        "semantic version ranges",
        arguments: [
            ("1.2.3", ">=1.2.0", true), ("1.2.3", "<1.2.3", false), ("1.2.3", "1.2.3", true),
            ("1.2.3", "!=1.2.3", false),
            ("1.2.3", ">1.0.0 <2.0.0", true), ("2.0.0", ">1.0.0 <2.0.0", false), ("3.1.0", "<2.0.0 || >=3.0.0", true),
            ("1.5.0", "1.x", true), ("2.0.0", "1.x", false), ("1.2.9", "1.2.x", true), ("1.3.0", "<=1.2.x", false),
            ("1.0.0-rc.1", "<1.0.0", true), ("1.0.0-rc.2", ">1.0.0-rc.1", true),
            ("1.0.0-alpha", "<1.0.0-alpha.1", true),
            ("1.0.0-2", "<1.0.0-10", true), ("1.0.0+build.5", "=1.0.0", true),
        ])
    func semver(_ version: String, _ range: String, _ expected: Bool) throws {
        let parsed = try #require(SemanticVersion(parsing: version))
        #expect(try SemanticVersionRange(parsing: range).contains(parsed) == expected)
    }

    @Test("strict version parsing", arguments: ["v1.2.3", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3.4", ""])
    func invalidVersion(_ text: String) {
        #expect(SemanticVersion(parsing: text) == nil)
    }

    // Rows from Kyverno ext/wildcard/match_test.go, as listed in the project's Kyverno reference (§3.3).
    @Test(
        "wildcards",
        arguments: [
            ("*", "s3:GetObject", true), ("", "s3:GetObject", false), ("", "", true),
            ("s3:*", "s3:ListMultipartUploadParts", true), ("my-bucket/oo*", "my-bucket/oo", true),
            ("my-bucket/In*", "my-bucket/Karnataka/India/", false), ("my-bucket?/abc*", "mybucket/abc", false),
            ("my-bucket?/abc*", "my-bucket1/abc", true), ("my-?-bucket/abc*", "my--bucket/abc", false),
            ("my??bucket/abc*", "my4abucket/abc", true), ("my-bucket?abc*", "my-bucket/abc", true),
            ("my-bucket/abc????", "my-bucket/abcde", false), ("my-bucket/abc????", "my-bucket/abcdefg", true),
            ("?*", "", false), ("*?", "x", true), ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYbZ", false),
            ("Ünï*", "Ünïcode", true), ("?", "é", true),
        ])
    func wildcard(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Wildcard.match(pattern, text) == expected)
    }

    @Test("wildcard matching is linear on pathological patterns")
    func wildcardBacktracking() {
        let text = String(repeating: "a", count: 5_000)
        #expect(!Wildcard.match(String(repeating: "*a", count: 200) + "b", text))
    }
}
