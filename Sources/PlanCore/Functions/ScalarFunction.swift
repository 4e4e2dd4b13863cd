/// The built-in scalar functions, with their arity and result types.
public enum ScalarFunction: String, Hashable, Sendable, Codable, CaseIterable {
    case abs, round, floor, ceil, trunc, sqrt, power, exp, ln, log10, mod, sign
    case coalesce, nullif, greatest, least
    case upper, lower, length, trim, ltrim, rtrim, substr, concat, replace, strpos, left, right
    case lpad, rpad, reverse, repeatString = "repeat", startsWith = "starts_with"
    case initcap, chr, octetLength = "octet_length", splitPart = "split_part"
    /// `concat_ws(separator, …)`: the non-NULL arguments joined by the separator (NULL
    /// when the separator is).
    case concatWs = "concat_ws"
    /// `regexp_like(s, pattern [, flags])` and `regexp_replace(s, pattern, replacement
    /// [, flags])`: PostgreSQL's regular expression functions (``SQLRegex``).
    case regexpLike = "regexp_like", regexpReplace = "regexp_replace"
    /// `now()` (also `current_timestamp`) and `current_date`: the statement's start,
    /// one value for every row and reference of a statement (``StatementTime``).
    case now, currentDate = "current_date"
    /// `age(t1, t2)`: PostgreSQL's symbolic interval between two timestamps (`age(t)`
    /// from today's midnight, bound as the two-argument form).
    case age
    /// `date_part(field, x [, zone])` and `date_trunc(field, x [, zone])`: a
    /// `TIMESTAMPTZ` is read in `zone` (the binder passes the session's).
    case datePart = "date_part", dateTrunc = "date_trunc"
    /// `timezone(zone, x)`, what `x AT TIME ZONE zone` means: a `TIMESTAMPTZ` as the wall
    /// clock in `zone` (a `TIMESTAMP`), a `TIMESTAMP` read as the wall clock in `zone` (a
    /// `TIMESTAMPTZ`). `timezone(x)` (`x AT LOCAL`) uses the session's zone.
    case timezone
    /// `date_add(t, interval, zone)` and `date_subtract(t, interval, zone)`: `TIMESTAMPTZ`
    /// arithmetic with months and days counted on the wall clock in `zone` (PostgreSQL
    /// 16's; the binder writes `t ± interval` so, with the session's zone).
    case dateAdd = "date_add", dateSubtract = "date_subtract"
    /// `timestamptz_in(text, zone)` and `timestamptz_out(t, zone)`: the casts between text
    /// and `TIMESTAMPTZ` in a zone (what the binder makes of `CAST` with the session's).
    case timestamptzIn = "timestamptz_in", timestamptzOut = "timestamptz_out"
    /// `json_get(doc, key)`: the member (object key or array index) of a JSON text, as
    /// JSON text; `json_get_text` gives a string member unquoted. The `json` expression
    /// planner maps `->` and `->>` to them.
    case jsonGet = "json_get", jsonGetText = "json_get_text"
    /// `span_contains(start, end, point)`: `start <= point < end`, evaluated as one opaque
    /// call (the `span` expression planner plans it as two comparisons instead).
    case spanContains = "span_contains"

    /// Looks a function up by SQL name (case-insensitive, with synonyms).
    public init?(sqlName: String) {
        let name = sqlName.lowercased()
        switch name {
        case "ceiling": self = .ceil
        case "char_length", "character_length": self = .length
        case "substring": self = .substr
        case "btrim": self = .trim
        case "pow": self = .power
        case "log": self = .log10
        case "position": self = .strpos
        case "datepart": self = .datePart
        case "datetrunc": self = .dateTrunc
        case "current_timestamp", "localtimestamp", "transaction_timestamp", "statement_timestamp": self = .now
        default:
            guard let f = ScalarFunction(rawValue: name) else { return nil }
            self = f
        }
    }

    /// Names a user may type, for completion and "did you mean".
    public static var sqlNames: [String] {
        allCases.map(\.rawValue) + ["ceiling", "char_length", "character_length", "substring", "btrim", "pow", "log", "current_timestamp"]
    }

    /// Allowed argument counts.
    public var arity: ClosedRange<Int> {
        switch self {
        case .abs, .floor, .ceil, .sqrt, .exp, .ln, .log10, .sign, .upper, .lower, .length, .reverse: 1...1
        case .initcap, .chr, .octetLength: 1...1
        case .splitPart: 3...3
        case .round, .trunc: 1...2
        case .trim, .ltrim, .rtrim: 1...2
        case .power, .mod, .nullif, .strpos, .left, .right, .repeatString, .startsWith: 2...2
        case .jsonGet, .jsonGetText: 2...2
        case .datePart, .dateTrunc: 2...3
        case .timezone: 1...2
        case .dateAdd, .dateSubtract: 2...3
        case .timestamptzIn, .timestamptzOut: 1...2
        case .spanContains: 3...3
        case .substr: 2...3
        case .replace: 3...3
        case .lpad, .rpad: 2...3
        case .coalesce, .greatest, .least, .concat: 1...Int.max
        case .concatWs: 1...Int.max
        case .regexpLike: 2...3
        case .regexpReplace: 3...4
        case .now: 0...0
        case .currentDate: 0...1
        case .age: 1...2
        }
    }

    /// The type an untyped string literal (PostgreSQL's `unknown`) takes as argument
    /// `index` of `count`: what the function takes there, as PostgreSQL picks it (`abs('-5')`
    /// is `abs(double precision)`, `substr('abc', '2')` reads `2` as an integer); nil where
    /// it stays text (string arguments) or the function unifies its arguments (`coalesce`,
    /// `greatest`, `least`, `mod`, `nullif`: resolved with the others) or PostgreSQL finds
    /// no one function (`date_trunc('month', '2024-03-05')`).
    public func unknownArgumentType(at index: Int, count: Int) -> DataType? {
        switch self {
        case .abs, .floor, .ceil, .sqrt, .exp, .ln, .log10, .power, .sign: return .float64
        case .round, .trunc: return index == 1 ? .int64 : count == 1 ? .float64 : nil
        case .substr: return index >= 1 ? .int64 : nil
        case .left, .right, .repeatString, .lpad, .rpad: return index == 1 ? .int64 : nil
        default: return nil
        }
    }

    /// The result type for arguments of the given types, or a message saying why not.
    public func returnType(_ args: [DataType]) -> Result<DataType, FunctionSignatureError> {
        func numeric(_ i: Int) -> Bool { args[i].isNumeric || args[i] == .null }
        func stringy(_ i: Int) -> Bool { args[i].isString || args[i] == .null }
        func integer(_ i: Int) -> Bool { args[i].isInteger || args[i] == .null }
        func fail(_ what: String) -> Result<DataType, FunctionSignatureError> {
            .failure(FunctionSignatureError(message: "\(rawValue)(\(args.map(\.displayName).joined(separator: ", "))): \(what)"))
        }
        // PostgreSQL has round(numeric, n) and trunc(numeric, n) but no such forms for
        // doubles, and mod of integers and numerics only.
        let noSuchFunction = Result<DataType, FunctionSignatureError>.failure(FunctionSignatureError(
            message: "function \(rawValue)(\(args.map(\.postgresName).joined(separator: ", "))) does not exist"))
        switch self {
        case .abs, .floor, .ceil, .trunc, .round:
            guard numeric(0) else { return fail("expects a number") }
            if args.count == 2 && !integer(1) { return fail("expects an integer number of digits") }
            if args.count == 2 && args[0].isFloat { return noSuchFunction }
            if args[0] == .null { return .success(.float64) }
            if (self == .floor || self == .ceil), case .decimal(let p, _) = args[0] {
                return .success(.decimal(precision: p, scale: 0))
            }
            return .success(args[0])
        case .sqrt, .exp, .ln, .log10, .power:
            guard args.indices.allSatisfy(numeric) else { return fail("expects numbers") }
            return .success(.float64)
        case .sign:
            guard numeric(0) else { return fail("expects a number") }
            return .success(.float64)
        case .mod:
            guard numeric(0), numeric(1) else { return fail("expects numbers") }
            if args[0].isFloat || args[1].isFloat { return noSuchFunction }
            return DataType.commonType(args[0], args[1]).map { .success($0) } ?? fail("incompatible types")
        case .coalesce, .greatest, .least:
            var common: DataType = .null
            for t in args {
                guard let c = DataType.commonType(common, t) else {
                    return fail("arguments have no common type")
                }
                common = c
            }
            return .success(common)
        case .nullif:
            guard DataType.commonType(args[0], args[1]) != nil else { return fail("arguments have no common type") }
            return .success(args[0])
        case .upper, .lower, .reverse, .initcap:
            guard stringy(0) else { return fail("expects a string") }
            return .success(.text)
        case .length, .octetLength:
            guard stringy(0) else { return fail("expects a string") }
            return .success(.int32)
        case .chr:
            guard integer(0) else { return fail("expects an integer code point") }
            return .success(.text)
        case .splitPart:
            guard stringy(0), stringy(1), integer(2) else { return fail("expects (string, string, integer)") }
            return .success(.text)
        case .trim, .ltrim, .rtrim:
            guard args.indices.allSatisfy(stringy) else { return fail("expects strings") }
            return .success(.text)
        case .substr:
            guard stringy(0), integer(1), args.count < 3 || integer(2) else {
                return fail("expects (string, integer[, integer])")
            }
            return .success(.text)
        case .left, .right, .repeatString:
            guard stringy(0), integer(1) else { return fail("expects (string, integer)") }
            return .success(.text)
        case .lpad, .rpad:
            guard stringy(0), integer(1), args.count < 3 || stringy(2) else {
                return fail("expects (string, integer[, string])")
            }
            return .success(.text)
        case .concat:
            return .success(.text)
        case .concatWs:
            guard stringy(0) else { return fail("expects a string separator") }
            return .success(.text)
        case .regexpLike:
            guard args.indices.allSatisfy(stringy) else { return fail("expects (string, pattern[, flags])") }
            return .success(.boolean)
        case .regexpReplace:
            guard args.indices.allSatisfy(stringy) else { return fail("expects (string, pattern, replacement[, flags])") }
            return .success(.text)
        case .age:
            guard args.indices.allSatisfy({ args[$0].isTemporal || args[$0] == .null }) else { return fail("expects timestamps") }
            return .success(.interval)
        case .now: return .success(.timestampTZ)
        case .timezone:
            guard args.count == 2, stringy(0) else { return fail("expects (zone, timestamp)") }
            switch args[1] {
            case .timestampTZ, .date, .null: return .success(.timestamp)
            case .timestamp: return .success(.timestampTZ)
            default: return noSuchFunction
            }
        case .dateAdd, .dateSubtract:
            guard args[0] == .timestampTZ || args[0] == .null, args[1] == .interval || args[1] == .null,
                  args.count < 3 || stringy(2) else { return fail("expects (timestamptz, interval[, zone])") }
            return .success(.timestampTZ)
        case .timestamptzIn:
            guard stringy(0), args.count < 2 || stringy(1) else { return fail("expects (text[, zone])") }
            return .success(.timestampTZ)
        case .timestamptzOut:
            guard args[0] == .timestampTZ || args[0] == .null, args.count < 2 || stringy(1) else { return fail("expects (timestamptz[, zone])") }
            return .success(.text)
        case .currentDate: return .success(.date)
        case .replace:
            guard args.indices.allSatisfy(stringy) else { return fail("expects strings") }
            return .success(.text)
        case .strpos:
            guard stringy(0), stringy(1) else { return fail("expects strings") }
            return .success(.int32)
        case .startsWith:
            guard stringy(0), stringy(1) else { return fail("expects strings") }
            return .success(.boolean)
        case .datePart:
            guard stringy(0), args[1].isTemporal || args[1] == .interval || args[1] == .null, args.count < 3 || stringy(2) else {
                return fail("expects (field, date/timestamp/interval[, zone])")
            }
            return .success(.float64)
        case .dateTrunc:
            guard stringy(0), args[1].isTemporal || args[1] == .null, args.count < 3 || stringy(2) else {
                return fail("expects (field, date/timestamp[, zone])")
            }
            return .success(args[1] == .timestampTZ ? .timestampTZ : .timestamp)
        case .jsonGet, .jsonGetText:
            guard stringy(0), stringy(1) || integer(1) else { return fail("expects (JSON text, key or index)") }
            return .success(.text)
        case .spanContains:
            guard DataType.commonType(DataType.commonType(args[0], args[1]) ?? .null, args[2]) != nil else {
                return fail("expects a start, an end and a point of one comparable type")
            }
            return .success(.boolean)
        }
    }
}

/// Why a function does not accept its arguments.
public struct FunctionSignatureError: Error, Hashable, Sendable {
    public var message: String
}
