import PlanCore

/// Footer and page-index statistics as values of the column's type, and values as the
/// PLAIN bytes a bloom filter hashes. Every answer is nil when in doubt (a sort order the
/// bytes may not follow, NaN, bytes that are not whole UTF-8), and a caller keeps the
/// data it cannot judge.
extension ParquetColumn {
    /// A min or max of the column's statistics (PLAIN bytes of its physical type) as a
    /// value of ``dataType``.
    public func statisticsValue(_ bytes: [UInt8]) -> ScalarValue? {
        func int32() -> Int32? {
            guard bytes.count == 4 else { return nil }
            return Int32(bitPattern: UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        }
        func int64() -> Int64? {
            guard bytes.count == 8 else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[k]) << UInt64(8 * k) }
            return Int64(bitPattern: v)
        }
        switch conversion {
        case .boolean: return bytes.count == 1 ? .boolean(bytes[0] != 0) : nil
        case .int16: return int32().flatMap { Int16(exactly: $0) }.map(ScalarValue.int16)
        case .int32: return int32().map(ScalarValue.int32)
        case .date: return int32().map(ScalarValue.date)
        case .uint32: return int32().map { .int64(Int64(UInt32(bitPattern: $0))) }
        case .int64: return int64().map(ScalarValue.int64)
        case .uint64: return int64().map { .decimal(Int128(UInt64(bitPattern: $0)), precision: 20, scale: 0) }
        case .float32:
            guard let b = int32() else { return nil }
            let v = Float(bitPattern: UInt32(bitPattern: b))
            return v.isNaN ? nil : .float32(v)
        case .float64:
            guard let b = int64() else { return nil }
            let v = Double(bitPattern: UInt64(bitPattern: b))
            return v.isNaN ? nil : .float64(v)
        case .timestamp(let unit):
            guard let v = int64() else { return nil }
            // UTC-adjusted columns are TIMESTAMPTZ: their bounds are instants.
            let utc = dataType == .timestampTZ
            func value(_ micros: Int64) -> ScalarValue { utc ? .timestampTZ(micros) : .timestamp(micros) }
            switch unit {
            case .micros: return value(v)
            case .nanos: return value(v / 1000)  // as the reader truncates values
            case .millis:
                let (x, o) = v.multipliedReportingOverflow(by: 1000)
                return o ? nil : value(x)
            }
        case .string:
            // Truncated statistics may cut a character: such bytes are not judged.
            guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
            return .string(s)
        case .decimal(let precision, let scale):
            let v: Int128?
            switch physicalType {
            case .int32: v = int32().map { Int128($0) }
            case .int64: v = int64().map { Int128($0) }
            default: v = bytes.isEmpty ? nil : try? Self.bigEndianInteger(bytes[...])
            }
            return v.map { .decimal($0, precision: precision, scale: scale) }
        case .binary, .int96, .none: return nil
        }
    }

    /// Whether the deprecated `min`/`max` statistics (signed order of the physical type)
    /// order this column as its type does: signed integers, floats, dates, timestamps and
    /// integer-backed decimals; never unsigned integers or byte arrays.
    var legacyStatisticsOrderIsTypeOrder: Bool {
        switch conversion {
        case .boolean, .int16, .int32, .int64, .date, .timestamp, .float32, .float64: true
        case .decimal: physicalType == .int32 || physicalType == .int64
        default: false
        }
    }

    /// The least and greatest non-NULL values `statistics` give for the column (nil when
    /// unknown). A float column's maximum is always unknown: NaN sorts above every number
    /// in planscope and Parquet statistics leave NaN out.
    public func bounds(_ statistics: ColumnStatistics?) -> (min: ScalarValue?, max: ScalarValue?) {
        guard let statistics else { return (nil, nil) }
        let (minBytes, maxBytes) = statisticsBytes(statistics)
        return pageBounds(min: minBytes, max: maxBytes)
    }

    /// The min and max bytes of `statistics` in the column's order: `min_value`/`max_value`,
    /// else the deprecated `min`/`max` where their signed order is the column's.
    public func statisticsBytes(_ statistics: ColumnStatistics) -> (min: [UInt8]?, max: [UInt8]?) {
        let legacy = legacyStatisticsOrderIsTypeOrder
        return (statistics.minValue ?? (legacy ? statistics.legacyMin : nil), statistics.maxValue ?? (legacy ? statistics.legacyMax : nil))
    }

    /// A page's min and max from the column index (same order as `min_value`/`max_value`).
    public func pageBounds(min: [UInt8]?, max: [UInt8]?) -> (min: ScalarValue?, max: ScalarValue?) {
        let isFloat = conversion == .float32 || conversion == .float64
        return (min.flatMap(statisticsValue), isFloat ? nil : max.flatMap(statisticsValue))
    }

    /// `value` as the PLAIN bytes a bloom filter hashes for this column, or nil when the
    /// value is not exactly one of the column's (then the filter cannot be asked).
    public func bloomBytes(_ value: ScalarValue) -> [UInt8]? {
        guard !value.isNull, let v = try? ScalarOps.cast(value, to: dataType), ScalarOps.compare(v, value) == 0 else { return nil }
        func le<T: FixedWidthInteger>(_ x: T) -> [UInt8] { withUnsafeBytes(of: x.littleEndian) { Array($0) } }
        switch (conversion, v) {
        case (.int16, .int16(let x)): return le(Int32(x))
        case (.int32, .int32(let x)): return le(x)
        case (.date, .date(let x)): return le(x)
        case (.uint32, .int64(let x)): return UInt32(exactly: x).map(le)
        case (.int64, .int64(let x)): return le(x)
        case (.uint64, .decimal(let x, _, 0)): return UInt64(exactly: x).map(le)
        // ±0 and NaN have several bit patterns that compare equal.
        case (.float32, .float32(let x)): return x == 0 || x.isNaN ? nil : le(x.bitPattern)
        case (.float64, .float64(let x)): return x == 0 || x.isNaN ? nil : le(x.bitPattern)
        case (.timestamp(.micros), .timestamp(let x)), (.timestamp(.micros), .timestampTZ(let x)): return le(x)
        case (.timestamp(.millis), .timestamp(let x)), (.timestamp(.millis), .timestampTZ(let x)): return x % 1000 == 0 ? le(x / 1000) : nil
        case (.string, .string(let s)): return Array(s.utf8)
        case (.decimal, .decimal(let x, _, _)):
            switch physicalType {
            case .int32: return Int32(exactly: x).map(le)
            case .int64: return Int64(exactly: x).map(le)
            case .fixedLenByteArray:
                guard typeLength > 0, typeLength <= 16 else { return nil }
                let bits = UInt128(bitPattern: x)
                return (0..<typeLength).reversed().map { UInt8(truncatingIfNeeded: bits >> UInt128(8 * $0)) }
            default: return nil
            }
        default: return nil
        }
    }
}
