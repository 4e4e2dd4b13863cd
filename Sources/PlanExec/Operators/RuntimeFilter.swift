import PlanCore
import PlanSupport
import Synchronization

/// A hash join's build-side keys offered, while the query runs, to a scan on its probe
/// side: once the build is hashed, the scan drops rows whose key is outside the build
/// keys' range or not in their bloom filter — rows the join would drop anyway (an inner,
/// right or semi join keeps no probe row without a match, and a NULL key matches nothing).
/// A runtime pushdown, as DuckDB's and DataFusion's dynamic join filters: planned with the
/// physical plan (`pushdown.runtime_filters`), shown in EXPLAIN on both operators, and
/// counted in the scan's statistics (rows pruned by `runtime filter`).
///
/// Single integer-like keys only (surrogate keys, dates). Rows pass unfiltered until the
/// build is published (a streaming probe may start first); a filter that prunes under
/// 1 in 20 of its first 65,536 rows switches itself off, so a join whose build holds
/// nearly every key pays only for those rows.
public final class RuntimeFilter: Sendable {
    /// The probe-side column the scan filters (as the join names it).
    public let probeColumn: Column
    /// The build-side key, as the join names it.
    public let buildKey: Expr

    private enum State: Sendable {
        case pending
        case ready(IntegerKeySet)
        case off
    }
    private let state = Locked(State.pending)
    private let checked = Atomic<Int>(0)
    private let prunedRows = Atomic<Int>(0)

    /// Rows checked before a filter that prunes too little switches itself off.
    static let trialRows = 65_536

    init(probeColumn: Column, buildKey: Expr) {
        self.probeColumn = probeColumn
        self.buildKey = buildKey
    }

    /// `probe column ← build key`, for EXPLAIN.
    public var description: String { "\(probeColumn) IN build(\(buildKey))" }

    /// Forgets an earlier run's keys (the join starts again).
    func reset() {
        state.withLock { $0 = .pending }
        checked.store(0, ordering: .relaxed)
        prunedRows.store(0, ordering: .relaxed)
    }

    /// The build side's key column, hashed: from now on the scan filters with it.
    func publish(buildKeys: ColumnVector) {
        let set = IntegerKeySet(buildKeys)
        state.withLock { $0 = set.map(State.ready) ?? .off }
    }

    /// What the filter makes of `column` (the probe key as the scan returns it): not
    /// checked (nothing published yet, or the filter is off), or the rows that may have
    /// a match.
    enum Verdict {
        case unchecked
        case kept([Int])
    }

    func check(_ column: ColumnVector) -> Verdict {
        guard case .ready(let set) = state.withLock({ $0 }), let kept = set.matching(column) else { return .unchecked }
        let seen = checked.add(column.count, ordering: .relaxed).newValue
        let pruned = prunedRows.add(column.count - kept.count, ordering: .relaxed).newValue
        if seen >= Self.trialRows, pruned * 20 < seen {
            state.withLock { $0 = .off }
        }
        return .kept(kept)
    }
}

/// Integer keys as a range and a bloom filter (two probes a key, 16 bits a key, at most
/// 64 Mi bits): a key outside either is certainly not a build key.
struct IntegerKeySet: Sendable {
    let low: Int64
    let high: Int64
    /// Nil when the build has too many keys for the bits allowed (the range alone filters).
    let bits: [UInt64]?
    let mask: UInt64

    static let maxBits = 1 << 26

    /// Nil when the keys are not integer-like.
    init?(_ keys: ColumnVector) {
        guard let values = JoinHashTable.integers(keys) else { return nil }
        var low = Int64.max, high = Int64.min
        var count = 0
        for (r, v) in values.enumerated() where !keys.isNull(r) {
            low = min(low, v); high = max(high, v); count += 1
        }
        self.low = low
        self.high = high
        let wanted = max(1024, count.multipliedReportingOverflow(by: 16).partialValue)
        guard count > 0, wanted <= Self.maxBits else {
            bits = nil
            mask = 0
            return
        }
        var size = 1024
        while size < wanted { size <<= 1 }
        mask = UInt64(size - 1)
        var words = [UInt64](repeating: 0, count: size / 64)
        for (r, v) in values.enumerated() where !keys.isNull(r) {
            let (a, b) = Self.probes(v, mask)
            words[Int(a >> 6)] |= 1 << (a & 63)
            words[Int(b >> 6)] |= 1 << (b & 63)
        }
        bits = words
    }

    /// Two bit positions for `v` from one 64-bit mix.
    @inline(__always) static func probes(_ v: Int64, _ mask: UInt64) -> (UInt64, UInt64) {
        var x = UInt64(bitPattern: v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        return (x & mask, (x >> 32) & mask)
    }

    @inline(__always) func contains(_ v: Int64) -> Bool {
        guard v >= low, v <= high else { return false }
        guard let bits else { return true }
        let (a, b) = Self.probes(v, mask)
        return bits[Int(a >> 6)] & (1 << (a & 63)) != 0 && bits[Int(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// The rows of `column` that may hold a build key (none with NULL); nil when the
    /// column is not integer-like.
    func matching(_ column: ColumnVector) -> [Int]? {
        var kept: [Int] = []
        kept.reserveCapacity(column.count)
        switch column.values {
        case .int32(let a):
            for (r, v) in a.enumerated() where contains(Int64(v)) && !column.isNull(r) { kept.append(r) }
        case .int64(let a):
            for (r, v) in a.enumerated() where contains(v) && !column.isNull(r) { kept.append(r) }
        case .date(let a):
            for (r, v) in a.enumerated() where contains(Int64(v)) && !column.isNull(r) { kept.append(r) }
        default:
            guard let values = JoinHashTable.integers(column) else { return nil }
            for (r, v) in values.enumerated() where contains(v) && !column.isNull(r) { kept.append(r) }
        }
        return kept
    }
}

extension RuntimeFilter {
    /// The filter a hash join offers its probe side, placed on the scan that produces the
    /// probe key — through filters, projections that pass the column on, and joins of
    /// either kind (each passes the key's value on unchanged, or NULL where it pads, and
    /// NULL matches nothing) — or nil when there is no such scan or key: the join must
    /// drop every probe row without a match (inner, right, semi), and the key must be a
    /// plain integer-like column.
    static func place(for joinType: JoinType, keys: [JoinKey], probe: any PhysicalOperator) -> RuntimeFilter? {
        guard [.inner, .right, .leftSemi].contains(joinType) else { return nil }
        for key in keys {
            guard case .column(let column) = key.left, let field = probe.schema.field(for: column),
                  [.int16, .int32, .int64, .date].contains(field.dataType),
                  let (scan, index) = source(of: column, in: probe) else { continue }
            let filter = RuntimeFilter(probeColumn: column, buildKey: key.right)
            scan.add(filter, column: index)
            return filter
        }
        return nil
    }

    /// The scan producing `column` unchanged below `op`, and the column's index in it.
    static func source(of column: Column, in op: any PhysicalOperator) -> (ScanExec, Int)? {
        switch op {
        case let scan as ScanExec:
            return scan.schema.index(of: column).map { (scan, $0) }
        case let filter as FilterExec:
            return source(of: column, in: filter.input)
        case let projection as ProjectionExec:
            guard projection.exprs.contains(.column(column)) else { return nil }
            return source(of: column, in: projection.input)
        case let join as JoinExec where !join.keys.isEmpty:
            if join.left.schema.index(of: column) != nil { return source(of: column, in: join.left) }
            if join.right.schema.index(of: column) != nil { return source(of: column, in: join.right) }
            return nil
        default:
            return nil
        }
    }
}
