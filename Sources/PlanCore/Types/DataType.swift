/// A SQL data type as planscope reasons about it.
///
/// Display names follow DataFusion's (`Int64`, `Decimal128(15, 2)`, `Utf8`, `Date32`) so
/// plans read the way DataFusion users expect; ``sqlName`` gives the SQL spelling.
public enum DataType: Hashable, Sendable {
    case null
    case boolean
    case int16, int32, int64
    case float32, float64
    /// Exact decimal stored as a scaled `Int128`; precision is at most 38.
    case decimal(precision: Int, scale: Int)
    /// PostgreSQL's unconstrained `NUMERIC` (`NUMERIC`/`DECIMAL` without a precision):
    /// each value has its own scale, and NaN is a value (``NumericValue``).
    case numeric
    /// `VARCHAR(n)` / `TEXT` (length `nil`).
    case varchar(length: Int?)
    /// `CHAR(n)`: blank-padded on the way in, trailing blanks ignored in comparison.
    case char(length: Int)
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01 00:00:00, no time zone.
    case timestamp
    /// `TIMESTAMP WITH TIME ZONE` (`TIMESTAMPTZ`): an instant, kept as PostgreSQL keeps
    /// it, microseconds since 1970-01-01 00:00:00 UTC; read and shown in the session's
    /// time zone (``SQLTimeZone``).
    case timestampTZ
    /// Months, days and microseconds, as PostgreSQL keeps them.
    case interval
    /// Bytes (`BINARY`, `VARBINARY`, `BLOB`, `BYTEA`); literals are written `X'0aff'`.
    case binary

    /// The largest precision a DECIMAL may have.
    public static let maxDecimalPrecision = 38

    public static let text = DataType.varchar(length: nil)

    /// What is wrong with this type's arguments (`DECIMAL(39,2)`, `VARCHAR(0)`), if
    /// anything: every place that reads a type name from a user (the binder, a pipeline
    /// spec's declared columns) refuses these, since nothing past them can hold them.
    public var argumentProblem: String? {
        switch self {
        case .decimal(let p, let s):
            if p < 1 || p > Self.maxDecimalPrecision { return "DECIMAL precision \(p) must be between 1 and \(Self.maxDecimalPrecision)" }
            if s < 0 || s > p { return "DECIMAL scale \(s) must be between 0 and the precision \(p)" }
            return nil
        case .varchar(let n?) where n < 1: return "VARCHAR length must be at least 1"
        case .char(let n) where n < 1: return "CHAR length must be at least 1"
        default: return nil
        }
    }

    public var isInteger: Bool {
        switch self { case .int16, .int32, .int64: true; default: false }
    }
    public var isFloat: Bool {
        switch self { case .float32, .float64: true; default: false }
    }
    /// A `DECIMAL(p, s)` (not the unconstrained ``numeric``).
    public var isDecimal: Bool { if case .decimal = self { true } else { false } }
    public var isNumeric: Bool { isInteger || isFloat || isDecimal || self == .numeric }
    /// Integers, `DECIMAL(p, s)` and `NUMERIC`: the types that meet as exact decimals.
    public var isExactNumeric: Bool { isInteger || isDecimal || self == .numeric }
    public var isString: Bool {
        switch self { case .varchar, .char: true; default: false }
    }
    public var isTemporal: Bool {
        switch self { case .date, .timestamp, .timestampTZ: true; default: false }
    }

    /// The decimal an exact numeric converts to without loss (integers become DECIMAL(p, 0)).
    public var asDecimal: (precision: Int, scale: Int)? {
        switch self {
        case .int16: (5, 0)
        case .int32: (10, 0)
        case .int64: (19, 0)
        case .decimal(let p, let s): (p, s)
        default: nil
        }
    }

    /// The name shown in plans (DataFusion style).
    public var displayName: String {
        switch self {
        case .null: "Null"
        case .boolean: "Boolean"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .float32: "Float32"
        case .float64: "Float64"
        case .decimal(let p, let s): "Decimal128(\(p), \(s))"
        case .numeric: "Numeric"
        case .varchar(nil): "Utf8"
        case .varchar(let n?): "Utf8(\(n))"
        case .char(let n): "Char(\(n))"
        case .date: "Date32"
        case .timestamp: "Timestamp"
        case .timestampTZ: "TimestampTz"
        case .interval: "Interval"
        case .binary: "Binary"
        }
    }

    /// The SQL spelling (`BIGINT`, `DECIMAL(15,2)`, `VARCHAR(25)`).
    public var sqlName: String {
        switch self {
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .int16: "SMALLINT"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .float32: "REAL"
        case .float64: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .numeric: "NUMERIC"
        case .varchar(nil): "TEXT"
        case .varchar(let n?): "VARCHAR(\(n))"
        case .char(let n): "CHAR(\(n))"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .timestampTZ: "TIMESTAMPTZ"
        case .interval: "INTERVAL"
        case .binary: "BINARY"
        }
    }
}

extension DataType {
    /// The type as PostgreSQL names it in messages ("function … does not exist",
    /// "operator does not exist: …").
    public var postgresName: String {
        switch self {
        case .float64: "double precision"
        case .float32: "real"
        case .decimal, .numeric: "numeric"
        case .null: "unknown"
        case .varchar(nil): "text"
        case .varchar: "character varying"
        case .char: "character"
        case .timestamp: "timestamp without time zone"
        case .timestampTZ: "timestamp with time zone"
        case .binary: "bytea"
        default: sqlName.lowercased()
        }
    }
}

extension DataType: CustomStringConvertible {
    public var description: String { displayName }
}

// MARK: - Coercion

extension DataType {
    /// Integer width rank, for promotion.
    var integerRank: Int {
        switch self { case .int16: 1; case .int32: 2; case .int64: 3; default: 0 }
    }

    /// The common type two values are compared or combined in, or `nil` when none exists.
    ///
    /// Rules (PostgreSQL's, simplified): NULL adopts the other side; integers widen;
    /// an exact numeric meeting a decimal becomes a decimal wide enough for both, and meeting
    /// an unconstrained NUMERIC a NUMERIC; anything
    /// meeting a float becomes `Float64`; strings meet strings; a string literal meets a
    /// date or timestamp as that temporal type; DATE meets TIMESTAMP as TIMESTAMP, and either
    /// meets TIMESTAMPTZ as TIMESTAMPTZ.
    public static func commonType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        switch (a, b) {
        case (.null, _): return b
        case (_, .null): return a
        default: break
        }
        if a.isNumeric && b.isNumeric {
            if a.isFloat || b.isFloat { return .float64 }
            if a == .numeric || b == .numeric { return .numeric }
            if a.isInteger && b.isInteger { return a.integerRank >= b.integerRank ? a : b }
            guard let (p1, s1) = a.asDecimal, let (p2, s2) = b.asDecimal else { return .float64 }
            let scale = max(s1, s2)
            let whole = max(p1 - s1, p2 - s2)
            return .decimal(precision: min(whole + scale, maxDecimalPrecision), scale: scale)
        }
        if a.isString && b.isString { return .text }
        // PostgreSQL's preferred date/time type is `timestamptz`: a timestamp or date
        // meeting one is read in the session's time zone.
        if a.isTemporal && b.isTemporal { return a == .timestampTZ || b == .timestampTZ ? .timestampTZ : .timestamp }
        if a.isString && b.isTemporal { return b }
        if a.isString && b == .binary || a == .binary && b.isString { return .binary }
        if a.isTemporal && b.isString { return a }
        return nil
    }
}
