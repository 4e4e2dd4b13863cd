/// The semantics of SQL operators on single values: the one reference every evaluator
/// (the executor's kernels, constant folding) agrees with.
///
/// PostgreSQL's rules: integer overflow and division by zero are errors; integer
/// division truncates toward zero; NULL in, NULL out (except AND/OR, three-valued).
public enum ScalarOps {
    // MARK: - Comparison

    /// Orders two non-NULL values of comparable types; `nil` if they cannot be compared.
    /// Texts by code point (``Text/compare(_:_:)-(String,String)``).
    public static func compare(_ a: ScalarValue, _ b: ScalarValue) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)): return Text.compare(x, y)
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.binary(let x), .binary(let y)): return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.interval(let x), .interval(let y)):
            let kx = intervalKey(x), ky = intervalKey(y)
            return kx == ky ? 0 : (kx < ky ? -1 : 1)
        default: break
        }
        if let x = temporalMicros(a), let y = temporalMicros(b) { return x == y ? 0 : (x < y ? -1 : 1) }
        // String vs temporal: parse the string.
        if case .string(let s) = a, b.dataType.isTemporal, let v = try? cast(.string(s), to: b.dataType) { return compare(v, b) }
        if case .string(let s) = b, a.dataType.isTemporal, let v = try? cast(.string(s), to: a.dataType) { return compare(a, v) }
        if let x = a.int64Value, let y = b.int64Value { return x == y ? 0 : (x < y ? -1 : 1) }
        if a.dataType == .numeric || b.dataType == .numeric, let x = numeric(a), let y = numeric(b) {
            return NumericValue.compare(x, y)
        }
        if let (xu, xs) = exactDecimal(a), let (yu, ys) = exactDecimal(b) {
            let s = max(xs, ys)
            if let x = DecimalMath.rescale(xu, from: xs, to: s), let y = DecimalMath.rescale(yu, from: ys, to: s) {
                return x == y ? 0 : (x < y ? -1 : 1)
            }
        }
        if let x = a.doubleValue, let y = b.doubleValue {
            if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        return nil
    }

    /// An exact number as a NUMERIC value when one of the two is a NUMERIC (so integers
    /// and decimals meet it by value, NaN above them all); nil otherwise.
    static func numeric(_ v: ScalarValue) -> NumericValue? {
        switch v {
        case .numeric(let n): return n
        case .decimal(let u, _, let s): return NumericValue(unscaled: u, scale: s) ?? (u == 0 ? .zero : nil)
        default:
            guard let i = v.int64Value else { return nil }
            return NumericValue(unscaled: Int128(i), scale: 0)  // safe: Int64 widens to Int128
        }
    }

    static func intervalKey(_ i: Interval) -> Int128 {
        Int128(i.months) * 30 * 86_400_000_000 + Int128(i.days) * 86_400_000_000 + Int128(i.micros)  // safe: < 2^100
    }

    /// A date or timestamp as microseconds since the epoch, in 128 bits so that every
    /// date compares with every timestamp (a date past 294247 is later than them all).
    static func temporalMicros(_ v: ScalarValue) -> Int128? {
        switch v {
        case .date(let d): Int128(d) * 86_400_000_000  // safe: Int32 · 8.64·10^10 < 2^70
        // A TIMESTAMPTZ meets a date or timestamp here only without a session (as UTC);
        // the binder casts one side in the session's zone first.
        case .timestamp(let t), .timestampTZ(let t): Int128(t)
        default: nil
        }
    }

    /// An exact number (integer, decimal or NUMERIC; not NaN) as an unscaled value and scale.
    static func exactDecimal(_ v: ScalarValue) -> (Int128, Int)? {
        switch v {
        case .decimal(let u, _, let s): (u, s)
        case .numeric(let n): n.isNaN ? nil : (n.unscaled, n.scale)
        case .int16(let x): (Int128(x), 0)
        case .int32(let x): (Int128(x), 0)
        case .int64(let x): (Int128(x), 0)
        default: nil
        }
    }

    /// `a op b` for a comparison operator; NULL when either side is NULL.
    public static func comparison(_ op: BinaryOperator, _ a: ScalarValue, _ b: ScalarValue) throws(PlanError) -> ScalarValue {
        if a.isNull || b.isNull { return .null }
        guard let c = compare(a, b) else {
            throw PlanError(.execution, "cannot compare \(a.dataType.sqlName) with \(b.dataType.sqlName)")
        }
        switch op {
        case .eq: return .boolean(c == 0)
        case .notEq: return .boolean(c != 0)
        case .lt: return .boolean(c < 0)
        case .ltEq: return .boolean(c <= 0)
        case .gt: return .boolean(c > 0)
        case .gtEq: return .boolean(c >= 0)
        default: throw PlanError(.execution, "\(op.rawValue) is not a comparison")
        }
    }

    /// Whether `a` and `b` are distinct: NULL is not distinct from NULL and distinct
    /// from every other value; two values are distinct when they compare unequal.
    public static func distinct(_ a: ScalarValue, _ b: ScalarValue) throws(PlanError) -> Bool {
        if a.isNull || b.isNull { return a.isNull != b.isNull }
        return try comparison(.notEq, a, b) == .boolean(true)
    }

    // MARK: - AND and OR

    /// `a AND b AND …` / `a OR b OR …` over values (three-valued logic): the deciding
    /// value (FALSE for AND, TRUE for OR) wins over NULL.
    public static func logical(_ op: LogicalOperator, _ values: [ScalarValue]) -> ScalarValue {
        let deciding = op == .or
        var sawNull = false
        for v in values {
            if case .boolean(let b) = v, b == deciding { return .boolean(deciding) }
            if v.isNull { sawNull = true }
        }
        return sawNull ? .null : .boolean(!deciding)
    }

    // MARK: - Binary operators

    /// Evaluates `a op b` producing a value of `resultType` (from `Expr.binaryType`).
    public static func binary(_ op: BinaryOperator, _ a: ScalarValue, _ b: ScalarValue, resultType: DataType) throws(PlanError) -> ScalarValue {
        switch op {
        case .eq, .notEq, .lt, .ltEq, .gt, .gtEq:
            return try comparison(op, a, b)
        case .isDistinctFrom, .isNotDistinctFrom:
            return .boolean(try distinct(a, b) == (op == .isDistinctFrom))
        case .concat:
            if a.isNull || b.isNull { return .null }
            return .string(a.sqlText + b.sqlText)
        case .plus, .minus, .multiply, .divide, .modulo:
            if a.isNull || b.isNull { return .null }
            return try arithmetic(op, a, b, resultType: resultType)
        }
    }

    public static func overflow(_ type: DataType) -> PlanError {
        switch type {
        case .int16: PlanError(.execution, "smallint out of range")
        case .int32: PlanError(.execution, "integer out of range")
        case .int64: PlanError(.execution, "bigint out of range")
        case .decimal: PlanError(.execution, "numeric field overflow")
        case .numeric: PlanError(.execution, NumericValue.overflowMessage)
        default: PlanError(.execution, "numeric value out of range for \(type.sqlName)")
        }
    }

    static let divisionByZero = PlanError(.execution, "division by zero")

    static func arithmetic(_ op: BinaryOperator, _ a: ScalarValue, _ b: ScalarValue, resultType: DataType) throws(PlanError) -> ScalarValue {
        if let temporal = try temporalArithmetic(op, a, b) { return temporal }
        switch resultType {
        case .int16, .int32, .int64:
            guard let x = a.int64Value, let y = b.int64Value else { break }
            let r: Int64
            switch op {
            case .plus:
                let (v, o) = x.addingReportingOverflow(y); if o { throw overflow(resultType) }; r = v
            case .minus:
                let (v, o) = x.subtractingReportingOverflow(y); if o { throw overflow(resultType) }; r = v
            case .multiply:
                let (v, o) = x.multipliedReportingOverflow(by: y); if o { throw overflow(resultType) }; r = v
            case .divide:
                if y == 0 { throw divisionByZero }
                let (v, o) = x.dividedReportingOverflow(by: y); if o { throw overflow(resultType) }; r = v
            case .modulo:
                if y == 0 { throw divisionByZero }
                r = y == -1 ? 0 : x % y
            default: throw PlanError(.execution, "bad arithmetic operator")
            }
            return try integer(r, as: resultType)
        case .float32, .float64:
            guard let x = a.doubleValue, let y = b.doubleValue else { break }
            let r: Double
            if op == .modulo {
                if y == 0 { throw divisionByZero }
                r = x.truncatingRemainder(dividingBy: y)
            } else {
                r = try floatArithmetic(op, x, y)
            }
            return resultType == .float32 ? .float32(Float(r)) : .float64(r)
        case .numeric:
            guard case .numeric(let x) = try cast(a, to: .numeric), case .numeric(let y) = try cast(b, to: .numeric) else { break }
            return .numeric(try NumericValue.arithmetic(op, x, y))
        case .decimal(let p, let s):
            guard let (xu, xs) = exactDecimal(a), let (yu, ys) = exactDecimal(b) else { break }
            let r = try decimalArithmetic(op, xu, xs, yu, ys, scale: s)
            guard DecimalMath.fits(r, precision: p) else { throw overflow(resultType) }
            return .decimal(r, precision: p, scale: s)
        default: break
        }
        throw PlanError(.execution, "operator \(op.rawValue) cannot be applied to \(a.dataType.sqlName) and \(b.dataType.sqlName)")
    }

    /// Exact decimal arithmetic producing an unscaled value at `scale` (rounding half
    /// away from zero on division).
    public static func decimalArithmetic(_ op: BinaryOperator, _ x: Int128, _ xs: Int, _ y: Int128, _ ys: Int,
                                         scale: Int) throws(PlanError) -> Int128 {
        let overflowError = PlanError(.execution, "numeric field overflow")
        switch op {
        case .plus, .minus:
            let common = max(xs, ys)
            guard let a = DecimalMath.rescale(x, from: xs, to: common), let b = DecimalMath.rescale(y, from: ys, to: common) else { throw overflowError }
            let (r, o) = op == .plus ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
            if o { throw overflowError }
            guard let out = DecimalMath.rescale(r, from: common, to: scale) else { throw overflowError }
            return out
        case .multiply:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflowError }
            guard let out = DecimalMath.rescale(r, from: xs + ys, to: scale) else { throw overflowError }
            // The exact product has xs + ys fractional digits; when the result type keeps
            // fewer (its scale is capped at 38), dropping non-zero ones is an error rather
            // than a rounded (perhaps zero) answer.
            if scale < xs + ys, DecimalMath.rescale(out, from: scale, to: xs + ys) != r {  // safe: scales are at most 38
                throw PlanError(.execution, "value overflows numeric format: the product needs \(xs + ys) fractional digits (at most \(DataType.maxDecimalPrecision))")
            }
            return out
        case .divide:
            if y == 0 { throw divisionByZero }
            // x/10^xs ÷ y/10^ys = (x * 10^(scale - xs + ys)) / y at `scale`; one extra digit to round.
            // Scales are 0...38, so the shift cannot overflow.
            let shift = scale - xs + ys + 1  // safe: scales are 0...38
            guard var q = DecimalMath.divide(x, y, shift: shift) else { throw overflowError }
            let lastDigit = q % 10
            q /= 10
            if abs(lastDigit) >= 5 { q += (x < 0) != (y < 0) ? -1 : 1 }  // safe: |q| < Int128.max / 10
            return q
        case .modulo:
            if y == 0 { throw divisionByZero }
            let common = max(xs, ys)
            guard let a = DecimalMath.rescale(x, from: xs, to: common), let b = DecimalMath.rescale(y, from: ys, to: common) else { throw overflowError }
            guard let out = DecimalMath.rescale(a % b, from: common, to: scale) else { throw overflowError }
            return out
        default:
            throw PlanError(.execution, "bad decimal operator")
        }
    }

    static func integer(_ v: Int64, as type: DataType) throws(PlanError) -> ScalarValue {
        switch type {
        case .int16: guard let x = Int16(exactly: v) else { throw overflow(type) }; return .int16(x)
        case .int32: guard let x = Int32(exactly: v) else { throw overflow(type) }; return .int32(x)
        default: return .int64(v)
        }
    }

    // MARK: - Unary

    public static func negate(_ v: ScalarValue) throws(PlanError) -> ScalarValue {
        switch v {
        case .null: return .null
        case .int16(let x): guard x != .min else { throw overflow(.int16) }; return .int16(-x)
        case .int32(let x): guard x != .min else { throw overflow(.int32) }; return .int32(-x)
        case .int64(let x): guard x != .min else { throw overflow(.int64) }; return .int64(-x)
        case .float32(let x): return .float32(-x)
        case .float64(let x): return .float64(-x)
        case .decimal(let u, let p, let s): return .decimal(-u, precision: p, scale: s)
        case .numeric(let n): return .numeric(n.negated())
        case .interval(let i): return .interval(try i.negated())
        default: throw PlanError(.execution, "cannot negate \(v.dataType.sqlName)")
        }
    }

    /// Truth of a boolean value (NULL counts as not true).
    public static func isTrue(_ v: ScalarValue) -> Bool {
        if case .boolean(true) = v { return true }
        return false
    }
}
