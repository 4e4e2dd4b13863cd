extension ScalarOps {
    /// `CAST(v AS type)` with PostgreSQL's rules: strings are parsed (an error names the
    /// text), numbers convert with range checks, decimals round half away from zero.
    public static func cast(_ v: ScalarValue, to type: DataType) throws(PlanError) -> ScalarValue {
        if v.isNull { return .null }
        if v.dataType == type {
            return v
        }
        // Text is read by the one text reader (CSV fields are read by it too).
        if case .string(let s) = v, !type.isString { return try TextInput.parse(s, as: type) }
        switch type {
        case .null: return .null
        // Lengths in code points (``Text``), not `Character`s.
        case .varchar(let n):
            let s = v.sqlText
            if let n { return .string(Text.prefix(s, n)) }
            return .string(s)
        case .char(let n):
            return .string(Text.prefix(v.sqlText, n))
        case .boolean:
            if let i = v.int64Value { return .boolean(i != 0) }
        case .int16, .int32, .int64:
            var wide: Int64?
            switch v {
            case .boolean(let b): wide = b ? 1 : 0
            case .float32, .float64:
                guard let d = v.doubleValue, d.isFinite else { throw overflow(type) }
                let r = d.rounded(.toNearestOrEven)
                guard r >= -9.223372036854775808e18, r < 9.223372036854775808e18 else { throw overflow(type) }
                wide = Int64(r)
            case .decimal(let u, _, let s):
                guard let r = DecimalMath.rescale(u, from: s, to: 0), let i = Int64(exactly: r) else { throw overflow(type) }
                wide = i
            case .numeric(let n):
                if n.isNaN { throw PlanError(.execution, "cannot convert NaN to \(type.postgresName)") }
                guard let r = DecimalMath.rescale(n.unscaled, from: n.scale, to: 0), let i = Int64(exactly: r) else { throw overflow(type) }
                wide = i
            default: wide = v.int64Value
            }
            if let wide { return try integer(wide, as: type) }
        case .float32, .float64:
            if let d = v.doubleValue { return type == .float32 ? .float32(Float(d)) : .float64(d) }
        case .decimal(let p, let s):
            var unscaled: Int128?
            switch v {
            case .decimal(let u, _, let from): unscaled = DecimalMath.rescale(u, from: from, to: s)
            case .numeric(let n):
                if n.isNaN { throw PlanError(.execution, "cannot convert NaN to \(type.sqlName)") }
                unscaled = DecimalMath.rescale(n.unscaled, from: n.scale, to: s)
            case .float32, .float64:
                guard let d = v.doubleValue, d.isFinite else { throw overflow(type) }
                let scaled = (d * Double(DecimalMath.pow10(scale: s))).rounded(.toNearestOrAwayFromZero)  // safe: Double
                guard abs(scaled) < 1e38 else { throw overflow(type) }  // safe: Double
                unscaled = Int128(scaled)  // safe: finite and below 10^38
            default:
                if let i = v.int64Value { unscaled = DecimalMath.rescale(Int128(i), from: 0, to: s) }
            }
            if let u = unscaled {
                guard DecimalMath.fits(u, precision: p) else { throw overflow(type) }
                return .decimal(u, precision: p, scale: s)
            }
            if v.int64Value != nil || v.dataType.isDecimal || v.dataType == .numeric { throw overflow(type) }
        case .numeric:
            switch v {
            case .decimal(let u, _, let s): return .numeric(try NumericValue.make(u, scale: s))
            case .float32, .float64: return .numeric(try NumericValue.from(v.doubleValue ?? 0))
            default: if let i = v.int64Value { return .numeric(try NumericValue.make(Int128(i), scale: 0)) }  // safe: Int64 widens to Int128
            }
        case .date:
            switch v {
            case .timestamp(let t), .timestampTZ(let t): return .date(Int32(truncatingIfNeeded: floorDiv(t, 86_400_000_000)))  // safe: |t / 8.64·10^10| < 1.1·10^8
            default: break
            }
        case .timestamp:
            if case .date(let d) = v { return .timestamp(try dateMicros(d)) }
            if case .timestampTZ(let t) = v { return .timestamp(t) }
        // Without a session zone these read and write UTC; the binder makes every cast
        // a session's zone changes explicit (``LogicalPlan/applyingTimeZone(_:)``).
        case .timestampTZ:
            if case .date(let d) = v { return .timestampTZ(try dateMicros(d)) }
            if case .timestamp(let t) = v { return .timestampTZ(t) }
        case .interval, .binary:
            break
        }
        throw PlanError(.execution, "cannot cast \(v.dataType.sqlName) to \(type.sqlName)")
    }

    /// `a / b` rounded toward negative infinity, for `b > 0` (callers pass a positive
    /// constant, so the division cannot trap and `q - 1` cannot overflow).
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b  // safe: b > 0
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q  // safe: |q| ≤ |a| / 2 when b ≥ 2
    }
}
