import PlanCore

/// The extension URNs planscope writes functions and types under: Substrait's standard
/// function extensions, and planscope's own for what they do not define.
public enum SubstraitURN {
    public static let comparison = "extension:io.substrait:functions_comparison"
    public static let arithmetic = "extension:io.substrait:functions_arithmetic"
    public static let arithmeticDecimal = "extension:io.substrait:functions_arithmetic_decimal"
    public static let boolean = "extension:io.substrait:functions_boolean"
    public static let string = "extension:io.substrait:functions_string"
    public static let datetime = "extension:io.substrait:functions_datetime"
    public static let rounding = "extension:io.substrait:functions_rounding"
    public static let logarithmic = "extension:io.substrait:functions_logarithmic"
    public static let aggregate = "extension:io.substrait:functions_aggregate_generic"
    public static let aggregateApprox = "extension:io.substrait:functions_aggregate_approx"
    /// planscope's own functions and types (`is_unknown`, `json_get`, the NUMERIC type).
    public static let planscope = "extension:dev.planscope:planscope"
}

/// What a function name stands for in planscope's expressions: the one table the
/// producer writes names from and the consumer reads them with.
enum SubstraitFunction: Hashable, Sendable {
    case binary(BinaryOperator)
    case logical(LogicalOperator)
    case not, negate
    case isTest(IsTest)
    case between
    case like(caseInsensitive: Bool)
    case scalar(ScalarFunction)
    case aggregate(PlanCore.AggregateFunction)
    /// A window-only function (`row_number`, `lag` …; aggregates over a window are
    /// ``aggregate(_:)``). With `IGNORE NULLS` (a DuckDB extension Substrait 0.85 has no
    /// option for) it is planscope's own `<name>_ignore_nulls`, which other consumers reject
    /// as unknown rather than read as the function without it.
    case window(WindowFunction, ignoreNulls: Bool)

    /// The name written into the plan.
    var name: String {
        switch self {
        case .binary(let op):
            switch op {
            case .plus: "add"
            case .minus: "subtract"
            case .multiply: "multiply"
            case .divide: "divide"
            case .modulo: "modulus"
            case .concat: "concat"
            case .eq: "equal"
            case .notEq: "not_equal"
            case .lt: "lt"
            case .ltEq: "lte"
            case .gt: "gt"
            case .gtEq: "gte"
            case .isDistinctFrom: "is_distinct_from"
            case .isNotDistinctFrom: "is_not_distinct_from"
            }
        case .logical(let op): op == .and ? "and" : "or"
        case .not: "not"
        case .negate: "negate"
        case .isTest(let t):
            switch t {
            case .isNull: "is_null"
            case .isNotNull: "is_not_null"
            case .isTrue: "is_true"
            case .isNotTrue: "is_not_true"
            case .isFalse: "is_false"
            case .isNotFalse: "is_not_false"
            case .isUnknown: "is_unknown"
            case .isNotUnknown: "is_not_unknown"
            }
        case .between: "between"
        case .like(let ci): ci ? "ilike" : "like"
        case .scalar(let f):
            switch f {
            case .length: "char_length"
            case .substr: "substring"
            case .concat: "concat_ignoring_nulls"
            default: f.rawValue
            }
        case .aggregate(let f):
            switch f {
            case .stddev: "std_dev"
            case .approxDistinct: "approx_count_distinct"
            default: f.rawValue
            }
        case .window(let f, let ignoreNulls): ignoreNulls ? f.name + "_ignore_nulls" : f.name
        }
    }

    /// The extension the name is declared under.
    var urn: String {
        switch self {
        case .binary(let op):
            if op == .concat { return SubstraitURN.string }
            return op.comparesValues ? SubstraitURN.comparison : SubstraitURN.arithmetic
        case .logical, .not: return SubstraitURN.boolean
        case .negate: return SubstraitURN.arithmetic
        case .isTest(let t):
            return t == .isUnknown || t == .isNotUnknown ? SubstraitURN.planscope : SubstraitURN.comparison
        case .between: return SubstraitURN.comparison
        case .like: return SubstraitURN.string
        case .scalar(let f):
            switch f {
            case .abs, .sqrt, .power, .exp, .sign: return SubstraitURN.arithmetic
            case .round, .floor, .ceil: return SubstraitURN.rounding
            case .ln, .log10: return SubstraitURN.logarithmic
            case .coalesce, .nullif, .greatest, .least: return SubstraitURN.comparison
            case .upper, .lower, .length, .trim, .ltrim, .rtrim, .substr, .concat, .replace, .strpos, .left, .right,
                 .lpad, .rpad, .reverse, .repeatString, .startsWith: return SubstraitURN.string
            default: return SubstraitURN.planscope
            }
        case .aggregate(let f):
            switch f {
            case .stringAgg: return SubstraitURN.string
            case .approxDistinct: return SubstraitURN.aggregateApprox
            // No standard extension defines them: planscope's own (docs/substrait.md).
            case .percentileCont, .percentileDisc, .mode: return SubstraitURN.planscope
            default: return SubstraitURN.aggregate
            }
        // Substrait's window functions are declared in functions_arithmetic.
        case .window(_, let ignoreNulls): return ignoreNulls ? SubstraitURN.planscope : SubstraitURN.arithmetic
        }
    }

    /// Every function by the names it is read under (the name written, and synonyms
    /// other producers write).
    static let byName: [String: SubstraitFunction] = {
        var table: [String: SubstraitFunction] = [:]
        var all: [SubstraitFunction] = BinaryOperator.allCases.map { .binary($0) } + LogicalOperator.allCases.map { .logical($0) }
        all += [.not, .negate, .between, .like(caseInsensitive: false), .like(caseInsensitive: true)]
        all += [IsTest.isNull, .isNotNull, .isTrue, .isNotTrue, .isFalse, .isNotFalse, .isUnknown, .isNotUnknown].map { .isTest($0) }
        all += ScalarFunction.allCases.map { .scalar($0) }
        all += PlanCore.AggregateFunction.allCases.map { .aggregate($0) }
        for f in WindowFunction.windowOnly.values {
            all.append(.window(f, ignoreNulls: false))
            if f.acceptsIgnoreNulls { all.append(.window(f, ignoreNulls: true)) }
        }
        for f in all { table[f.name] = f }
        // DataFusion's spellings.
        table["negative"] = .negate
        table["substr"] = .scalar(.substr)
        table["character_length"] = .scalar(.length)
        table["stddev"] = .aggregate(.stddev)
        table["mean"] = .aggregate(.avg)
        table["approx_distinct"] = .aggregate(.approxDistinct)
        return table
    }()
}
