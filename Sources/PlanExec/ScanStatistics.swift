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

    /// The rows of `batch` for which every filter is true, filters taken in order. While
    /// most rows are still kept, a filter that cannot fail is evaluated on the batch as
    /// it is and its mask combined with the others (no copy); once fewer than half remain,
    /// or for a filter that can fail, the kept rows are gathered first.
    public func apply(_ batch: RecordBatch) throws -> RecordBatch {
        guard !compiled.isEmpty, batch.rowCount > 0 else { return batch }
        var keep = Array(0..<batch.rowCount)
        var current = batch
        // Rows of `current` still kept (nil: all of them).
        var kept: [Bool]?
        var keptCount = current.rowCount
        func gatherKept() {
            guard let k = kept else { return }
            let rows = (0..<current.rowCount).filter { k[$0] }
            keep = rows.map { keep[$0] }
            current = batch.gather(keep)
            kept = nil
        }
        for f in compiled {
            if keptCount == 0 { break }
            let inPlace = f.source.cannotFail && keptCount * 2 >= current.rowCount
            if !inPlace { gatherKept() }
            let mask = try f.evaluate(current, reportingAs: "filter pushed to the table")
            guard case .boolean(let values) = mask.values else { return batch.gather([]) }
            var k = kept ?? [Bool](repeating: true, count: current.rowCount)
            for i in 0..<current.rowCount where k[i] && (!values[i] || mask.isNull(i)) {
                k[i] = false
                keptCount -= 1
            }
            kept = k
        }
        if keptCount == current.rowCount { return current }
        gatherKept()
        return current
    }
}
