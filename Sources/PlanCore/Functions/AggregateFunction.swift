/// The built-in aggregate functions.
public enum AggregateFunction: String, Hashable, Sendable, Codable, CaseIterable {
    case count, sum, avg, min, max
    case boolAnd = "bool_and", boolOr = "bool_or"
    case stddev, variance
    /// `string_agg(text, delimiter [ORDER BY …])`: the non-NULL values joined, in the
    /// call's ORDER BY (input order without one).
    case stringAgg = "string_agg"
    /// `approx_distinct(x)` (alias `approx_count_distinct`): a HyperLogLog estimate of the
    /// distinct non-NULL values (``DistinctCountSketch``'s bound, documented in
    /// docs/sql-semantics.md).
    case approxDistinct = "approx_distinct"
    /// The ordered-set aggregates: `f(direct args) WITHIN GROUP (ORDER BY x)`.
    case percentileCont = "percentile_cont", percentileDisc = "percentile_disc", mode

    /// Other names the functions are called by (PostgreSQL's, DuckDB's).
    public static let aliases: [String: AggregateFunction] = [
        "approx_count_distinct": .approxDistinct, "mean": .avg, "every": .boolAnd,
        "stddev_samp": .stddev, "var_samp": .variance,
    ]

    public init?(sqlName: String) {
        let name = sqlName.lowercased()
        guard let f = AggregateFunction.aliases[name] ?? AggregateFunction(rawValue: name) else { return nil }
        self = f
    }

    /// The names a call may use: the function's own, then its aliases (sorted).
    public var sqlNames: [String] { [rawValue] + AggregateFunction.aliases.filter { $0.value == self }.keys.sorted() }

    /// Whether the result over no rows is 0 rather than NULL (and never NULL): `count`,
    /// `approx_distinct`.
    public var isCount: Bool { self == .count || self == .approxDistinct }

    /// `percentile_cont`, `percentile_disc` and `mode`: written with `WITHIN GROUP (ORDER BY
    /// x)`, whose `x` is the aggregated value; the parentheses hold only constants.
    public var isOrderedSet: Bool { self == .percentileCont || self == .percentileDisc || self == .mode }

    /// Whether the result depends on the order rows reach the aggregate (so an `ORDER BY`
    /// inside the call, or the input's order, decides it): `string_agg`. The ordered-set
    /// aggregates sort their own input.
    public var isOrderSensitive: Bool { self == .stringAgg }

    /// The number of arguments written in the parentheses: the direct arguments of an
    /// ordered-set aggregate (its value is in WITHIN GROUP).
    public var writtenArity: ClosedRange<Int> {
        switch self {
        case .count: 0...1
        case .stringAgg: 2...2
        case .mode: 0...0
        default: 1...1
        }
    }

    /// The result type for an argument type (PostgreSQL's rules on a fixed-width decimal).
    ///
    /// - `sum` of an integer is `Int64`; of `DECIMAL(p, s)` is `DECIMAL(38, s)`.
    /// - `avg` of an integer or float is `Float64`; of `DECIMAL(p, s)` is
    ///   `DECIMAL(38, max(16, s))` (PostgreSQL keeps at least 16 fractional digits).
    /// - `sum` and `avg` of an unconstrained `NUMERIC` are `NUMERIC` (PostgreSQL's scales).
    public func returnType(_ args: [DataType]) -> Result<DataType, FunctionSignatureError> {
        func fail(_ what: String) -> Result<DataType, FunctionSignatureError> {
            .failure(FunctionSignatureError(message: "\(rawValue)(\(args.map(\.displayName).joined(separator: ", "))): \(what)"))
        }
        if self == .count { return args.count <= 1 ? .success(.int64) : fail("takes one argument or *") }
        switch self {
        case .stringAgg:
            guard args.count == 2 else { return fail("takes a value and a delimiter") }
            for t in args where !(t.isString || t == .null) {
                return fail("expects text (cast other values to text; bytea is not supported)")
            }
            return .success(.text)
        case .percentileCont, .percentileDisc:
            // The WITHIN GROUP value first, then the fraction.
            guard args.count == 2 else { return fail("takes one fraction and one WITHIN GROUP (ORDER BY …) value") }
            guard args[1].isNumeric || args[1] == .null else { return fail("expects a numeric fraction") }
            if self == .percentileDisc { return .success(args[0]) }
            if args[0] == .interval { return .success(.interval) }
            return args[0].isNumeric || args[0] == .null ? .success(.float64) : fail("expects a number or an interval (interpolation is defined over those)")
        case .mode:
            guard args.count == 1 else { return fail("takes no arguments and one WITHIN GROUP (ORDER BY …) value") }
            return .success(args[0])
        default: break
        }
        guard args.count == 1 else { return fail("takes exactly one argument") }
        let t = args[0]
        switch self {
        case .count: return .success(.int64)
        case .sum:
            if t.isInteger || t == .null { return .success(.int64) }
            if t.isFloat { return .success(.float64) }
            if case .decimal(_, let s) = t { return .success(.decimal(precision: 38, scale: s)) }
            if t == .numeric || t == .interval { return .success(t) }
            return fail("expects a number")
        case .avg:
            if t.isInteger || t.isFloat || t == .null { return .success(.float64) }
            if t == .numeric { return .success(.numeric) }
            if case .decimal(_, let s) = t {
                return .success(.decimal(precision: 38, scale: Swift.max(16, s)))
            }
            return fail("expects a number")
        case .min, .max:
            if t == .interval { return fail("is not defined for intervals") }
            return .success(t)
        case .boolAnd, .boolOr:
            return t == .boolean || t == .null ? .success(.boolean) : fail("expects a boolean")
        case .stddev, .variance:
            return t.isNumeric || t == .null ? .success(.float64) : fail("expects a number")
        case .approxDistinct: return .success(.int64)
        case .stringAgg, .percentileCont, .percentileDisc, .mode: return fail("takes other arguments")
        }
    }
}
