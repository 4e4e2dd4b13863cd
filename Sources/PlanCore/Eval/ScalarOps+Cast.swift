extension ScalarOps {
    /// `CAST(v AS type)` with PostgreSQL's rules: strings are parsed (an error names the
    /// text), numbers convert with range checks, decimals round half away from zero.
    public static func cast(_ v: ScalarValue, to type: DataType) throws(PlanError) -> ScalarValue {
        if v.isNull { return .null }
        if v.dataType == type {
            return v
        }
        func invalid(_ text: String) -> PlanError {
            PlanError(.execution, "invalid input syntax for type \(type.sqlName): '\(text)'")
        }
        switch type {
        case .null: return .null
        case .varchar(let n):
            let s = v.sqlText
            if let n, s.count > n { return .string(String(s.prefix(n))) }
            return .string(s)
        case .char(let n):
            var s = v.sqlText
            if s.count > n { s = String(s.prefix(n)) }
            return .string(s)
        case .boolean:
            switch v {
            case .string(let s):
                switch s.trimmingSpaces().lowercased() {
                case "true", "t", "yes", "y", "on", "1": return .boolean(true)
                case "false", "f", "no", "n", "off", "0": return .boolean(false)
                default: throw invalid(s)
                }
            default:
                if let i = v.int64Value { return .boolean(i != 0) }
            }
        case .int16, .int32, .int64:
            var wide: Int64?
            switch v {
            case .string(let s):
                guard let i = Int64(s.trimmingSpaces()) else { throw invalid(s) }
                wide = i
            case .boolean(let b): wide = b ? 1 : 0
            case .float32, .float64:
                guard let d = v.doubleValue, d.isFinite else { throw overflow(type) }
                let r = d.rounded(.toNearestOrEven)
                guard r >= -9.223372036854775808e18, r < 9.223372036854775808e18 else { throw overflow(type) }
                wide = Int64(r)
            case .decimal(let u, _, let s):
                guard let r = DecimalMath.rescale(u, from: s, to: 0), let i = Int64(exactly: r) else { throw overflow(type) }
                wide = i
            default: wide = v.int64Value
            }
            if let wide { return try integer(wide, as: type) }
        case .float32, .float64:
            var d: Double?
            if case .string(let s) = v {
                let t = s.trimmingSpaces().lowercased()
                switch t {
                case "nan": d = .nan
                case "infinity", "inf": d = .infinity
                case "-infinity", "-inf": d = -.infinity
                default:
                    guard let x = Double(t) else { throw invalid(s) }
                    guard x.isFinite else { throw PlanError(.execution, "'\(s)' is out of range for type \(type.sqlName)") }
                    d = x
                }
            } else {
                d = v.doubleValue
            }
            if let d { return type == .float32 ? .float32(Float(d)) : .float64(d) }
        case .decimal(let p, let s):
            var unscaled: Int128?
            switch v {
            case .string(let text):
                guard let u = DecimalMath.parse(text, precision: 38, scale: s) else { throw invalid(text) }
                unscaled = u
            case .decimal(let u, _, let from): unscaled = DecimalMath.rescale(u, from: from, to: s)
            case .float32, .float64:
                guard let d = v.doubleValue, d.isFinite else { throw overflow(type) }
                let scaled = (d * Double(DecimalMath.pow10(s))).rounded(.toNearestOrAwayFromZero)
                guard abs(scaled) < 1e38 else { throw overflow(type) }
                unscaled = Int128(scaled)
            default:
                if let i = v.int64Value { unscaled = DecimalMath.rescale(Int128(i), from: 0, to: s) }
            }
            if let u = unscaled {
                guard abs(u) <= DecimalMath.maxUnscaled(precision: p) else { throw overflow(type) }
                return .decimal(u, precision: p, scale: s)
            }
            if v.int64Value != nil || v.dataType.isDecimal { throw overflow(type) }
        case .date:
            switch v {
            case .string(let s):
                if let d = CivilDate.parse(s) { return .date(Int32(d)) }
                if let t = CivilDate.parseTimestamp(s) { return .date(Int32(floorDiv(t, 86_400_000_000))) }
                throw invalid(s)
            case .timestamp(let t): return .date(Int32(floorDiv(t, 86_400_000_000)))
            default: break
            }
        case .timestamp:
            switch v {
            case .string(let s):
                guard let t = CivilDate.parseTimestamp(s) else { throw invalid(s) }
                return .timestamp(t)
            case .date(let d): return .timestamp(Int64(d) * 86_400_000_000)
            default: break
            }
        case .interval:
            if case .string(let s) = v {
                guard let i = Interval.parse(s, unit: nil) else { throw invalid(s) }
                return .interval(i)
            }
        case .binary:
            // Text becomes its UTF-8 bytes, or the bytes its `\x…` hex form spells.
            if case .string(let s) = v {
                if s.hasPrefix("\\x") {
                    guard let b = ScalarValue.bytes(hex: String(s.dropFirst(2))) else { throw invalid(s) }
                    return .binary(b)
                }
                return .binary(Array(s.utf8))
            }
        }
        throw PlanError(.execution, "cannot cast \(v.dataType.sqlName) to \(type.sqlName)")
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
