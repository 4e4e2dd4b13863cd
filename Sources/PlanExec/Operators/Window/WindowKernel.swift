import PlanCore

/// The typed fast paths of the window functions most queries use, writing straight into a
/// column's buffer instead of making a value per row: `row_number`, `rank`, `dense_rank`,
/// and running `count`/`sum` over integers and decimals (the default frame, or ROWS from
/// UNBOUNDED PRECEDING to CURRENT ROW; no FILTER, no DISTINCT). Their answers must equal
/// the general evaluators' (`WindowFunctionEvaluator`), which handle everything else;
/// `WindowTests` checks them against those on the same rows.
struct WindowKernel {
    enum Kind { case rowNumber, rank, denseRank, runningCount, runningSum }
    let kind: Kind
    let inputs: WindowCallInputs
    private var integers: [Int64] = []
    private var decimals: [Int128] = []
    private var valid: [Bool] = []
    private var hasNull = false
    /// A running sum's argument at a row, read from its buffer: made once, since switching
    /// on the column's values at every row retained and released the buffer each time
    /// (a third of a running sum over 1.5 million small partitions).
    private let argValue: ((Int) -> Int128)?
    /// Whether the argument has NULLs to skip (else no row's validity is read).
    private let argHasNulls: Bool

    /// The kernel for a call, or nil when the general evaluators must compute it.
    init?(_ c: WindowCallInputs, capacity: Int) {
        inputs = c
        argHasNulls = (c.args.first?.nullCount ?? 0) > 0
        argValue = c.args.first.flatMap(Self.integerValue)
        let call = c.call
        switch call.function {
        case .rowNumber: kind = .rowNumber
        case .rank: kind = .rank
        case .denseRank: kind = .denseRank
        case .aggregate(let f) where (f == .count || f == .sum) && call.filter == nil && !call.distinct:
            let runningRows = WindowFrame(.rows, start: .unboundedPreceding, end: .currentRow)
            guard call.frame == .default || call.frame == runningRows else { return nil }
            if f == .count {
                kind = .runningCount
            } else {
                guard let arg = c.args.first else { return nil }
                switch arg.values {
                case .int16, .int32, .int64: guard c.resultType == .int64 else { return nil }
                case .decimal where arg.dataType != .numeric: guard c.resultType.isDecimal else { return nil }
                default: return nil
                }
                kind = .runningSum
            }
        default: return nil
        }
        if c.resultType.isDecimal { decimals.reserveCapacity(capacity) } else { integers.reserveCapacity(capacity) }
        valid.reserveCapacity(capacity)
    }

    /// Row `r`'s value of an integer or fixed-scale decimal column, as `Int128`.
    private static func integerValue(_ column: ColumnVector) -> ((Int) -> Int128)? {
        switch column.values {
        case .int16(let a): { Int128(a[$0]) }
        case .int32(let a): { Int128(a[$0]) }
        case .int64(let a): { Int128(a[$0]) }
        case .decimal(let a) where column.dataType != .numeric: { a[$0] }
        default: nil
        }
    }

    /// Appends the call's values for one partition, in its order.
    mutating func append(_ p: WindowPartition) throws(PlanError) {
        let m = p.count
        switch kind {
        case .rowNumber: for j in 0..<m { integers.append(Int64(j) + 1) }  // safe: a position is below Int64.max
        case .rank: for j in 0..<m { integers.append(Int64(p.groupStart(j)) + 1) }  // safe: a position is below Int64.max
        case .denseRank: for j in 0..<m { integers.append(Int64(p.group[j]) + 1) }  // safe: a group number is below Int64.max
        case .runningCount, .runningSum: try running(p)
        }
    }

    /// Running count or sum: with the default frame a row's value is its last peer's (RANGE
    /// takes the peers in); with ROWS, its own.
    private mutating func running(_ p: WindowPartition) throws(PlanError) {
        let m = p.count, base = p.rows.startIndex
        let peers = inputs.call.frame == .default
        let arg = inputs.args.first
        var count: Int64 = 0
        var sum: Int128 = 0
        var frameEnd = 0
        var at = 0
        while at < m {
            let end = peers ? p.groupEnd(at) : at + 1
            while frameEnd < end {
                let r = p.rows[base + frameEnd]
                frameEnd += 1
                guard let arg else { count += 1; continue }  // count(*)
                if argHasNulls, arg.isNull(r) { continue }
                count += 1
                guard kind == .runningSum, let argValue else { continue }
                let (s, o) = sum.addingReportingOverflow(argValue(r))
                if o { throw ScalarOps.overflow(inputs.resultType) }
                sum = s
            }
            for _ in at..<end {
                switch kind {
                case .runningCount: integers.append(count); valid.append(true)
                default:
                    valid.append(count > 0)
                    if count == 0 { hasNull = true }
                    if case .decimal(let precision, _) = inputs.resultType {
                        guard count == 0 || DecimalMath.fits(sum, precision: precision) else { throw ScalarOps.overflow(inputs.resultType) }
                        decimals.append(sum)
                    } else {
                        guard let s = Int64(exactly: sum) else { throw ScalarOps.overflow(.int64) }
                        integers.append(s)
                    }
                }
            }
            at = end
        }
    }

    /// The column of every value appended.
    func finish() -> ColumnVector {
        let validity = hasNull ? Bitmap(valid) : nil
        if inputs.resultType.isDecimal { return ColumnVector(inputs.resultType, .decimal(decimals), validity: validity) }
        return ColumnVector(inputs.resultType, .int64(integers), validity: validity)
    }
}
