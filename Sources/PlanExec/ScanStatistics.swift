import PlanCore

/// What one scan did, as the provider and the scan operator saw it: for pushdown contract
/// reports and EXPLAIN ANALYZE.
public final class ScanStatistics: Sendable {
    struct Counts {
        var rowsRead = 0
        var bytesRead = 0
        var rowsReturned = 0
        var unitsTotal = 0
        var unitsPruned = 0
        var unitKind = "chunks"
    }
    private let counts = Locked(Counts())

    public init() {}

    /// Rows and bytes the provider looked at (before its own filtering).
    public func read(rows: Int, bytes: Int) { counts.withLock { $0.rowsRead += rows; $0.bytesRead += bytes } }
    public func returned(rows: Int) { counts.withLock { $0.rowsReturned += rows } }
    /// Files or chunks the table has, and how many it skipped without reading.
    public func units(total: Int, pruned: Int, kind: String) {
        counts.withLock { $0.unitsTotal += total; $0.unitsPruned += pruned; $0.unitKind = kind }
    }

    public var rowsRead: Int { counts.withLock { $0.rowsRead } }
    public var bytesRead: Int { counts.withLock { $0.bytesRead } }
    public var rowsReturned: Int { counts.withLock { $0.rowsReturned } }
    public var unitsTotal: Int { counts.withLock { $0.unitsTotal } }
    public var unitsPruned: Int { counts.withLock { $0.unitsPruned } }
    public var unitKind: String { counts.withLock { $0.unitKind } }
}

/// Applies pushed filters to batches inside a provider (for providers that promise Exact).
public struct PushedFilterEvaluator: Sendable {
    private let compiled: [PhysicalExpr]

    /// Compiles `filters` (unqualified columns of `schema`).
    public init(_ filters: [Expr], schema: Schema) throws {
        let context = PhysicalPlanner.makeContext()
        compiled = try filters.map { (f: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(f, schema: schema, context: context)
        }
    }

    public var isEmpty: Bool { compiled.isEmpty }

    /// The rows of `batch` for which every filter is true. Filters that cannot fail are
    /// evaluated on the whole batch and their masks combined (one gather, not one per
    /// filter); the others then run one after another on the rows still kept.
    public func apply(_ batch: RecordBatch) throws -> RecordBatch {
        guard !compiled.isEmpty, batch.rowCount > 0 else { return batch }
        let n = batch.rowCount
        var kept: [Bool]?
        for f in compiled where f.source.cannotFail {
            let mask = try f.evaluate(batch, reportingAs: "filter pushed to the table")
            guard case .boolean(let values) = mask.values else { kept = [Bool](repeating: false, count: n); break }
            var k = kept ?? [Bool](repeating: true, count: n)
            for i in 0..<n where k[i] && (!values[i] || mask.isNull(i)) { k[i] = false }
            kept = k
        }
        var keep = kept.map { k in (0..<n).filter { k[$0] } } ?? Array(0..<n)
        var current = keep.count == n ? batch : batch.gather(keep)
        for f in compiled where !f.source.cannotFail {
            if keep.isEmpty { break }
            let mask = try f.evaluate(current, reportingAs: "filter pushed to the table")
            let sel = FilterExec.selection(mask)
            if sel.count == current.rowCount { continue }
            keep = sel.map { keep[$0] }
            current = batch.gather(keep)
        }
        return current
    }
}
