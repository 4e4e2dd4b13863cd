import PlanCore

/// The running state of one aggregate for one group.
protocol Accumulator: AnyObject {
    func update(_ v: ScalarValue) throws
    func finish() throws -> ScalarValue
    /// Bytes of values the accumulator keeps (those of a DISTINCT aggregate): state
    /// that grows with the rows, for memory accounting.
    var retainedBytes: Int { get }
}

extension Accumulator {
    var retainedBytes: Int { 0 }
}

/// Makes a fresh accumulator for an aggregate call.
struct AccumulatorFactory: Sendable {
    let function: AggregateFunction
    let inputType: DataType
    let resultType: DataType
    let distinct: Bool
    /// The call's ORDER BY directions, for the functions whose result depends on it (the
    /// keys' values come with each row; an ordered-set aggregate's key is its value).
    var order: [AggregateOrderKey] = []
    /// `string_agg`'s delimiter, a percentile's fraction.
    var constant: ScalarValue = .null

    /// Whether rows go to an ``OrderedAccumulator`` (with their keys and positions).
    var isOrdered: Bool { function.isOrderSensitive || function.isOrderedSet }

    /// Whether each group's state is an object that merges with another worker's.
    var isMergeableObject: Bool { isOrdered || function == .approxDistinct }

    /// Whether a group's state grows with its rows (for memory accounting).
    var growsWithRows: Bool { distinct || isMergeableObject }

    func make() -> any Accumulator {
        let base: any Accumulator
        switch function {
        case .stringAgg, .percentileCont, .percentileDisc, .mode:
            return OrderedAccumulator(function: function, order: order, constant: constant, distinct: distinct)
        // DISTINCT changes nothing for a count of distinct values.
        case .approxDistinct: return ApproxDistinctAccumulator()
        case .count: base = CountAccumulator()
        case .sum: base = SumAccumulator(inputType: inputType, resultType: resultType)
        case .avg: base = AvgAccumulator(inputType: inputType, resultType: resultType)
        case .min: base = MinMaxAccumulator(wantMax: false)
        case .max: base = MinMaxAccumulator(wantMax: true)
        case .boolAnd: base = BoolAccumulator(isAnd: true)
        case .boolOr: base = BoolAccumulator(isAnd: false)
        case .stddev: base = VarianceAccumulator(stddev: true)
        case .variance: base = VarianceAccumulator(stddev: false)
        }
        return distinct ? DistinctAccumulator(base) : base
    }
}

final class CountAccumulator: Accumulator {
    var count: Int64 = 0
    func update(_ v: ScalarValue) { if !v.isNull { count += 1 } }
    func finish() -> ScalarValue { .int64(count) }
}

final class SumAccumulator: Accumulator {
    let inputType: DataType
    let resultType: DataType
    var seen = false
    var int: Int64 = 0
    var dec: Int128 = 0
    var double: Double = 0
    var interval = Interval()
    var numeric = NumericValue.zero

    init(inputType: DataType, resultType: DataType) {
        self.inputType = inputType
        self.resultType = resultType
    }

    func update(_ v: ScalarValue) throws {
        if v.isNull { return }
        seen = true
        switch v {
        case .numeric(let n): numeric = try NumericValue.arithmetic(.plus, numeric, n)
        case .decimal(let u, _, _):
            let (r, o) = dec.addingReportingOverflow(u)
            if o { throw ScalarOps.overflow(resultType) }
            dec = r
        case .float32, .float64: double = try ScalarOps.floatSum(double, v.doubleValue ?? 0)
        case .interval(let i):
            interval = try interval.adding(i)
        default:
            let (r, o) = int.addingReportingOverflow(v.int64Value ?? 0)
            if o { throw ScalarOps.overflow(.int64) }
            int = r
        }
    }

    func finish() throws -> ScalarValue {
        guard seen else { return .null }
        switch resultType {
        case .decimal(let p, let s):
            guard DecimalMath.fits(dec, precision: p) else { throw ScalarOps.overflow(resultType) }
            return .decimal(dec, precision: p, scale: s)
        case .float64: return .float64(double)
        case .interval: return .interval(interval)
        case .numeric: return .numeric(numeric)
        default: return .int64(int)
        }
    }
}

final class AvgAccumulator: Accumulator {
    let resultType: DataType
    let inputScale: Int
    var count: Int64 = 0
    var dec: Int128 = 0
    var double: Double = 0
    /// Integers are summed exactly and divided once (summing them as doubles lets large
    /// values that cancel swallow small ones).
    var integers: Int128 = 0
    var integral = true
    /// The sum of NUMERIC values (PostgreSQL's scale: the largest of theirs).
    var numeric = NumericValue.zero

    init(inputType: DataType, resultType: DataType) {
        self.resultType = resultType
        if case .decimal(_, let s) = inputType { inputScale = s } else { inputScale = 0 }
    }

    func update(_ v: ScalarValue) throws {
        if v.isNull { return }
        count += 1
        if case .numeric(let n) = v {
            numeric = try NumericValue.arithmetic(.plus, numeric, n)
        } else if case .decimal(let u, _, _) = v {
            let (r, o) = dec.addingReportingOverflow(u)
            if o { throw ScalarOps.overflow(resultType) }
            dec = r
        } else if let i = v.int64Value {
            integers += Int128(i)
        } else {
            integral = false
            double = try ScalarOps.floatSum(double, v.doubleValue ?? 0)
        }
    }

    func finish() throws -> ScalarValue {
        guard count > 0 else { return .null }
        if resultType == .numeric {
            // PostgreSQL's avg of numerics: the sum divided by the count as `/` divides.
            return .numeric(try NumericValue.arithmetic(.divide, numeric, NumericValue.make(Int128(count), scale: 0)))  // safe: Int64 widens to Int128
        }
        if case .decimal(let p, let s) = resultType {
            let q = try ScalarOps.decimalArithmetic(.divide, dec, inputScale, Int128(count), 0, scale: s)
            return .decimal(q, precision: p, scale: s)
        }
        return .float64(integral ? Double(integers) / Double(count) : (double + Double(integers)) / Double(count))
    }
}

final class MinMaxAccumulator: Accumulator {
    let wantMax: Bool
    var best: ScalarValue = .null
    init(wantMax: Bool) { self.wantMax = wantMax }
    func update(_ v: ScalarValue) {
        if v.isNull { return }
        if best.isNull { best = v; return }
        let c = ScalarOps.compare(v, best) ?? 0
        if wantMax ? c > 0 : c < 0 { best = v }
        // PostgreSQL's numeric_smaller/numeric_larger return the later of two equal
        // values, which shows when their scales differ (min of 1.5 and 1.50 is 1.50).
        else if c == 0, case .numeric = v { best = v }
    }
    func finish() -> ScalarValue { best }
}

final class BoolAccumulator: Accumulator {
    let isAnd: Bool
    var value: Bool?
    init(isAnd: Bool) { self.isAnd = isAnd }
    func update(_ v: ScalarValue) {
        guard case .boolean(let b) = v else { return }
        value = isAnd ? (value ?? true) && b : (value ?? false) || b
    }
    func finish() -> ScalarValue { value.map { .boolean($0) } ?? .null }
}

/// Sample variance / standard deviation (Welford's algorithm).
final class VarianceAccumulator: Accumulator {
    let stddev: Bool
    var n: Double = 0, mean: Double = 0, m2: Double = 0
    init(stddev: Bool) { self.stddev = stddev }
    func update(_ v: ScalarValue) {
        guard let x = v.doubleValue else { return }
        n += 1
        let d = x - mean
        mean += d / n
        m2 += d * (x - mean)
    }
    func finish() -> ScalarValue {
        guard n > 1 else { return .null }
        let variance = m2 / (n - 1)
        return .float64(stddev ? variance.squareRoot() : variance)
    }
}

/// Forwards each distinct non-NULL value once.
final class DistinctAccumulator: Accumulator {
    let inner: any Accumulator
    var seen = Set<ScalarValue>()
    private(set) var retainedBytes = 0
    init(_ inner: any Accumulator) { self.inner = inner }
    func update(_ v: ScalarValue) throws {
        if v.isNull { return }
        if seen.insert(v).inserted {
            // A set slot (kept at most ¾ full) and a string's bytes.
            retainedBytes += MemoryLayout<ScalarValue>.stride * 4 / 3
            if case .string(let s) = v { retainedBytes += s.utf8.count }
            try inner.update(v)
        }
    }
    func finish() throws -> ScalarValue { try inner.finish() }
}
