import PlanCore

/// An accumulator whose states for one group, built by different workers, fold into one
/// whose result does not depend on how the rows were split.
protocol MergeableAccumulator: Accumulator {
    func merge(_ other: any Accumulator) throws
}

/// The direction of one ORDER BY key of an aggregate.
struct AggregateOrderKey: Sendable, Hashable {
    let ascending: Bool
    let nullsFirst: Bool
}

/// The aggregates whose result depends on the order of their rows: `string_agg` (its
/// call's ORDER BY, else input order) and the ordered-set aggregates `percentile_cont`,
/// `percentile_disc` and `mode` (their WITHIN GROUP order; the value is the key).
///
/// Rows are kept with their sort keys and their position in the input (morsel and row),
/// and sorted by (keys, position) when the result is asked for: the order is the same
/// whatever the number of workers and however their states merged, so the result is too.
final class OrderedAccumulator: MergeableAccumulator {
    struct Row {
        var value: ScalarValue
        var keys: [ScalarValue]
        var position: Int
    }

    let function: AggregateFunction
    let order: [AggregateOrderKey]
    /// `string_agg`'s delimiter, a percentile's fraction.
    let constant: ScalarValue
    let distinct: Bool
    private(set) var rows: [Row] = []
    private(set) var retainedBytes = 0

    init(function: AggregateFunction, order: [AggregateOrderKey], constant: ScalarValue, distinct: Bool) {
        self.function = function
        self.order = order
        self.constant = constant
        self.distinct = distinct
    }

    /// The ordered-set aggregates sort by the value itself.
    private var keyIsValue: Bool { function.isOrderedSet }

    func update(_ v: ScalarValue) throws { try update(v, keys: [], position: rows.count) }

    func update(_ v: ScalarValue, keys: [ScalarValue], position: Int) throws {
        // Every function here leaves NULL values out.
        if v.isNull { return }
        rows.append(Row(value: v, keys: keyIsValue ? [] : keys, position: position))
        retainedBytes += MemoryLayout<Row>.stride + keys.count * MemoryLayout<ScalarValue>.stride
        if case .string(let s) = v { retainedBytes += s.utf8.count }
    }

    func merge(_ other: any Accumulator) throws {
        guard let other = other as? OrderedAccumulator else {
            throw PlanError(.execution, "cannot merge partial states of \(function.rawValue)")
        }
        rows += other.rows
        retainedBytes += other.retainedBytes
    }

    /// `a` before `b` under the ORDER BY keys (PostgreSQL's order, NULLs where asked),
    /// then by input position.
    private func precedes(_ a: Row, _ b: Row) -> Bool {
        if keyIsValue, let o = order.first {
            let c = Self.compare(a.value, b.value, o)
            return c != 0 ? c < 0 : a.position < b.position
        }
        for (i, o) in order.enumerated() where i < a.keys.count && i < b.keys.count {
            let c = Self.compare(a.keys[i], b.keys[i], o)
            if c != 0 { return c < 0 }
        }
        return a.position < b.position
    }

    /// −1, 0 or 1: `x` before, beside or after `y` under one key's direction.
    @inline(__always) private static func compare(_ x: ScalarValue, _ y: ScalarValue, _ o: AggregateOrderKey) -> Int {
        switch (x.isNull, y.isNull) {
        case (true, true): return 0
        case (true, false): return o.nullsFirst ? -1 : 1
        case (false, true): return o.nullsFirst ? 1 : -1
        case (false, false):
            let c = ScalarOps.compare(x, y) ?? 0
            return o.ascending ? c : -c
        }
    }

    func finish() throws -> ScalarValue {
        var values = rows.sorted(by: precedes).map(\.value)
        if distinct {
            var seen = Set<ScalarValue>()
            values = values.filter { seen.insert($0).inserted }
        }
        guard !values.isEmpty else { return .null }
        switch function {
        case .stringAgg: return stringAgg(values)
        case .percentileCont: return try percentileCont(values)
        case .percentileDisc: return percentileDisc(values)
        case .mode: return mode(values)
        default: throw PlanError(.execution, "\(function.rawValue) is not an ordered aggregate")
        }
    }

    /// The values as text joined by the delimiter (a NULL delimiter joins with nothing).
    private func stringAgg(_ values: [ScalarValue]) -> ScalarValue {
        let delimiter: String
        if case .string(let d) = constant { delimiter = d } else { delimiter = constant.isNull ? "" : constant.outputText }
        return .string(values.map(\.outputText).joined(separator: delimiter))
    }

    /// PostgreSQL's interpolation: the fraction's position among the sorted values, read
    /// between the two values around it (numbers as doubles; intervals as
    /// `lo + (hi - lo) * t`, PostgreSQL's interval_lerp).
    private func percentileCont(_ values: [ScalarValue]) throws -> ScalarValue {
        guard let f = constant.doubleValue else { return .null }
        let position = f * Double(values.count - 1)
        let lo = Int(position.rounded(.down)), hi = Int(position.rounded(.up))
        let t = position - Double(lo)
        if case .interval = values[lo] {
            if lo == hi || t == 0 { return values[lo] }
            let span = try ScalarOps.binary(.minus, values[hi], values[lo], resultType: .interval)
            let part = try ScalarOps.binary(.multiply, span, .float64(t), resultType: .interval)
            return try ScalarOps.binary(.plus, values[lo], part, resultType: .interval)
        }
        guard let a = values[lo].doubleValue, let b = values[hi].doubleValue else {
            throw PlanError(.execution, "percentile_cont expects numbers or intervals")
        }
        return .float64(lo == hi ? a : a + t * (b - a))
    }

    /// The first value whose position in the order reaches the fraction.
    private func percentileDisc(_ values: [ScalarValue]) -> ScalarValue {
        guard let f = constant.doubleValue else { return .null }
        let row = Int((f * Double(values.count)).rounded(.up))
        return values[max(row, 1) - 1]
    }

    /// The most frequent value; among equally frequent ones the first in the order (as
    /// PostgreSQL's one pass over the sorted values keeps it).
    private func mode(_ values: [ScalarValue]) -> ScalarValue {
        var best = values[0], bestCount = 0
        var current = values[0], count = 0
        for v in values {
            if ScalarOps.compare(v, current) == 0 { count += 1 } else { current = v; count = 1 }
            if count > bestCount { best = current; bestCount = count }
        }
        return best
    }
}

/// `approx_distinct(x)`: the group's values in a ``DistinctCountSketch``.
final class ApproxDistinctAccumulator: MergeableAccumulator {
    private var sketch = DistinctCountSketch()
    private(set) var retainedBytes = 0

    func update(_ v: ScalarValue) {
        sketch.add(value: v)
        retainedBytes = sketch.byteSize
    }

    func merge(_ other: any Accumulator) throws {
        guard let other = other as? ApproxDistinctAccumulator else {
            throw PlanError(.execution, "cannot merge partial states of approx_distinct")
        }
        sketch.merge(other.sketch)
        retainedBytes = sketch.byteSize
    }

    func finish() -> ScalarValue { .int64(Int64(sketch.estimate)) }
}

