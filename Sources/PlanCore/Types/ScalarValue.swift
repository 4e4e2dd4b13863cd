/// One SQL value. NULL is typed only by the expression that produces it.
public enum ScalarValue: Hashable, Sendable {
    case null
    case boolean(Bool)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case float32(Float)
    case float64(Double)
    /// An exact decimal: `unscaled / 10^scale`.
    case decimal(Int128, precision: Int, scale: Int)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00.
    case timestamp(Int64)
    case interval(Interval)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The type of a non-NULL value; `.null` for NULL.
    public var dataType: DataType {
        switch self {
        case .null: .null
        case .boolean: .boolean
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .float32: .float32
        case .float64: .float64
        case .decimal(_, let p, let s): .decimal(precision: p, scale: s)
        case .string: .text
        case .date: .date
        case .timestamp: .timestamp
        case .interval: .interval
        }
    }

    /// The value as an `Int64` if it is an integer.
    public var int64Value: Int64? {
        switch self {
        case .int16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .int64(let v): v
        default: nil
        }
    }

    /// The value as a `Double` if it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .int16(let v): Double(v)
        case .int32(let v): Double(v)
        case .int64(let v): Double(v)
        case .float32(let v): Double(v)
        case .float64(let v): v
        case .decimal(let u, _, let s): Double(u) / Double(DecimalMath.pow10(s))
        default: nil
        }
    }

    /// The value as SQL text would print it (`NULL`, `12.50`, `1998-09-02`, `abc`).
    public var sqlText: String {
        switch self {
        case .null: "NULL"
        case .boolean(let b): b ? "true" : "false"
        case .int16(let v): String(v)
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float32(let v): ScalarValue.formatFloat(Double(v))
        case .float64(let v): ScalarValue.formatFloat(v)
        case .decimal(let u, _, let s): DecimalMath.format(u, scale: s)
        case .string(let s): s
        case .date(let d): CivilDate.format(days: Int(d))
        case .timestamp(let t): CivilDate.format(micros: t)
        case .interval(let i): i.description
        }
    }

    static func formatFloat(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

extension ScalarValue: CustomStringConvertible {
    /// The literal as plans show it: `Int64(1)`, `Utf8("abc")`, `Decimal128(Some(1250),15,2)`…
    public var description: String {
        switch self {
        case .null: "NULL"
        case .boolean(let b): "Boolean(\(b))"
        case .int16(let v): "Int16(\(v))"
        case .int32(let v): "Int32(\(v))"
        case .int64(let v): "Int64(\(v))"
        case .float32: "Float32(\(sqlText))"
        case .float64: "Float64(\(sqlText))"
        case .decimal(let u, let p, let s): "Decimal128(Some(\(u)),\(p),\(s))"
        case .string(let s): "Utf8(\"\(s)\")"
        case .date: "Date32(\"\(sqlText)\")"
        case .timestamp: "Timestamp(\"\(sqlText)\")"
        case .interval(let i): "Interval(\"\(i)\")"
        }
    }
}
