import PlanCore

/// The state of one aggregate for all groups, in typed arrays indexed by group id, for
/// the common aggregates (count, sum, avg, min, max over numbers and dates). Anything
/// else keeps one ``Accumulator`` object per group.
final class GroupedAccumulator {
    enum State {
        case count([Int64])
        case sumInt([Int64], [Bool])
        case sumDecimal([Int128], [Bool])
        case sumDouble([Double], [Bool])
        case avgDecimal([Int128], [Int64], inputScale: Int)
        case avgDouble([Double], [Int64])
        /// An average of integers: summed exactly (128 bits), divided once at the end.
        case avgInt([Int128], [Int64])
        case minMaxInt([Int64], [Bool], wantMax: Bool)
        case minMaxDecimal([Int128], [Bool], wantMax: Bool)
        case generic([any Accumulator])
    }

    private var state: State
    /// Bytes DISTINCT sets grew by since ``takeGrowth()`` was last called.
    private var grownBytes = 0

    /// How many bytes the state grew by (beyond a fixed size a group) since last asked.
    func takeGrowth() -> Int {
        defer { grownBytes = 0 }
        return grownBytes
    }
    let factory: AccumulatorFactory
    let resultType: DataType

    init(_ factory: AccumulatorFactory) {
        self.factory = factory
        resultType = factory.resultType
        let t = factory.inputType
        switch (factory.function, factory.distinct) {
        case (.count, false): state = .count([])
        case (.sum, false) where t.isInteger: state = .sumInt([], [])
        case (.sum, false) where t.isDecimal: state = .sumDecimal([], [])
        case (.sum, false) where t.isFloat: state = .sumDouble([], [])
        case (.avg, false) where t.isDecimal:
            if case .decimal(_, let s) = t { state = .avgDecimal([], [], inputScale: s) } else { state = .generic([]) }
        case (.avg, false) where t.isInteger: state = .avgInt([], [])
        case (.avg, false) where t.isFloat: state = .avgDouble([], [])
        case (.min, _) where t.isInteger || t == .date: state = .minMaxInt([], [], wantMax: false)
        case (.max, _) where t.isInteger || t == .date: state = .minMaxInt([], [], wantMax: true)
        case (.min, _) where t.isDecimal: state = .minMaxDecimal([], [], wantMax: false)
        case (.max, _) where t.isDecimal: state = .minMaxDecimal([], [], wantMax: true)
        default: state = .generic([])
        }
    }

    /// Makes room for groups up to `count`.
    func grow(to count: Int) {
        func pad<T>(_ a: inout [T], _ v: T) { if a.count < count { a.append(contentsOf: repeatElement(v, count: count - a.count)) } }
        switch state {
        case .count(var a): state = .generic([]); pad(&a, 0); state = .count(a)
        case .sumInt(var a, var s): state = .generic([]); pad(&a, 0); pad(&s, false); state = .sumInt(a, s)
        case .sumDecimal(var a, var s): state = .generic([]); pad(&a, 0); pad(&s, false); state = .sumDecimal(a, s)
        case .sumDouble(var a, var s): state = .generic([]); pad(&a, 0); pad(&s, false); state = .sumDouble(a, s)
        case .avgDecimal(var a, var c, let sc): state = .generic([]); pad(&a, 0); pad(&c, 0); state = .avgDecimal(a, c, inputScale: sc)
        case .avgDouble(var a, var c): state = .generic([]); pad(&a, 0); pad(&c, 0); state = .avgDouble(a, c)
        case .avgInt(var a, var c): state = .generic([]); pad(&a, 0); pad(&c, 0); state = .avgInt(a, c)
        case .minMaxInt(var a, var s, let w): state = .generic([]); pad(&a, 0); pad(&s, false); state = .minMaxInt(a, s, wantMax: w)
        case .minMaxDecimal(var a, var s, let w): state = .generic([]); pad(&a, 0); pad(&s, false); state = .minMaxDecimal(a, s, wantMax: w)
        case .generic(var objects):
            state = .generic([])
            while objects.count < count { objects.append(factory.make()) }
            state = .generic(objects)
        }
    }

    /// Adds one batch: `arg` (nil for count(*)), `keep` rows (FILTER), `groups` per row;
    /// for an ordered aggregate also its ORDER BY keys and each row's input position.
    func update(arg: ColumnVector?, keep: ColumnVector?, groups: [Int], orderKeys: [ColumnVector] = [],
                position: (Int) -> Int = { $0 }) throws {
        let n = groups.count
        // Which rows count: all of them unless a FILTER or a NULL argument leaves some out.
        var mask: [Bool]?
        if let keep {
            var m = [Bool](repeating: false, count: n)
            if case .boolean(let b) = keep.values {
                for r in 0..<n where b[r] && !keep.isNull(r) { m[r] = true }
            }
            mask = m
        }
        if let arg, arg.validity != nil {
            var m = mask ?? [Bool](repeating: true, count: n)
            for r in 0..<n where arg.isNull(r) { m[r] = false }
            mask = m
        }
        @inline(__always) func included(_ r: Int) -> Bool { mask?[r] ?? true }
        switch state {
        case .count(var a):
            state = .generic([])
            a.withUnsafeMutableBufferPointer { acc in
                groups.withUnsafeBufferPointer { g in
                    if let mask { for r in 0..<n where mask[r] { acc[g[r]] += 1 } } else { for r in 0..<n { acc[g[r]] += 1 } }
                }
            }
            state = .count(a)
        case .sumInt(var a, var s):
            state = .generic([])
            guard let values = arg.flatMap(JoinHashTable.integers) else { throw PlanError(.execution, "sum input is not an integer") }
            for r in 0..<n where included(r) {
                let g = groups[r]
                let (v, o) = a[g].addingReportingOverflow(values[r])
                if o { throw ScalarOps.overflow(.int64) }
                a[g] = v
                s[g] = true
            }
            state = .sumInt(a, s)
        case .sumDecimal(var a, var s):
            state = .generic([])
            guard case .decimal(let values)? = arg?.values else { throw PlanError(.execution, "sum input is not a decimal") }
            var none: [Int64]?
            var flags: [Bool]? = s
            s = []
            if !GroupedAccumulator.add(values, into: &a, seen: &flags, counts: &none, groups: groups, mask: mask) { throw ScalarOps.overflow(resultType) }
            state = .sumDecimal(a, flags ?? [])
        case .sumDouble(var a, var s):
            state = .generic([])
            guard let arg else { throw PlanError(.execution, "sum needs an argument") }
            for r in 0..<n where included(r) {
                a[groups[r]] = try ScalarOps.floatSum(a[groups[r]], arg.value(r).doubleValue ?? 0)
                s[groups[r]] = true
            }
            state = .sumDouble(a, s)
        case .avgDecimal(var a, var c, let sc):
            state = .generic([])
            guard case .decimal(let values)? = arg?.values else { throw PlanError(.execution, "avg input is not a decimal") }
            var noFlags: [Bool]?
            var counts: [Int64]? = c
            c = []
            if !GroupedAccumulator.add(values, into: &a, seen: &noFlags, counts: &counts, groups: groups, mask: mask) { throw ScalarOps.overflow(resultType) }
            state = .avgDecimal(a, counts ?? [], inputScale: sc)
        case .avgInt(var a, var c):
            state = .generic([])
            guard let values = arg.flatMap(JoinHashTable.integers) else { throw PlanError(.execution, "avg input is not an integer") }
            for r in 0..<n where included(r) { a[groups[r]] += Int128(values[r]); c[groups[r]] += 1 }
            state = .avgInt(a, c)
        case .avgDouble(var a, var c):
            state = .generic([])
            guard let arg else { throw PlanError(.execution, "avg needs an argument") }
            for r in 0..<n where included(r) {
                a[groups[r]] = try ScalarOps.floatSum(a[groups[r]], arg.value(r).doubleValue ?? 0)
                c[groups[r]] += 1
            }
            state = .avgDouble(a, c)
        case .minMaxInt(var a, var s, let wantMax):
            state = .generic([])
            guard let values = arg.flatMap(JoinHashTable.integers) else { throw PlanError(.execution, "min/max input is not an integer") }
            for r in 0..<n where included(r) {
                let g = groups[r], v = values[r]
                if !s[g] || (wantMax ? v > a[g] : v < a[g]) { a[g] = v; s[g] = true }
            }
            state = .minMaxInt(a, s, wantMax: wantMax)
        case .minMaxDecimal(var a, var s, let wantMax):
            state = .generic([])
            guard case .decimal(let values)? = arg?.values else { throw PlanError(.execution, "min/max input is not a decimal") }
            for r in 0..<n where included(r) {
                let g = groups[r], v = values[r]
                if !s[g] || (wantMax ? v > a[g] : v < a[g]) { a[g] = v; s[g] = true }
            }
            state = .minMaxDecimal(a, s, wantMax: wantMax)
        case .generic(let objects):
            if factory.isOrdered {
                for r in 0..<n {
                    if let keep, !ScalarOps.isTrue(keep.value(r)) { continue }
                    guard let object = objects[groups[r]] as? OrderedAccumulator else { continue }
                    let before = object.retainedBytes
                    try object.update(arg?.value(r) ?? .null, keys: orderKeys.map { $0.value(r) }, position: position(r))
                    grownBytes += object.retainedBytes - before
                }
                return
            }
            for r in 0..<n {
                if let keep, !ScalarOps.isTrue(keep.value(r)) { continue }
                let object = objects[groups[r]]
                guard factory.growsWithRows else { try object.update(arg?.value(r) ?? .int64(1)); continue }
                let before = object.retainedBytes
                try object.update(arg?.value(r) ?? .int64(1))
                grownBytes += object.retainedBytes - before
            }
        }
    }

    /// Adds `values[r]` into `sums[groups[r]]` for every row the mask keeps (all without
    /// one), marking `seen` and counting into `counts` when given, through unsafe buffers
    /// (group ids come from the encoder and index `sums`); false on overflow.
    private static func add<T: FixedWidthInteger>(_ values: [T], into sums: inout [T], seen: inout [Bool]?, counts: inout [Int64]?,
                                                  groups: [Int], mask: [Bool]?) -> Bool {
        var flags = seen ?? [], tallies = counts ?? []
        seen = nil
        counts = nil
        let markSeen = !flags.isEmpty, tally = !tallies.isEmpty
        let ok = sums.withUnsafeMutableBufferPointer { acc in
            flags.withUnsafeMutableBufferPointer { f in
                tallies.withUnsafeMutableBufferPointer { t in
                    values.withUnsafeBufferPointer { v in
                        groups.withUnsafeBufferPointer { g in
                            for r in 0..<g.count {
                                if let mask, !mask[r] { continue }
                                let k = g[r]
                                let (x, o) = acc[k].addingReportingOverflow(v[r])
                                if o { return false }
                                acc[k] = x
                                if markSeen { f[k] = true }
                                if tally { t[k] += 1 }
                            }
                            return true
                        }
                    }
                }
            }
        }
        if markSeen { seen = flags }
        if tally { counts = tallies }
        return ok
    }

    /// Whether another table's state can be folded into this one: typed states whose
    /// merge does not depend on how rows were split. Sums and averages of floating-point
    /// input are not: addition of doubles is not associative, so partial sums merged per
    /// worker would depend on which morsels each worker took. They aggregate over the
    /// ordered stream instead (one thread, in morsel order), so their results are the same
    /// for every worker count and run. (An average of integers sums them exactly.)
    var isMergeable: Bool {
        switch state {
        case .generic: factory.isMergeableObject
        case .sumDouble, .avgDouble: false
        default: true
        }
    }

    /// Folds `other`'s groups into this state: `other`'s group `g` is this state's
    /// group `mapping[g]` (already grown to hold it).
    func merge(_ other: GroupedAccumulator, mapping: [Int]) throws {
        func add<T: FixedWidthInteger>(_ a: inout [T], _ b: [T]) throws {
            for (g, target) in mapping.enumerated() {
                let (v, o) = a[target].addingReportingOverflow(b[g])
                if o { throw ScalarOps.overflow(resultType) }
                a[target] = v
            }
        }
        func or(_ a: inout [Bool], _ b: [Bool]) { for (g, target) in mapping.enumerated() where b[g] { a[target] = true } }
        func extreme<T: Comparable>(_ a: inout [T], _ s: inout [Bool], _ b: [T], _ t: [Bool], _ wantMax: Bool) {
            for (g, target) in mapping.enumerated() where t[g] {
                if !s[target] || (wantMax ? b[g] > a[target] : b[g] < a[target]) { a[target] = b[g]; s[target] = true }
            }
        }
        switch (state, other.state) {
        case (.count(var a), .count(let b)):
            state = .generic([]); try add(&a, b); state = .count(a)
        case (.sumInt(var a, var s), .sumInt(let b, let t)):
            state = .generic([]); try add(&a, b); or(&s, t); state = .sumInt(a, s)
        case (.sumDecimal(var a, var s), .sumDecimal(let b, let t)):
            state = .generic([]); try add(&a, b); or(&s, t); state = .sumDecimal(a, s)
        case (.avgDecimal(var a, var c, let sc), .avgDecimal(let b, let d, _)):
            state = .generic([]); try add(&a, b); try add(&c, d); state = .avgDecimal(a, c, inputScale: sc)
        case (.avgInt(var a, var c), .avgInt(let b, let d)):
            state = .generic([]); try add(&a, b); try add(&c, d); state = .avgInt(a, c)
        case (.avgDouble(var a, var c), .avgDouble(let b, let d)):
            state = .generic([])
            for (g, target) in mapping.enumerated() { a[target] = try ScalarOps.floatSum(a[target], b[g]) }
            try add(&c, d); state = .avgDouble(a, c)
        case (.minMaxInt(var a, var s, let w), .minMaxInt(let b, let t, _)):
            state = .generic([]); extreme(&a, &s, b, t, w); state = .minMaxInt(a, s, wantMax: w)
        case (.minMaxDecimal(var a, var s, let w), .minMaxDecimal(let b, let t, _)):
            state = .generic([]); extreme(&a, &s, b, t, w); state = .minMaxDecimal(a, s, wantMax: w)
        case (.generic(let a), .generic(let b)) where factory.isMergeableObject:
            for (g, target) in mapping.enumerated() {
                guard let mine = a[target] as? any MergeableAccumulator else { continue }
                let before = mine.retainedBytes
                try mine.merge(b[g])
                grownBytes += mine.retainedBytes - before  // safe: byte counts of values held in memory
            }
        default:
            throw PlanError(.execution, "cannot merge partial aggregate states of \(factory.function)")
        }
    }

    /// The results of groups `order`, in that order, as a column of `type`: built from
    /// the typed state when the state's result is of that type, group by group otherwise.
    func column(_ order: [Int], as type: DataType) throws -> ColumnVector {
        func validity(_ seen: [Bool]) -> Bitmap { Bitmap(order.map { seen[$0] }) }
        switch state {
        case .count(let a) where type == .int64:
            return ColumnVector(.int64, .int64(order.map { a[$0] }))
        case .sumInt(let a, let s) where type == .int64:
            return ColumnVector(.int64, .int64(order.map { a[$0] }), validity: validity(s))
        case .sumDouble(let a, let s) where type == .float64:
            return ColumnVector(.float64, .float64(order.map { a[$0] }), validity: validity(s))
        case .avgInt(let a, let c) where type == .float64:
            return ColumnVector(.float64, .float64(order.map { c[$0] > 0 ? Double(a[$0]) / Double(c[$0]) : 0 }),
                                validity: Bitmap(order.map { c[$0] > 0 }))
        case .avgDouble(let a, let c) where type == .float64:
            return ColumnVector(.float64, .float64(order.map { c[$0] > 0 ? a[$0] / Double(c[$0]) : 0 }),
                                validity: Bitmap(order.map { c[$0] > 0 }))
        case .sumDecimal(let a, let s) where type == resultType:
            guard case .decimal(let p, _) = type else { break }
            let limit = DecimalMath.maxUnscaled(precision: p)
            for g in order where s[g] && a[g].magnitude > limit.magnitude { throw ScalarOps.overflow(resultType) }
            return ColumnVector(type, .decimal(order.map { a[$0] }), validity: validity(s))
        case .minMaxDecimal(let a, let s, _) where type == resultType && type.isDecimal:
            return ColumnVector(type, .decimal(order.map { a[$0] }), validity: validity(s))
        default:
            break
        }
        var builder = ColumnBuilder(type, capacity: order.count)
        for g in order { builder.append(try ScalarOps.cast(try finish(g), to: type)) }
        return builder.finish()
    }

    /// The result of group `g`.
    func finish(_ g: Int) throws -> ScalarValue {
        switch state {
        case .count(let a): return .int64(a[g])
        case .sumInt(let a, let s): return s[g] ? .int64(a[g]) : .null
        case .sumDecimal(let a, let s):
            guard s[g] else { return .null }
            guard case .decimal(let p, let sc) = resultType else { return .null }
            guard DecimalMath.fits(a[g], precision: p) else { throw ScalarOps.overflow(resultType) }
            return .decimal(a[g], precision: p, scale: sc)
        case .sumDouble(let a, let s): return s[g] ? .float64(a[g]) : .null
        case .avgDecimal(let a, let c, let sc):
            guard c[g] > 0, case .decimal(let p, let s) = resultType else { return .null }
            return .decimal(try ScalarOps.decimalArithmetic(.divide, a[g], sc, Int128(c[g]), 0, scale: s), precision: p, scale: s)
        case .avgDouble(let a, let c): return c[g] > 0 ? .float64(a[g] / Double(c[g])) : .null
        case .avgInt(let a, let c): return c[g] > 0 ? .float64(Double(a[g]) / Double(c[g])) : .null
        case .minMaxInt(let a, let s, _):
            guard s[g] else { return .null }
            return try ScalarOps.cast(resultType == .date ? .date(Int32(a[g])) : .int64(a[g]), to: resultType)
        case .minMaxDecimal(let a, let s, _):
            guard s[g], case .decimal(let p, let sc) = resultType else { return .null }
            return .decimal(a[g], precision: p, scale: sc)
        case .generic(let objects): return try objects[g].finish()
        }
    }
}
