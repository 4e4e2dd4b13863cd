import PlanCore
import PlanExec
import Synchronization

/// A table held in memory as record batches. Inserts append; scans see a snapshot.
public final class MemoryTable: TableProvider {
    public let schema: Schema
    public var kind: String { "memory" }
    private let storage: Mutex<[RecordBatch]>

    public init(schema: Schema, batches: [RecordBatch] = []) {
        self.schema = schema
        storage = Mutex(batches.filter { $0.rowCount > 0 })
    }

    /// All batches currently stored.
    public var batches: [RecordBatch] { storage.withLock { $0 } }
    public var rowCount: Int { storage.withLock { $0.reduce(0) { $0 + $1.rowCount } } }
    public var estimatedRowCount: Int? { rowCount }

    /// Exact for every filter over the table's columns without subqueries: the table
    /// evaluates them itself.
    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { f in
            let ok = !f.containsSubquery && !f.containsAggregate
                && !f.contains { if case .outerColumn = $0 { true } else { false } }
                && f.columnRefs.allSatisfy { schema.index(of: $0) != nil }
                && (try? f.dataType(in: schema)) == .boolean
            return ok ? .exact : .unsupported
        }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let snapshot = batches
        let outSchema = schema.projected(projection)
        // Filter after projecting when the projection has the filters' columns, so only
        // the wanted columns are gathered.
        let projectFirst = filters.allSatisfy { f in f.columnRefs.allSatisfy { outSchema.index(of: $0) != nil } }
        let evaluator = try PushedFilterEvaluator(filters, schema: projectFirst ? outSchema : schema)
        var out: [RecordBatch] = []
        var budget = RowBudget(limit: limit)
        statistics.units(total: snapshot.count, pruned: 0, kind: "batches")
        for batch in snapshot where !budget.isExhausted {
            statistics.read(rows: batch.rowCount, bytes: batch.byteSize)
            let b = projectFirst ? try evaluator.apply(batch.projected(projection, schema: outSchema))
                                 : try evaluator.apply(batch).projected(projection, schema: outSchema)
            if b.rowCount > 0, let kept = budget.take(b) { out.append(kept) }
        }
        return MemoryStream(out)
    }

    public func insert(_ batches: [RecordBatch]) throws -> Int {
        var n = 0
        let normalized = batches.filter { $0.rowCount > 0 }.map { b -> RecordBatch in
            n += b.rowCount
            return RecordBatch(schema: schema, columns: b.columns, rowCount: b.rowCount)
        }
        try checkNotNull(normalized)
        storage.withLock { $0.append(contentsOf: normalized) }
        return n
    }

    public func deleteFrom(filters: [Expr]) throws -> Int {
        try storage.withLock { (stored: inout [RecordBatch]) throws -> Int in
            let (kept, deleted) = try RowRewrite.delete(stored, schema: schema, filters: filters)
            stored = kept
            return deleted
        }
    }

    public func update(assignments: [(column: String, value: Expr)], filters: [Expr]) throws -> Int {
        try storage.withLock { (stored: inout [RecordBatch]) throws -> Int in
            let (updated, count) = try RowRewrite.update(stored, schema: schema, assignments: assignments, filters: filters)
            stored = updated
            return count
        }
    }

    private func checkNotNull(_ batches: [RecordBatch]) throws {
        for (i, f) in schema.fields.enumerated() where !f.nullable {
            for b in batches where b.columns[i].nullCount > 0 {
                throw PlanError(.execution, "NULL value in column '\(f.name)' violates NOT NULL")
            }
        }
    }
}
