import PlanCore

/// One window call's inputs, evaluated over every input row: the arguments and FILTER.
struct WindowCallInputs {
    let call: WindowCall
    let resultType: DataType
    let args: [ColumnVector]
    let filter: ColumnVector?
    let frame: WindowFrameBounds

    /// Whether row `r` takes part in the call (its FILTER holds).
    @inline(__always) func included(_ r: Int) -> Bool {
        guard let filter else { return true }
        return ScalarOps.isTrue(filter.value(r))
    }
}

/// Computes one window call over one partition: its values in the partition's order.
enum WindowFunctionEvaluator {
    static func evaluate(_ c: WindowCallInputs, _ p: WindowPartition) throws(PlanError) -> [ScalarValue] {
        let m = p.count
        switch c.call.function {
        case .rowNumber, .rank, .denseRank:
            // Defined once, in their typed kernel (which `WindowExec` calls directly).
            guard var kernel = WindowKernel(c, capacity: m) else { return [] }
            try kernel.append(p)
            let column = kernel.finish()
            return (0..<m).map(column.value)
        case .percentRank:
            return (0..<m).map { m > 1 ? .float64(Double(p.groupStart($0)) / Double(m - 1)) : .float64(0) }
        case .cumeDist: return (0..<m).map { .float64(Double(p.groupEnd($0)) / Double(m)) }
        case .ntile: return try ntile(c, p)
        case .lag, .lead: return try shifted(c, p)
        case .firstValue, .lastValue, .nthValue: return try valueAt(c, p)
        case .aggregate: return try WindowAggregateEvaluator.evaluate(c, p)
        }
    }

    /// PostgreSQL's ntile: `m / n` rows a bucket, the first `m % n` buckets one more.
    private static func ntile(_ c: WindowCallInputs, _ p: WindowPartition) throws(PlanError) -> [ScalarValue] {
        let m = p.count
        guard m > 0 else { return [] }
        let first = p.rows[p.rows.startIndex]
        let arg = c.args[0].value(first)
        guard let n64 = arg.int64Value else { return Array(repeating: .null, count: m) }
        guard n64 > 0 else { throw PlanError(.execution, "argument of ntile must be greater than zero") }
        let n = Int(clamping: n64)
        let size = m / n, extra = m % n
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        var bucket = 1, left = size + (extra > 0 ? 1 : 0)
        for _ in 0..<m {
            if left == 0 {
                bucket += 1
                left = size + (bucket <= extra ? 1 : 0)
            }
            out.append(.int64(Int64(bucket)))  // safe: a bucket number is at most the partition's size
            left -= 1
        }
        return out
    }

    /// lag/lead: the value `offset` rows before/after (non-NULL values only with IGNORE
    /// NULLS), else the default.
    private static func shifted(_ c: WindowCallInputs, _ p: WindowPartition) throws(PlanError) -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        let forward = c.call.function == .lead
        let values = c.args[0]
        let (present, before) = c.call.ignoreNulls ? presentValues(values, p) : ([], [])
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            let row = p.rows[base + j]
            var offset: Int64 = 1
            if c.args.count > 1 {
                guard let o = c.args[1].value(row).int64Value else { out.append(.null); continue }
                offset = o
            }
            let delta = Int(clamping: offset)
            var target: Int?
            if c.call.ignoreNulls {
                // The delta-th present value after (or before) position j, not counting j.
                // lead: the (delta-1)-th present value after j's own; lag: the delta-th before.
                let (k, o) = forward ? before[j + 1].addingReportingOverflow(delta)
                                     : before[j].subtractingReportingOverflow(delta)
                let (at, under) = forward ? k.subtractingReportingOverflow(1) : (k, false)
                if delta == 0 { target = j } else if !o, !under, at >= 0, at < present.count { target = present[at] }
            } else {
                let (k, o) = forward ? j.addingReportingOverflow(delta) : j.subtractingReportingOverflow(delta)
                if !o, k >= 0, k < m { target = k }
            }
            if let target {
                out.append(values.value(p.rows[base + target]))
            } else {
                out.append(c.args.count > 2 ? c.args[2].value(row) : .null)
            }
        }
        return out
    }

    /// For IGNORE NULLS: the positions of the partition holding a value, and per position
    /// (and one past the last) how many of them come before it.
    private static func presentValues(_ values: ColumnVector, _ p: WindowPartition) -> (present: [Int], before: [Int]) {
        var present: [Int] = [], before: [Int] = []
        before.reserveCapacity(p.count + 1)
        for j in 0..<p.count {
            before.append(present.count)
            if !values.isNull(p.rows[p.rows.startIndex + j]) { present.append(j) }
        }
        before.append(present.count)
        return (present, before)
    }

    /// first_value, last_value, nth_value over each row's frame.
    private static func valueAt(_ c: WindowCallInputs, _ p: WindowPartition) throws(PlanError) -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        let values = c.args[0]
        let (present, before) = c.call.ignoreNulls ? presentValues(values, p) : ([], [])
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            let frame = try c.frame.ranges(j, in: p)
            var n = 0
            let fromEnd = c.call.function == .lastValue
            if c.call.function == .nthValue {
                guard let k = c.args[1].value(p.rows[base + j]).int64Value else { out.append(.null); continue }
                guard k > 0 else { throw PlanError(.execution, "argument of nth_value must be greater than zero") }
                n = Int(clamping: k - 1)
            }
            let at: Int?
            if c.call.ignoreNulls {
                // Count present values part by part.
                var left = n
                var found: Int?
                for part in (fromEnd ? frame.parts.reversed() : frame.parts) {
                    let have = before[part.upperBound] - before[part.lowerBound]
                    if left < have {
                        found = fromEnd ? present[before[part.upperBound] - 1 - left] : present[before[part.lowerBound] + left]
                        break
                    }
                    left -= have
                }
                at = found
            } else {
                at = frame.position(n, fromEnd: fromEnd)
            }
            out.append(at.map { values.value(p.rows[base + $0]) } ?? .null)
        }
        return out
    }
}
