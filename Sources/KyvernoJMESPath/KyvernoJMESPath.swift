import GuardrailCore
import GuardrailYAML
import JMESPath

/// Kyverno's dialect of JMESPath: what `{{ … }}` in a Kyverno policy means.
///
/// It differs from the standard (see Documentation/JMESPath.md for the full list):
/// - a key missing from an object is an error (`Unknown key "x" in path`, kind `not-found`) that plain
///   field chains propagate and `||`, comparisons, function arguments, pipes, projections and
///   multi-selects turn into `null` — so `request.object.metadata.labels.app || ''` works;
/// - Kyverno's extra functions (strings, regex, wildcards, quantities and durations, time, semver, …);
/// - `sum` is Kyverno's: it adds quantities and durations too and refuses an empty array.
///
/// ```swift
/// let evaluator = KyvernoJMESPath.Evaluator(clock: .init(now: requestTime))
/// let result = try evaluator.evaluate("request.operation || 'BACKGROUND'", on: context)
/// ```
public enum KyvernoJMESPath {
    /// Where "now" comes from for `time_now`, `time_now_utc` and `time_since` (the module reads no clock).
    public struct Clock: Sendable {
        /// The current instant.
        public var now: GoTime
        /// The local UTC offset in seconds, used by `time_now` (Kyverno formats `time.Now()` in the pod's
        /// local zone, normally UTC).
        public var localUTCOffset: Int

        /// A clock frozen at `now`.
        public init(now: GoTime, localUTCOffset: Int = 0) {
            self.now = now
            self.localUTCOffset = localUTCOffset
        }

        /// A clock at `unixSeconds` since the epoch.
        public init(unixSeconds: Int64, localUTCOffset: Int = 0) {
            self.init(now: GoTime(unixSeconds: unixSeconds), localUTCOffset: localUTCOffset)
        }
    }

    /// Parses YAML text into a value, for `parse_yaml`.
    public typealias YAMLParser = @Sendable (String) throws -> JSONValue

    /// `parse_yaml`'s default: GuardrailYAML, which reads YAML as sigs.k8s.io/yaml (Kyverno's
    /// `yaml.YAMLToJSON`) does.
    public static let kubernetesYAML: YAMLParser = { text in try YAML.load(text) }

    /// The functions Kyverno adds to (or replaces in) standard JMESPath. The time functions read their
    /// clock from the runtime's ``JMESPath/Runtime/context``.
    public static func functions(yamlParser: YAMLParser? = kubernetesYAML) -> [JMESPath.Function] {
        StringFunctions.all + RegexFunctions.all + ArithmeticFunctions.all + TimeFunctions.all
            + DataFunctions.all(yamlParser: yamlParser)
    }

    /// Kyverno's function table, built once.
    static let sharedRuntime: JMESPath.Runtime = makeRuntime(yamlParser: kubernetesYAML)

    static func makeRuntime(yamlParser: YAMLParser?) -> JMESPath.Runtime {
        var runtime = JMESPath.Runtime.standard
        for function in functions(yamlParser: yamlParser) { runtime.register(function) }
        runtime.missingKeys = .notFoundError
        return runtime
    }

    /// The runtime for Kyverno's `{{ }}`: standard functions plus Kyverno's, missing keys are errors,
    /// "now" is `clock`. Cheap: the function table is shared, only the clock is set.
    public static func runtime(clock: Clock) -> JMESPath.Runtime {
        var runtime = sharedRuntime
        runtime.context = clock
        return runtime
    }

    /// Like ``runtime(clock:)`` with a custom `parse_yaml` parser (`nil` refuses `parse_yaml`).
    public static func runtime(clock: Clock, yamlParser: YAMLParser?) -> JMESPath.Runtime {
        var runtime = makeRuntime(yamlParser: yamlParser)
        runtime.context = clock
        return runtime
    }

    /// Names of every function callable in Kyverno's dialect, sorted (for `jp --list-functions` and docs).
    public static var functionNames: [String] {
        runtime(clock: Clock(unixSeconds: 0)).functions.keys.sorted()
    }
}
