import GuardrailCore
import JMESPath

/// Kyverno's time functions (`pkg/engine/jmespath/time.go`). Times are RFC 3339 strings; durations use
/// Go syntax. "Now" comes from the runtime's context (a ``KyvernoJMESPath/Clock``), never from the system.
enum TimeFunctions {
    /// The clock in the runtime's context; without one, "now" is refused rather than invented.
    static func clock(_ context: JMESPath.FunctionContext) throws(JMESPathError) -> KyvernoJMESPath.Clock {
        guard let clock = context.runtimeContext as? KyvernoJMESPath.Clock else {
            throw KyvernoFunctionError.failure(context.functionName, "no clock was given to the evaluator")
        }
        return clock
    }

    static let all: [JMESPath.Function] = [
        F("time_now", []) { _, context throws(JMESPathError) in
            let clock = try clock(context)
            return .string(GoTime(unixSeconds: clock.now.unixSeconds, utcOffset: clock.localUTCOffset).rfc3339)
        },
        F("time_now_utc", []) { _, context throws(JMESPathError) in .string(try clock(context).now.utc.rfc3339) },
        F("time_since", [P(.string), P(.string), P(.string)]) { args, context throws(JMESPathError) in
            let layout = args[0].string.isEmpty ? rfc3339Layout : args[0].string
            let start = try parse(args[1].string, layout: layout, "time_since")
            let end =
                args[2].string.isEmpty
                ? try clock(context).now : try parse(args[2].string, layout: layout, "time_since")
            return .string(end.since(start).description)
        },
        F("time_to_cron", [P(.string)]) { args, _ throws(JMESPathError) in
            let f = try time(args[0], "time_to_cron").fields
            return .string("\(f.minute) \(f.hour) \(f.day) \(f.month) \(f.weekday)")
        },
        F("time_add", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            // Kyverno reports time_add's errors under the name time_to_cron (a copy-paste in time.go).
            let t = try time(args[0], "time_to_cron")
            let d = try duration(args[1], "time_to_cron")
            return .string(t.adding(d).rfc3339)
        },
        F("time_parse", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            let (layout, value) = (args[0].string, args[1].string)
            if Int64(layout) != nil {
                // A numeric layout means "epoch seconds".
                guard let epoch = Int64(value) else {
                    throw KyvernoFunctionError.failure(
                        "time_parse", "strconv.ParseInt: parsing \"\(value)\": invalid syntax")
                }
                return .string(GoTime(unixSeconds: epoch).rfc3339)
            }
            return .string(try parse(value, layout: layout, "time_parse").rfc3339)
        },
        F("time_utc", [P(.string)]) { args, _ throws(JMESPathError) in
            .string(try time(args[0], "time_utc").utc.rfc3339)
        },
        F("time_diff", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            let start = try time(args[0], "time_diff")
            let end = try time(args[1], "time_diff")
            return .string(end.since(start).description)
        },
        F("time_before", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            .bool(try time(args[0], "time_before").isBefore(try time(args[1], "time_before")))
        },
        F("time_after", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            .bool(try time(args[1], "time_after").isBefore(try time(args[0], "time_after")))
        },
        F("time_between", [P(.string), P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            let t = try time(args[0], "time_between")
            let start = try time(args[1], "time_between")
            let end = try time(args[2], "time_between")
            return .bool(start.isBefore(t) && t.isBefore(end))
        },
        F("time_truncate", [P(.string), P(.string)]) { args, _ throws(JMESPathError) in
            let t = try time(args[0], "time_truncate")
            let d = try duration(args[1], "time_truncate")
            return .string(t.truncated(to: d).rfc3339)
        },
    ]

    static let rfc3339Layout = "2006-01-02T15:04:05Z07:00"

    static func parse(_ text: String, layout: String, _ function: String) throws(JMESPathError) -> GoTime {
        do {
            return try GoTime(parsing: text, layout: layout)
        } catch {
            throw KyvernoFunctionError.failure(function, error.message)
        }
    }

    static func time(_ argument: JMESPath.Argument, _ function: String) throws(JMESPathError) -> GoTime {
        try parse(argument.string, layout: rfc3339Layout, function)
    }

    static func duration(_ argument: JMESPath.Argument, _ function: String) throws(JMESPathError) -> GoDuration {
        guard let d = GoDuration(parsing: argument.string) else {
            throw KyvernoFunctionError.failure(function, "time: invalid duration \"\(argument.string)\"")
        }
        return d
    }
}
