import PlanCore

/// An aggregate over each row's frame, incrementally where the frame allows:
///
/// - frames that start at the partition's start (running: `UNBOUNDED PRECEDING`, the
///   default frame) add each row once to one accumulator, O(n);
/// - frames that end at the partition's end add rows once walking backwards, O(n);
/// - sliding frames of count, and of sum and avg over integers and decimals, add and
///   remove rows exactly, O(n); over doubles too, with a compensated sum (the last digits
///   may differ from a sum taken afresh); of min and max keep a monotonic deque, O(n);
/// - count, and sum and avg over integers and decimals, with EXCLUDE: prefix sums, O(n);
/// - min and max with EXCLUDE: a sparse table, O(n log n);
/// - anything else (DISTINCT over sliding frames; EXCLUDE with doubles' sums;
///   stddev/variance/bool, string_agg and approx_distinct over sliding frames) is computed
///   afresh for each row, O(n · frame). (string_agg's running frames join the rows so far
///   again at each row: O(n²) characters, as its result is.)
enum WindowAggregateEvaluator {
    static func evaluate(_ c: WindowCallInputs, _ p: WindowPartition) throws(PlanError) -> [ScalarValue] {
        guard case .aggregate(let function) = c.call.function else { return [] }
        let inputType = c.args.first?.dataType ?? .null
        let factory = AccumulatorFactory(function: function, inputType: inputType, resultType: c.resultType, distinct: c.call.distinct,
                                         constant: AggregateCall(function, c.call.args).constantArgument ?? .null)
        let m = p.count
        guard m > 0 else { return [] }
        let frame = c.call.frame
        do {
            if c.frame.isMonotone, case .unboundedPreceding = frame.start {
                return try running(c, p, factory, reverse: false)
            }
            // string_agg adds rows in frame order: walking backwards would reverse it.
            if c.frame.isMonotone, case .unboundedFollowing = frame.end, !function.isOrderSensitive {
                return try running(c, p, factory, reverse: true)
            }
            if c.frame.isMonotone, !c.call.distinct {
                switch function {
                case .count: return try sliding(c, p, factory)
                case .sum where inputType.isInteger || inputType.isDecimal: return try sliding(c, p, factory)
                case .avg where inputType.isInteger || inputType.isDecimal: return try sliding(c, p, factory)
                case .sum where inputType.isFloat, .avg where inputType.isFloat: return try slidingFloat(c, p, factory)
                case .min, .max: return try slidingExtreme(c, p, wantMax: function == .max)
                default: break
                }
            }
            if function == .min || function == .max {
                return try extremeByTable(c, p, wantMax: function == .max)
            }
            if !c.call.distinct, function == .count || ((function == .sum || function == .avg) && (inputType.isInteger || inputType.isDecimal)),
               let values = try prefixed(c, p, factory) {
                return values
            }
            return try fresh(c, p, factory)
        } catch let e as PlanError {
            throw e
        } catch {
            throw PlanError(.execution, "\(error)")
        }
    }

    /// The value row `r` gives the aggregate, nil when it is left out (FILTER); `count(*)`
    /// counts every row.
    @inline(__always) private static func input(_ c: WindowCallInputs, _ r: Int) -> ScalarValue? {
        guard c.included(r) else { return nil }
        return c.args.isEmpty ? .int64(1) : c.args[0].value(r)
    }

    private static func running(_ c: WindowCallInputs, _ p: WindowPartition, _ factory: AccumulatorFactory, reverse: Bool) throws -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        let acc = factory.make()
        var out = [ScalarValue](repeating: .null, count: m)
        // Forward: rows added up to each frame's end; backward: from each frame's start.
        var edge = reverse ? m : 0
        var last: (Range<Int>, ScalarValue)?
        for j in (reverse ? Array((0..<m).reversed()) : Array(0..<m)) {
            let r = try c.frame.range(j, in: p)
            if let last, last.0 == r { out[j] = last.1; continue }
            if reverse {
                while edge > r.lowerBound {
                    edge -= 1
                    if let v = input(c, p.rows[base + edge]) { try acc.update(v) }
                }
            } else {
                while edge < r.upperBound {
                    if let v = input(c, p.rows[base + edge]) { try acc.update(v) }
                    edge += 1
                }
            }
            // An empty frame (ROWS … 1 PRECEDING on the first row) aggregates nothing.
            out[j] = r.isEmpty ? try factory.make().finish() : try acc.finish()
            last = (r, out[j])
        }
        return out
    }

    /// A frame sliding forward over the partition: each position enters once at the
    /// frame's end (`add`) and leaves once at its start (`remove`); `value` is the frame's.
    private static func slide(_ c: WindowCallInputs, _ p: WindowPartition, add: (Int) throws -> Void, remove: (Int) -> Void,
                              value: () throws -> ScalarValue) throws -> [ScalarValue] {
        var lo = 0, hi = 0
        var out: [ScalarValue] = []
        out.reserveCapacity(p.count)
        for j in 0..<p.count {
            let r = try c.frame.range(j, in: p)
            while hi < r.upperBound { try add(hi); hi += 1 }
            while lo < r.lowerBound, lo < hi { remove(lo); lo += 1 }
            if lo < r.lowerBound { lo = r.lowerBound; hi = max(hi, lo) }
            out.append(try value())
        }
        return out
    }

    /// count, and sum and avg over integers or decimals, exactly: rows enter at the frame's
    /// end and leave at its start.
    private static func sliding(_ c: WindowCallInputs, _ p: WindowPartition, _ factory: AccumulatorFactory) throws -> [ScalarValue] {
        var count: Int64 = 0
        var sum: Int128 = 0
        func value(_ pos: Int) -> Int128? { exactValue(c, p, pos, factory) }
        return try slide(c, p, add: { pos in
            guard let x = value(pos) else { return }
            count += 1
            let (s, o) = sum.addingReportingOverflow(x)
            if o { throw ScalarOps.overflow(c.resultType) }
            sum = s
        }, remove: { pos in
            if let x = value(pos) { count -= 1; sum -= x }  // safe: removes a value added before
        }, value: { try finish(factory, count: count, sum: sum) })
    }

    /// sum and avg over doubles: finite values summed with Neumaier's compensation as they
    /// enter and leave, infinities and NaNs counted apart (a removed infinity must not leave
    /// a NaN behind).
    private static func slidingFloat(_ c: WindowCallInputs, _ p: WindowPartition, _ factory: AccumulatorFactory) throws -> [ScalarValue] {
        let base = p.rows.startIndex
        var count: Int64 = 0, sum = 0.0, compensation = 0.0
        var positive = 0, negative = 0, nan = 0
        func value(_ pos: Int) -> Double? {
            guard let v = input(c, p.rows[base + pos]), !v.isNull else { return nil }
            return v.doubleValue
        }
        func fold(_ x: Double) {
            let t = sum + x  // safe: doubles
            compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum  // safe: doubles
            sum = t
        }
        return try slide(c, p, add: { pos in
            guard let x = value(pos) else { return }
            count += 1
            if x.isNaN { nan += 1 } else if x == .infinity { positive += 1 } else if x == -.infinity { negative += 1 } else {
                _ = try ScalarOps.floatSum(sum + compensation, x)  // safe: doubles; the overflow check
                fold(x)
            }
        }, remove: { pos in
            guard let x = value(pos) else { return }
            count -= 1
            if x.isNaN { nan -= 1 } else if x == .infinity { positive -= 1 } else if x == -.infinity { negative -= 1 } else { fold(-x) }
        }, value: {
            var total = sum + compensation  // safe: doubles
            if nan > 0 || (positive > 0 && negative > 0) { total = .nan } else if positive > 0 { total = .infinity } else if negative > 0 { total = -.infinity }
            guard count > 0 else { return .null }
            return factory.function == .avg ? .float64(total / Double(count)) : .float64(total)
        })
    }

    /// Row `pos`'s value as an exact integer for count, sum and avg over integers and
    /// decimals (0 for count), nil when it does not count (NULL, or left out by FILTER).
    private static func exactValue(_ c: WindowCallInputs, _ p: WindowPartition, _ pos: Int, _ factory: AccumulatorFactory) -> Int128? {
        guard let v = input(c, p.rows[p.rows.startIndex + pos]), !v.isNull else { return nil }
        if factory.function == .count { return 0 }
        if case .decimal(let u, _, _) = v { return u }
        return v.int64Value.map { Int128($0) }
    }

    /// count, sum and avg over integers or decimals for any frame, EXCLUDE included: prefix
    /// counts and sums give each part of a frame in O(1). Nil when a prefix sum would
    /// overflow (the frames are then summed afresh).
    private static func prefixed(_ c: WindowCallInputs, _ p: WindowPartition, _ factory: AccumulatorFactory) throws -> [ScalarValue]? {
        let m = p.count
        var counts = [Int64](repeating: 0, count: m + 1)
        var sums = [Int128](repeating: 0, count: m + 1)
        for j in 0..<m {
            counts[j + 1] = counts[j]
            sums[j + 1] = sums[j]
            guard let x = exactValue(c, p, j, factory) else { continue }
            counts[j + 1] += 1
            let (s, o) = sums[j].addingReportingOverflow(x)
            if o { return nil }
            sums[j + 1] = s
        }
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            var count: Int64 = 0
            var sum: Int128 = 0
            for part in try c.frame.ranges(j, in: p).parts {
                count += counts[part.upperBound] - counts[part.lowerBound]  // safe: at most the partition's rows
                let (s, o) = sum.addingReportingOverflow(sums[part.upperBound] - sums[part.lowerBound])  // safe: a difference of prefix sums that did not overflow
                if o { throw ScalarOps.overflow(c.resultType) }
                sum = s
            }
            out.append(try finish(factory, count: count, sum: sum))
        }
        return out
    }

    /// The aggregate's value for `count` values summing to `sum`, finished by the same
    /// accumulator a GROUP BY uses.
    private static func finish(_ factory: AccumulatorFactory, count: Int64, sum: Int128) throws -> ScalarValue {
        let acc = factory.make()
        switch acc {
        case let a as CountAccumulator: a.count = count
        case let a as SumAccumulator:
            a.seen = count > 0
            if factory.inputType.isDecimal { a.dec = sum } else {
                guard let s = Int64(exactly: sum) else { throw ScalarOps.overflow(.int64) }
                a.int = s
            }
        case let a as AvgAccumulator:
            a.count = count
            if factory.inputType.isDecimal { a.dec = sum } else { a.integers = sum }
        default: break
        }
        return try acc.finish()
    }

    /// min and max over sliding frames: a deque of positions whose values only get worse
    /// from front to back; the front is the frame's answer.
    private static func slidingExtreme(_ c: WindowCallInputs, _ p: WindowPartition, wantMax: Bool) throws -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        var deque: [Int] = []
        var head = 0
        var values: [ScalarValue?] = []
        values.reserveCapacity(m)
        for j in 0..<m {
            let v = input(c, p.rows[base + j])
            values.append(v?.isNull == false ? v : nil)
        }
        var hi = 0
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            let r = try c.frame.range(j, in: p)
            while hi < r.upperBound {
                if let v = values[hi] {
                    while deque.count > head, let back = values[deque[deque.count - 1]] {
                        let cmp = ScalarOps.compare(back, v) ?? 0
                        if wantMax ? cmp <= 0 : cmp >= 0 { deque.removeLast() } else { break }
                    }
                    deque.append(hi)
                }
                hi += 1
            }
            while head < deque.count, deque[head] < r.lowerBound { head += 1 }
            if head > 1024, head * 2 > deque.count { deque.removeFirst(head); head = 0 }
            if head < deque.count, deque[head] < r.upperBound, let v = values[deque[head]] { out.append(v) } else { out.append(.null) }
        }
        return out
    }

    /// min and max over any frame (EXCLUDE included): a sparse table of each power-of-two
    /// span's best position, so any range is two lookups; O(n log n) to build.
    private static func extremeByTable(_ c: WindowCallInputs, _ p: WindowPartition, wantMax: Bool) throws -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        var values: [ScalarValue?] = []
        values.reserveCapacity(m)
        for j in 0..<m {
            let v = input(c, p.rows[base + j])
            values.append(v?.isNull == false ? v : nil)
        }
        // The better of two positions (nil: no value); equal values keep the later one, as
        // the accumulators keep the last of equal NUMERICs.
        func better(_ a: Int?, _ b: Int?) -> Int? {
            guard let a, let va = values[a] else { return b }
            guard let b, let vb = values[b] else { return a }
            let order = ScalarOps.compare(va, vb) ?? 0
            if order == 0 { return max(a, b) }
            return (order > 0) == wantMax ? a : b
        }
        var table: [[Int?]] = [(0..<m).map { values[$0] == nil ? nil : $0 }]
        var span = 1
        while span * 2 <= m {
            let last = table[table.count - 1]
            table.append((0...(m - span * 2)).map { better(last[$0], last[$0 + span]) })
            span *= 2
        }
        func best(_ r: Range<Int>) -> Int? {
            guard !r.isEmpty else { return nil }
            let level = Int.bitWidth - 1 - r.count.leadingZeroBitCount
            return better(table[level][r.lowerBound], table[level][r.upperBound - (1 << level)])
        }
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            var found: Int?
            for part in try c.frame.ranges(j, in: p).parts { found = better(found, best(part)) }
            out.append(found.flatMap { values[$0] } ?? .null)
        }
        return out
    }

    /// Each row's frame aggregated afresh.
    private static func fresh(_ c: WindowCallInputs, _ p: WindowPartition, _ factory: AccumulatorFactory) throws -> [ScalarValue] {
        let m = p.count, base = p.rows.startIndex
        var out: [ScalarValue] = []
        out.reserveCapacity(m)
        for j in 0..<m {
            let acc = factory.make()
            for part in try c.frame.ranges(j, in: p).parts {
                for k in part { if let v = input(c, p.rows[base + k]) { try acc.update(v) } }
            }
            out.append(try acc.finish())
        }
        return out
    }
}
