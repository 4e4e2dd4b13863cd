import PlanCore

/// Sort keys packed into one integer a row when they fit: per key a NULL flag (when the
/// column has NULLs) and the value's distance from the column's smallest value (from its
/// largest for DESC), then the row's number, so plain integer order is the keys' order with
/// ties in input order — the order the comparator sort gives, found without comparing
/// values. A `UInt64` a row when the keys and the row number fit in 64 bits, else a
/// `UInt128` (four TPC-H keys such as `l_suppkey, l_shipdate, l_orderkey, l_linenumber`
/// over six million rows take 75). Integers, dates, timestamps and fixed-scale decimals
/// qualify; any other key (text, doubles, NUMERIC), or keys needing more than 128 bits with
/// the row number, leave the sort to the comparator (`nil`).
enum PackedSortKeys {
    static func order(columns: [ColumnVector], keys: [SortExpr], rowCount n: Int, workers: Int = 1) throws -> [Int]? {
        guard n > 1 else { return n == 1 ? [0] : [] }
        let indexBits = bitWidth(UInt64(n - 1))
        var packers: [Packer] = []
        var total = indexBits
        for (column, key) in zip(columns, keys) {
            guard let p = Packer(column, key) else { return nil }
            total += p.bits
            if total > 128 { return nil }
            packers.append(p)
        }
        if total <= 64 { return try order(UInt64.self, packers, indexBits: indexBits, rowCount: n, workers: workers) }
        return try order(UInt128.self, packers, indexBits: indexBits, rowCount: n, workers: workers)
    }

    /// The row order from codes of type `Code` (wide enough for the keys and the row number).
    static func order<Code: FixedWidthInteger & UnsignedInteger & Sendable>(
        _: Code.Type, _ packers: [Packer], indexBits: Int, rowCount n: Int, workers: Int
    ) throws -> [Int] {
        var packed = [Code](repeating: 0, count: n)
        for p in packers where p.bits > 0 { p.append(to: &packed) }
        for i in 0..<n { packed[i] = packed[i] << Code(indexBits) | Code(i) }
        packed = try sorted(packed, workers: workers)
        let mask: Code = indexBits == Code.bitWidth ? ~0 : (1 << Code(indexBits)) - 1
        return packed.map { Int(truncatingIfNeeded: $0 & mask) }
    }

    static func bitWidth(_ x: UInt64) -> Int { x == 0 ? 0 : 64 - x.leadingZeroBitCount }

    /// `codes` in ascending order: large inputs cut into one range per worker, each sorted
    /// on its own thread (the caller sorts the first; `Pending.wait` runs any range no
    /// worker took), and the sorted ranges merged. Codes are distinct (they end in the row
    /// number), so any split gives the same order.
    static func sorted<Code: FixedWidthInteger & Sendable>(_ codes: [Code], workers: Int) throws -> [Code] {
        let n = codes.count
        let parts = n >= 65_536 ? max(1, min(workers, n / 32_768)) : 1
        guard parts > 1 else { return codes.sorted() }
        let bounds = (0...parts).map { $0 * n / parts }
        let helpers = (1..<parts).map { p in ExecutionRuntime.shared.start { codes[bounds[p]..<bounds[p + 1]].sorted() } }
        var runs = [codes[bounds[0]..<bounds[1]].sorted()]
        for h in helpers { runs.append(try h.wait()) }
        return mergeSortedRuns(runs, <)
    }

    /// One key column's codes: `bits` wide, in the key's order.
    struct Packer {
        let value: (Int) -> Int128
        let column: ColumnVector
        let low: Int128, high: Int128
        let ascending: Bool
        let nullsFirst: Bool
        let hasNulls: Bool
        let valueBits: Int
        var bits: Int { valueBits + (hasNulls ? 1 : 0) }

        init?(_ column: ColumnVector, _ key: SortExpr) {
            switch column.values {
            case .int16(let a): value = { Int128(a[$0]) }
            case .int32(let a), .date(let a): value = { Int128(a[$0]) }
            case .int64(let a), .timestamp(let a): value = { Int128(a[$0]) }
            case .decimal(let a) where column.dataType != .numeric: value = { a[$0] }
            case .null: value = { _ in 0 }
            default: return nil
            }
            self.column = column
            ascending = key.ascending
            nullsFirst = key.nullsFirst
            hasNulls = column.nullCount > 0
            var lo: Int128?, hi: Int128?
            if case .null = column.values {} else {
                for i in 0..<column.count where !column.isNull(i) {
                    let v = value(i)
                    if lo.map({ v < $0 }) ?? true { lo = v }
                    if hi.map({ v > $0 }) ?? true { hi = v }
                }
            }
            low = lo ?? 0
            high = hi ?? 0
            let (range, overflow) = high.subtractingReportingOverflow(low)
            guard !overflow, let width = UInt64(exactly: range) else { return nil }
            valueBits = PackedSortKeys.bitWidth(width)
        }

        /// Shifts each row's code so far left by `bits` and adds this key's code.
        func append<Code: FixedWidthInteger & UnsignedInteger>(to packed: inout [Code]) {
            let nullFlag: Code = nullsFirst ? 0 : 1
            let shift = Code(bits), valueShift = Code(valueBits)
            for i in packed.indices {
                var code: Code
                if column.isNull(i) {
                    code = nullFlag << valueShift
                } else {
                    let v = value(i)
                    // safe: low <= v <= high, and high - low fits in UInt64 (checked in init)
                    code = Code(truncatingIfNeeded: ascending ? v - low : high - v)
                    if hasNulls { code |= (1 - nullFlag) << valueShift }
                }
                packed[i] = packed[i] << shift | code
            }
        }
    }
}
