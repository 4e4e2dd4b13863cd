import PlanCore
import PlanExec

/// How one planscope column is stored in a Parquet file: its schema element (physical and
/// logical type, always OPTIONAL, so NULLs are definition levels) and its values turned
/// into physical values. The inverse of what ``ParquetColumn`` reads:
///
///     BOOLEAN → BOOLEAN           SMALLINT → INT32 INTEGER(16)    INTEGER → INT32
///     BIGINT → INT64              REAL → FLOAT                    DOUBLE → DOUBLE
///     DECIMAL(p ≤ 9) → INT32      DECIMAL(p ≤ 18) → INT64         DECIMAL(p > 18) → FIXED_LEN_BYTE_ARRAY
///     TEXT, VARCHAR, CHAR → BYTE_ARRAY STRING                     BINARY → BYTE_ARRAY
///     DATE → INT32 DATE           TIMESTAMP → INT64 TIMESTAMP(micros, not UTC-adjusted)
///     NULL (a column of only NULLs) → INT32, every row NULL
///
/// NUMERIC without a precision and INTERVAL have no Parquet type that reads back as
/// they are: writing one is an error naming the column and the cast that makes it work.
struct LeafColumn {
    let element: SchemaElement
    let dataType: DataType

    var physicalType: PhysicalType { element.type ?? .byteArray }
    var typeLength: Int { Int(element.typeLength ?? 0) }

    init(_ field: Field) throws(PlanError) {
        dataType = field.dataType
        var e = SchemaElement()
        e.name = field.name
        e.repetition = .optional
        func fail(_ why: String) -> PlanError {
            PlanError(.unsupported, "cannot write column '\(field.name)' to Parquet: \(why)")
        }
        switch field.dataType {
        case .null: e.type = .int32
        case .boolean: e.type = .boolean
        case .int16: e.type = .int32; e.logicalType = .integer(bitWidth: 16, signed: true); e.convertedType = 16
        case .int32: e.type = .int32
        case .int64: e.type = .int64
        case .float32: e.type = .float
        case .float64: e.type = .double
        case .decimal(let p, let s):
            e.type = p <= 9 ? .int32 : (p <= 18 ? .int64 : .fixedLenByteArray)
            if p > 18 { e.typeLength = Int32(Self.decimalWidth(precision: p)) }  // safe: ≤ 16
            e.logicalType = .decimal(scale: Int32(s), precision: Int32(p))  // safe: p, s ≤ 38
            e.convertedType = 5
            e.scale = Int32(s)  // safe: ≤ 38
            e.precision = Int32(p)  // safe: ≤ 38
        case .varchar, .char: e.type = .byteArray; e.logicalType = .string; e.convertedType = 0
        case .binary: e.type = .byteArray
        case .date: e.type = .int32; e.logicalType = .date; e.convertedType = 6
        case .timestamp: e.type = .int64; e.logicalType = .timestamp(adjustedToUTC: false, unit: .micros)
        case .timestampTZ: e.type = .int64; e.logicalType = .timestamp(adjustedToUTC: true, unit: .micros)
        case .numeric: throw fail("NUMERIC without a precision has no Parquet type (CAST it to DECIMAL(p, s))")
        case .interval: throw fail("INTERVAL has no Parquet type planscope reads back (CAST it to TEXT)")
        }
        element = e
    }

    /// The bytes of a FIXED_LEN_BYTE_ARRAY decimal of `precision` digits: the fewest that
    /// hold ±(10^precision − 1) in two's complement.
    static func decimalWidth(precision: Int) -> Int {
        let bound = UInt128(DecimalMath.pow10(scale: precision))
        var n = 1
        while n < 16 && (UInt128(1) << UInt128(8 * n - 1)) < bound { n += 1 }
        return n
    }

    /// `column`'s defined rows (nil when none is NULL) and its non-NULL values in the
    /// physical type.
    func physical(_ column: ColumnVector) throws(PlanError) -> (defined: [Bool]?, values: PhysicalValues) {
        let rows = column.count
        if case .null = column.values { return (Array(repeating: false, count: rows), .int32([])) }
        let defined: [Bool]? = column.validity.map { v in (0..<rows).map { v[$0] } }
        func keep<T>(_ a: [T]) -> [T] {
            guard let defined else { return a }
            var out: [T] = []
            out.reserveCapacity(rows)
            for i in 0..<rows where defined[i] { out.append(a[i]) }
            return out
        }
        switch column.values {
        case .boolean(let a): return (defined, .boolean(keep(a)))
        case .int16(let a): return (defined, .int32(keep(a).map { Int32($0) }))
        case .int32(let a), .date(let a): return (defined, .int32(keep(a)))
        case .int64(let a), .timestamp(let a): return (defined, .int64(keep(a)))
        case .float32(let a): return (defined, .float(keep(a)))
        case .float64(let a): return (defined, .double(keep(a)))
        case .decimal(let a): return (defined, try decimals(keep(a)))
        case .string(let s):
            guard let defined else { return (nil, .bytes(s)) }
            return (defined, .bytes(s.gather((0..<rows).filter { defined[$0] })))
        case .null, .interval:
            throw PlanError(.unsupported, "cannot write column '\(element.name)' to Parquet: its values are \(dataType.sqlName)")
        }
    }

    /// Decimals as INT32, INT64 or big-endian two's-complement bytes, as the precision says.
    func decimals(_ a: [Int128]) throws(PlanError) -> PhysicalValues {
        func overflow(_ v: Int128) -> PlanError {
            PlanError(.execution, "cannot write column '\(element.name)' to Parquet: value \(v) has more digits than \(dataType.sqlName)")
        }
        /// Each value as a `T`, or the overflow error for the first that does not fit.
        func narrowed<T: FixedWidthInteger>(_: T.Type) throws(PlanError) -> [T] {
            var out = [T]()
            out.reserveCapacity(a.count)
            for v in a {
                guard let x = T(exactly: v) else { throw overflow(v) }
                out.append(x)
            }
            return out
        }
        switch physicalType {
        case .int32: return .int32(try narrowed(Int32.self))
        case .int64: return .int64(try narrowed(Int64.self))
        default:
            let width = typeLength
            let bound = DecimalMath.pow10(scale: Int(element.precision ?? 38))
            var bytes = [UInt8]()
            bytes.reserveCapacity(a.count * width)
            for v in a {
                guard v > -bound, v < bound else { throw overflow(v) }
                let bits = UInt128(bitPattern: v)
                for k in stride(from: width - 1, through: 0, by: -1) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt128(8 * k))) }
            }
            let offsets = (0...a.count).map { Int32(truncatingIfNeeded: $0 * width) }
            return .bytes(StringArray(offsets: offsets, bytes: bytes))
        }
    }
}
