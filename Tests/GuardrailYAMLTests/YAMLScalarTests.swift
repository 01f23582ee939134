import GuardrailCore
import Testing

@testable import GuardrailYAML

/// Scalar resolution as go-yaml v2 (via sigs.k8s.io/yaml) does it for untyped data. Expected values
/// were confirmed with `kubectl config view -o json` on a kubeconfig extension holding these scalars.
@Suite struct YAMLScalarTests {
    static let cases: [(String, JSONValue)] = [
        ("yes", true), ("Yes", true), ("YES", true), ("y", true), ("Y", true), ("on", true), ("ON", true),
        ("true", true), ("True", true), ("TRUE", true),
        ("no", false), ("No", false), ("n", false), ("N", false), ("off", false), ("Off", false),
        ("false", false), ("FALSE", false),
        ("yEs", "yEs"), ("tRUE", "tRUE"),
        ("~", nil), ("null", nil), ("Null", nil), ("NULL", nil), ("nULL", "nULL"),
        ("0", 0), ("-17", -17), ("+12", 12), ("0755", 493), ("0o17", 15), ("0x1F", 31), ("0X1f", 31),
        ("0b101", 5), ("-0b101", -5), ("1_000", 1000), ("0x_1F", 31),
        ("09", 9.0), ("1e3", 1000.0), (".5", 0.5), ("1.", 1.0), ("-1.5e-3", -0.0015), ("1_000.5", 1000.5),
        ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
        ("12345678901234567890", .double(12345678901234567890.0)),
        ("2001-12-14", "2001-12-14"), ("2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00"),
        ("1:20", "1:20"), ("0x", "0x"), ("+", "+"), ("-x", "-x"), ("._5", "._5"), ("1e", "1e"), ("_1", "_1"),
        ("0b", "0b"), ("1.2.3", "1.2.3"), ("nan", "nan"), ("inf", "inf"), ("hello world", "hello world"),
    ]

    @Test(arguments: cases)
    func plainScalar(_ text: String, _ expected: JSONValue) throws {
        let value = try YAML.load("v: \(text)\n")
        let actual = try #require(value["v"])
        #expect(actual == expected)
        // Integers stay integers, floats stay floats.
        #expect(actual.typeName == expected.typeName)
        if case .int = expected {
            #expect(actual.int64Value != nil && { if case .int = actual { true } else { false } }())
        }
    }

    @Test func quotedScalarsAreAlwaysStrings() throws {
        let value = try YAML.load(#"[ "yes", 'no', "12", '~', "", '0x1F' ]"#)
        #expect(value == ["yes", "no", "12", "~", "", "0x1F"])
    }

    @Test func emptyValueIsNull() throws {
        let value = try YAML.load("a:\nb: ~\n")
        #expect(value == ["a": nil, "b": nil])
    }

    @Test func tagsAreHonoured() throws {
        let value = try YAML.load(
            "a: !!str 12\nb: !!int \"12\"\nc: !!float 3\nd: !!bool yes\ne: !!str yes\nf: !!binary aGVsbG8=\ng:"
                + " !custom x\n"
        )
        #expect(value == ["a": "12", "b": 12, "c": 3.0, "d": true, "e": "yes", "f": "hello", "g": "x"])
        if case .double = value["c"]! {} else { Issue.record("!!float 3 must be a double") }
    }

    @Test func tagMismatchIsAnError() {
        #expect(throws: YAMLError.self) { try YAML.load("a: !!int abc\n") }
        do {
            _ = try YAML.load("a: !!int abc\n")
        } catch {
            #expect(error.description == "1:4: cannot decode !!str `abc` as a !!int")
        }
    }

    @Test func infinityAndNaNCannotBecomeJSON() {
        for text in [".inf", "-.Inf", ".NaN", "+.INF"] {
            #expect(throws: YAMLError.self) { try YAML.load("v: \(text)\n") }
        }
        // Quoted, they are just strings.
        #expect((try? YAML.load("v: '.inf'\n")) == ["v": ".inf"])
    }

    @Test func nonStringKeysBecomeStrings() throws {
        let value = try YAML.load("{1: a, 1.5: b, true: c, 0x10: e, 1e3: f, 1e7: g, -0.5: h}")
        #expect(value == ["1": "a", "1.5": "b", "true": "c", "16": "e", "1000": "f", "1e+07": "g", "-0.5": "h"])
    }

    @Test func yesAndTrueKeysCollide() throws {
        // `true:` and `yes:` are the same boolean key; the later one wins (as kubectl shows).
        #expect(try YAML.load("true: c\nyes: d\n") == ["true": "d"])
    }

    @Test func nullKeyIsAnError() {
        #expect(throws: YAMLError.self) { try YAML.load("~: a\n") }
        #expect(throws: YAMLError.self) { try YAML.load("? [a]\n: b\n") }
    }

    @Test func timestampsDetected() {
        #expect(YAMLScalarResolver.looksLikeTimestamp("2024-01-01T00:00:00Z"))
        #expect(YAMLScalarResolver.looksLikeTimestamp("2001-12-14 21:59:43.10"))
        #expect(YAMLScalarResolver.looksLikeTimestamp("2001-2-3"))
        #expect(!YAMLScalarResolver.looksLikeTimestamp("2001-02-30"))
        #expect(!YAMLScalarResolver.looksLikeTimestamp("2001-12-14T21:59:43"))
        #expect(!YAMLScalarResolver.looksLikeTimestamp("20011-12-14"))
        #expect(YAMLScalarResolver.isBase60Float("1:20"))
        #expect(YAMLScalarResolver.isBase60Float("-190:20:30.15"))
        #expect(!YAMLScalarResolver.isBase60Float("1:60"))
    }

    @Test func goFloatFormatting() {
        #expect(GoFloatFormat.formatG(1000) == "1000")
        #expect(GoFloatFormat.formatG(1e6) == "1e+06")
        #expect(GoFloatFormat.formatG(123456) == "123456")
        #expect(GoFloatFormat.formatG(1_234_567) == "1.234567e+06")
        #expect(GoFloatFormat.formatG(0.0001) == "0.0001")
        #expect(GoFloatFormat.formatG(0.00001) == "1e-05")
        #expect(GoFloatFormat.formatG(-1.5) == "-1.5")
        #expect(GoFloatFormat.formatG(1e21) == "1e+21")
        #expect(GoFloatFormat.formatG(3.14159265, bits32: true) == "3.1415927")
        #expect(GoFloatFormat.formatG(.infinity) == ".inf")
    }
}
