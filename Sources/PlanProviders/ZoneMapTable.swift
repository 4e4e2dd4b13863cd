import PlanCore
import PlanExec

/// Wraps any table, keeps its rows in chunks with the minimum, maximum and NULL count of
/// every column per chunk (zone maps), and skips chunks a filter cannot match.
///
/// Filters it can judge from a zone map (column vs constant comparisons, BETWEEN, IN
/// lists, IS [NOT] NULL, and ANDs of those) are Inexact: chunks are pruned, but the rows
/// of a kept chunk are not filtered, so the Filter above stays. Others are Unsupported.
public final class ZoneMapTable: TableProvider {
    public let schema: Schema
    public let chunkRows: Int
    let inner: any TableProvider
    let chunks: [RecordBatch]
    /// Per chunk, per column: min, max and NULL count.
    let zones: [[ColumnZone]]
    let pruning: ZonePruning
    public var kind: String { "zone maps(\(inner.kind))" }
    /// The rows it holds (all read when it was made).
    let rowCount: Int
    public var estimatedRowCount: Int? { rowCount }
    public var rowCountIsExact: Bool { true }

    public init(wrapping inner: any TableProvider, chunkRows: Int = 4096) throws {
        self.inner = inner
        self.chunkRows = max(1, chunkRows)
        schema = inner.schema
        var rows: [RecordBatch] = []
        let stream = try inner.scan(projection: nil, filters: [], limit: nil)
        while let b = try stream.next() { rows.append(b.withSchema(inner.schema)) }
        let all = RecordBatch.concat(rows, schema: inner.schema)
        var chunks: [RecordBatch] = []
        var start = 0
        while start < all.rowCount {
            chunks.append(all.slice(start..<min(all.rowCount, start + self.chunkRows)))
            start += self.chunkRows
        }
        self.chunks = chunks
        pruning = ZonePruning(schema: inner.schema)
        rowCount = all.rowCount
        zones = chunks.map { chunk in
            chunk.columns.map { c in
                var lo = ScalarValue.null, hi = ScalarValue.null, nulls = 0
                for i in 0..<c.count {
                    let v = c.value(i)
                    if v.isNull { nulls += 1; continue }
                    if lo.isNull || (ScalarOps.compare(v, lo) ?? 0) < 0 { lo = v }
                    if hi.isNull || (ScalarOps.compare(v, hi) ?? 0) > 0 { hi = v }
                }
                return ColumnZone(min: lo.isNull ? nil : lo, max: hi.isNull ? nil : hi, nullCount: nulls, rows: c.count)
            }
        }
    }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { pruning.judgeable($0) ? .inexact : .unsupported }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let usable = filters.filter(pruning.judgeable)
        var out: [RecordBatch] = []
        var pruned = 0
        var budget = RowBudget(limit: limit)
        let outSchema = schema.projected(projection)
        for (i, chunk) in chunks.enumerated() where !budget.isExhausted {
            if usable.contains(where: { f in !pruning.mayMatch(f) { zones[i][$0] } }) { pruned += 1; continue }
            statistics.read(rows: chunk.rowCount, bytes: chunk.byteSize)
            if let b = budget.take(chunk.projected(projection, schema: outSchema)) { out.append(b) }
        }
        statistics.units(total: chunks.count, pruned: pruned, kind: "chunks")
        return MemoryStream(out)
    }
}
