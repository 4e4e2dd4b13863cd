import PlanCore
import PlanExec

extension ParquetColumn {
    /// The column's values from a chunk's non-NULL physical `values` and, for an optional
    /// column, which of its `rows` rows are defined (nil: all). NULL rows hold zeros.
    func makeVector(_ values: PhysicalValues, defined allDefined: [Bool]?, rows: Int) throws(DecodeError) -> ColumnVector {
        // An optional column's chunk without NULLs (most chunks of most files) is read as a
        // required one's: no validity, no spreading.
        let defined = allDefined.flatMap { $0.contains(false) ? $0 : nil }
        let validity = defined.map { Bitmap($0) }
        /// `a` spread over the rows: the k-th value goes to the k-th defined row.
        func spread<T>(_ a: [T], zero: T) -> [T] {
            guard let defined else { return a }
            var out = [T](repeating: zero, count: rows)
            var k = 0
            for i in 0..<rows where defined[i] { out[i] = a[k]; k += 1 }
            return out
        }
        func fail(_ message: String) -> DecodeError { DecodeError(message, at: 0) }
        switch (conversion, values) {
        case (.boolean, .boolean(let a)): return ColumnVector(.boolean, .boolean(spread(a, zero: false)), validity: validity)
        case (.int32, .int32(let a)): return ColumnVector(.int32, .int32(spread(a, zero: 0)), validity: validity)
        case (.int16, .int32(let a)):
            var out = [Int16]()
            out.reserveCapacity(a.count)
            for v in a {
                guard let x = Int16(exactly: v) else { throw fail("value \(v) does not fit the column's 16-bit type") }
                out.append(x)
            }
            return ColumnVector(.int16, .int16(spread(out, zero: 0)), validity: validity)
        case (.uint32, .int32(let a)):
            return ColumnVector(.int64, .int64(spread(a.map { Int64(UInt32(bitPattern: $0)) }, zero: 0)), validity: validity)
        case (.int64, .int64(let a)): return ColumnVector(.int64, .int64(spread(a, zero: 0)), validity: validity)
        case (.uint64, .int64(let a)):
            return ColumnVector(dataType, .decimal(spread(a.map { Int128(UInt64(bitPattern: $0)) }, zero: 0)), validity: validity)
        case (.float32, .float(let a)): return ColumnVector(.float32, .float32(spread(a, zero: 0)), validity: validity)
        case (.float64, .double(let a)): return ColumnVector(.float64, .float64(spread(a, zero: 0)), validity: validity)
        case (.date, .int32(let a)): return ColumnVector(.date, .date(spread(a, zero: 0)), validity: validity)
        case (.timestamp(let unit), .int64(let a)):
            var out = [Int64]()
            out.reserveCapacity(a.count)
            for v in a {
                switch unit {
                case .micros: out.append(v)
                case .nanos: out.append(v / 1000)
                case .millis:
                    let (x, o) = v.multipliedReportingOverflow(by: 1000)
                    guard !o else { throw fail("timestamp \(v) ms is out of range") }
                    out.append(x)
                }
            }
            return ColumnVector(.timestamp, .timestamp(spread(out, zero: 0)), validity: validity)
        case (.int96, .bytes(let s)):
            var out = [Int64]()
            out.reserveCapacity(s.count)
            for i in 0..<s.count {
                let r = s.range(i)
                guard r.count == 12 else { throw fail("an INT96 value of \(r.count) bytes") }
                var nanos: UInt64 = 0
                for k in 0..<8 { nanos |= UInt64(s.bytes[r.lowerBound + k]) << UInt64(8 * k) }
                var day: UInt32 = 0
                for k in 0..<4 { day |= UInt32(s.bytes[r.lowerBound + 8 + k]) << UInt32(8 * k) }
                // safe: |day − 2440588| < 2^32 and · 86,400,000,000 < 2^69 is checked below.
                let days = Int64(day) - 2_440_588
                let (dayMicros, o1) = days.multipliedReportingOverflow(by: 86_400_000_000)
                guard nanos <= 86_400_000_000_000, !o1 else { throw fail("an INT96 timestamp is out of range") }
                let (x, o2) = dayMicros.addingReportingOverflow(Int64(nanos / 1000))
                guard !o2 else { throw fail("an INT96 timestamp is out of range") }
                out.append(x)
            }
            return ColumnVector(.timestamp, .timestamp(spread(out, zero: 0)), validity: validity)
        case (.string, .bytes(let s)), (.binary, .bytes(let s)):
            guard let defined else { return ColumnVector(dataType, .string(s)) }
            var out = StringArray()
            out.reserve(rows, bytes: s.bytes.count)
            var k = 0
            for i in 0..<rows {
                if defined[i] { out.append(utf8: s.bytes[s.range(k)]); k += 1 } else { out.appendEmpty() }
            }
            return ColumnVector(dataType, .string(out), validity: validity)
        case (.decimal, .int32(let a)): return ColumnVector(dataType, .decimal(spread(a.map { Int128($0) }, zero: 0)), validity: validity)
        case (.decimal, .int64(let a)): return ColumnVector(dataType, .decimal(spread(a.map { Int128($0) }, zero: 0)), validity: validity)
        case (.decimal(let precision, _), .bytes(let s)):
            var out = [Int128]()
            out.reserveCapacity(s.count)
            let bound = DecimalMath.pow10(scale: precision)
            for i in 0..<s.count {
                let v = try Self.bigEndianInteger(s.bytes[s.range(i)])
                guard v > -bound, v < bound else { throw fail("a decimal value has more than \(precision) digits") }
                out.append(v)
            }
            return ColumnVector(dataType, .decimal(spread(out, zero: 0)), validity: validity)
        default:
            throw fail("the column's pages hold \(physicalType) values that cannot be read as \(dataType.sqlName)")
        }
    }

    /// A big-endian two's-complement integer of up to 16 significant bytes.
    static func bigEndianInteger(_ bytes: ArraySlice<UInt8>) throws(DecodeError) -> Int128 {
        guard let first = bytes.first else { return 0 }
        let negative = first & 0x80 != 0
        var significant = bytes[...]
        while significant.count > 16, let b = significant.first, b == (negative ? 0xff : 0) { significant = significant.dropFirst() }
        guard significant.count <= 16 else { throw DecodeError("a decimal of \(bytes.count) bytes does not fit 128 bits", at: 0) }
        var v: UInt128 = negative ? ~0 : 0
        for b in significant { v = (v << 8) | UInt128(b) }
        return Int128(bitPattern: v)
    }
}
