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
    /// A value of the unconstrained `NUMERIC` (its own scale, or NaN).
    case numeric(NumericValue)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00.
    case timestamp(Int64)
    /// A `TIMESTAMPTZ`: microseconds since 1970-01-01 00:00:00 UTC.
    case timestampTZ(Int64)
    case interval(Interval)
    /// Bytes (`X'0aff'`).
    case binary([UInt8])

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
        case .numeric: .numeric
        case .string: .text
        case .date: .date
        case .timestamp: .timestamp
        case .timestampTZ: .timestampTZ
        case .interval: .interval
        case .binary: .binary
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
        case .decimal(let u, _, let s): Double(u) / Double(DecimalMath.pow10(scale: s))  // safe: Double
        case .numeric(let n): n.doubleValue
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
        case .float32(let v): ScalarValue.formatFloat(v)
        case .float64(let v): ScalarValue.formatFloat(v)
        case .decimal(let u, _, let s): DecimalMath.format(u, scale: s)
        case .numeric(let n): n.text
        case .string(let s): s
        case .date(let d): DateTimeText.format(days: Int(d))  // safe: widening Int32 to Int
        case .timestamp(let t): DateTimeText.format(micros: t)
        case .timestampTZ(let t): DateTimeText.format(utcMicros: t, zone: .utc)
        case .interval(let i): i.description
        case .binary(let b): ScalarValue.hex(b)
        }
    }

    /// The value as PostgreSQL's output function writes it, which is what `concat` makes
    /// of it: ``sqlText``, except that a boolean is `t` or `f`. (`CAST(b AS TEXT)` and
    /// `||` write `true`/`false`, as PostgreSQL's boolean-to-text cast does, and so does
    /// result display: the sqllogictest format and the cross-check spell booleans so.)
    public var outputText: String {
        if case .boolean(let b) = self { return b ? "t" : "f" }
        return sqlText
    }

    /// ``sqlText`` with a `TIMESTAMPTZ` written in `zone` (`2024-03-10 02:30:00+01`), as
    /// results are shown in the session's time zone; other values as ``sqlText``.
    public func sqlText(in zone: SQLTimeZone) -> String {
        if case .timestampTZ(let t) = self { return DateTimeText.format(utcMicros: t, zone: zone) }
        return sqlText
    }

    /// Bytes as PostgreSQL prints `bytea`: `\x0aff`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = "\\x"
        for b in bytes { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 15)]) }
        return s
    }

    /// Bytes from hex digits (`0aff`), nil if a digit is not hex or their number is odd.
    public static func bytes(hex text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 65...70: c - 55
            case 97...102: c - 87
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// The value as a SQL literal: `NULL`, `TRUE`, `12.50`, `'it''s'`, `DATE '1998-09-02'`.
    public var sqlLiteral: String {
        switch self {
        case .null: "NULL"
        case .boolean(let b): b ? "TRUE" : "FALSE"
        case .string(let s): "'" + Text.replacing("'", with: "''", in: s) + "'"
        case .date: "DATE '\(sqlText)'"
        case .timestamp: "TIMESTAMP '\(sqlText)'"
        case .timestampTZ: "TIMESTAMPTZ '\(sqlText)'"
        case .interval: "INTERVAL '\(sqlText)'"
        case .binary(let b): "X'" + ScalarValue.hex(b).dropFirst(2) + "'"
        default: sqlText
        }
    }

    /// A `double precision` as PostgreSQL writes it (`float8out`): the shortest digits
    /// that read back as the same value, in plain notation when the decimal exponent is
    /// from -4 to 14 and as `1.5e+15` / `1e-05` otherwise; `-0`, `Infinity`, `NaN`.
    public static func formatFloat(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return shortestText(String(v), negative: v.sign == .minus, plainBelow: 15)
    }

    /// A `real` as PostgreSQL writes it (`float4out`): as ``formatFloat(_:)`` with the
    /// shortest digits of a 32-bit float, plain for decimal exponents from -4 to 5.
    public static func formatFloat(_ v: Float) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return shortestText(String(v), negative: v.sign == .minus, plainBelow: 6)
    }

    /// Rewrites Swift's shortest round-trip text of a finite float (`1e-05`, `1.5`,
    /// `1000000.0`, `1.2345e+16`) in PostgreSQL's layout: digits `d1d2…` with decimal
    /// exponent `e` are plain when `-4 <= e < plainBelow`, else `d1.d2…e±XX`.
    static func shortestText(_ swift: String, negative: Bool, plainBelow: Int) -> String {
        var mantissa = Substring(swift), exponent = 0
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swift[..<e]
            exponent = Int(swift[swift.index(after: e)...].drop(while: { $0 == "+" })) ?? 0  // safe: a failable parse of a double's exponent (|e| < 400)
        }
        if mantissa.hasPrefix("-") { mantissa = mantissa.dropFirst() }
        let whole = mantissa.prefix(while: { $0 != "." })
        let fraction = mantissa.dropFirst(whole.count + 1)  // safe: a count of at most a few hundred characters
        // All digits, and the exponent of the first significant one.
        var digits = Array(whole + fraction)  // safe: strings
        var point = whole.count + exponent  // safe: counts and exponents of a double text, below 1000 (digits before the point)
        while digits.first == "0", digits.count > 1 { digits.removeFirst(); point -= 1 }
        while digits.last == "0", digits.count > 1 { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits == ["0"] { return sign + "0" }
        let e = point - 1  // safe: below 1000
        if e >= -4 && e < plainBelow {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }  // safe: strings; point > -1000
            if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }  // safe: strings; counts below 1000
            return sign + String(digits[..<point]) + "." + String(digits[point...])  // safe: strings
        }
        let head = String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")  // safe: strings
        let magnitude = String(e.magnitude)
        return sign + head + "e" + (e < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude  // safe: strings
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
        case .numeric(let n): "Numeric(\(n.text))"
        case .string(let s): "Utf8(\"\(s)\")"
        case .date: "Date32(\"\(sqlText)\")"
        case .timestamp: "Timestamp(\"\(sqlText)\")"
        case .timestampTZ: "TimestampTz(\"\(sqlText)\")"
        case .interval(let i): "Interval(\"\(i)\")"
        case .binary(let b): "Binary(\"\(ScalarValue.hex(b).dropFirst(2))\")"
        }
    }
}

// MARK: - Equality as grouping sees it

extension ScalarValue {
    /// Equal as GROUP BY, DISTINCT, set operations, IN lists and join keys see values
    /// (PostgreSQL's rule for floats): NaN equals NaN whatever its payload, and -0.0
    /// equals 0.0; NUMERIC values are equal by value (`1.5` and `1.50`); texts by their
    /// code points (``Text``), never by Swift's canonical equivalence. Values of different
    /// types are never equal here.
    public static func == (a: ScalarValue, b: ScalarValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.boolean(let x), .boolean(let y)): x == y
        case (.int16(let x), .int16(let y)): x == y
        case (.int32(let x), .int32(let y)): x == y
        case (.int64(let x), .int64(let y)): x == y
        case (.float32(let x), .float32(let y)): x.groupingBits == y.groupingBits
        case (.float64(let x), .float64(let y)): x.groupingBits == y.groupingBits
        case (.decimal(let x, let p, let s), .decimal(let y, let q, let t)): x == y && p == q && s == t
        case (.numeric(let x), .numeric(let y)): x == y
        case (.string(let x), .string(let y)): Text.equal(x, y)
        case (.date(let x), .date(let y)): x == y
        case (.timestamp(let x), .timestamp(let y)): x == y
        case (.timestampTZ(let x), .timestampTZ(let y)): x == y
        case (.interval(let x), .interval(let y)): x == y
        case (.binary(let x), .binary(let y)): x == y
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .boolean(let x): hasher.combine(1 as UInt8); hasher.combine(x)
        case .int16(let x): hasher.combine(2 as UInt8); hasher.combine(x)
        case .int32(let x): hasher.combine(3 as UInt8); hasher.combine(x)
        case .int64(let x): hasher.combine(4 as UInt8); hasher.combine(x)
        case .float32(let x): hasher.combine(5 as UInt8); hasher.combine(x.groupingBits)
        case .float64(let x): hasher.combine(6 as UInt8); hasher.combine(x.groupingBits)
        case .decimal(let x, let p, let s): hasher.combine(7 as UInt8); hasher.combine(x); hasher.combine(p); hasher.combine(s)
        case .string(let x): hasher.combine(8 as UInt8); Text.hash(x, into: &hasher)
        case .date(let x): hasher.combine(9 as UInt8); hasher.combine(x)
        case .timestamp(let x): hasher.combine(10 as UInt8); hasher.combine(x)
        case .interval(let x): hasher.combine(11 as UInt8); hasher.combine(x)
        case .binary(let x): hasher.combine(12 as UInt8); hasher.combine(x)
        case .numeric(let x): hasher.combine(13 as UInt8); hasher.combine(x)
        case .timestampTZ(let x): hasher.combine(14 as UInt8); hasher.combine(x)
        }
    }
}

extension BinaryFloatingPoint {
    /// The bits that identify this value for grouping and hashing: every NaN is one
    /// value, and -0.0 is 0.0.
    @inlinable public var groupingBits: UInt64 {
        if isNaN { return UInt64.max }
        if self == 0 { return 0 }
        return UInt64(truncatingIfNeeded: Double(self).bitPattern)
    }
}
