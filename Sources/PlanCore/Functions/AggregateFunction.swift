/// The built-in aggregate functions.
public enum AggregateFunction: String, Hashable, Sendable, Codable, CaseIterable {
    case count, sum, avg, min, max
    case boolAnd = "bool_and", boolOr = "bool_or"
    case stddev, variance

    public init?(sqlName: String) {
        switch sqlName.lowercased() {
        case "mean": self = .avg
        case "every": self = .boolAnd
        case "stddev_samp": self = .stddev
        case "var_samp": self = .variance
        default:
            guard let f = AggregateFunction(rawValue: sqlName.lowercased()) else { return nil }
            self = f
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
        }
    }
}
