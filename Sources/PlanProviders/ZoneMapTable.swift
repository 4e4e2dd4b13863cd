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
    /// Per chunk, per column: (min, max, nulls).
    let zones: [[(min: ScalarValue, max: ScalarValue, nulls: Int)]]
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
                return (lo, hi, nulls)
            }
        }
    }

    /// A constant's value, if the expression is one.
    static func constant(_ e: Expr) -> ScalarValue? {
        switch e {
        case .literal(let v): v
        case .cast(.literal(let v), let t): try? ScalarOps.cast(v, to: t)
        case .negative(.literal(let v)): try? ScalarOps.negate(v)
        default: nil
        }
    }

    func columnIndex(_ e: Expr) -> Int? {
        if case .column(let c) = e { return schema.fields.firstIndex { $0.name == c.name } }
        return nil
    }

    /// Whether the zone map can judge a filter.
    func judgeable(_ f: Expr) -> Bool {
        switch f {
        case .logical(.and, let operands): return operands.allSatisfy(judgeable)
        case .binary(let l, let op, let r) where op.isComparison:
            return (columnIndex(l) != nil && Self.constant(r) != nil) || (columnIndex(r) != nil && Self.constant(l) != nil)
        case .between(let e, let lo, let hi, false):
            return columnIndex(e) != nil && Self.constant(lo) != nil && Self.constant(hi) != nil
        case .inList(let e, let list, false):
            return columnIndex(e) != nil && list.allSatisfy { Self.constant($0) != nil }
        case .isTest(let e, .isNull), .isTest(let e, .isNotNull):
            return columnIndex(e) != nil
        default: return false
        }
    }

    /// False when no row of the chunk can satisfy `f` (NULL never satisfies a comparison).
    func mayMatch(_ f: Expr, _ zone: [(min: ScalarValue, max: ScalarValue, nulls: Int)], rows: Int) -> Bool {
        func cmp(_ a: ScalarValue, _ b: ScalarValue) -> Int? { ScalarOps.compare(a, b) }
        switch f {
        case .logical(.and, let operands): return operands.allSatisfy { mayMatch($0, zone, rows: rows) }
        case .binary(let l, var op, let r) where op.isComparison:
            var column = columnIndex(l), value = Self.constant(r)
            if column == nil { column = columnIndex(r); value = Self.constant(l); op = op.swapped ?? op }
            guard let c = column, let v = value else { return true }
            if v.isNull { return false }
            let z = zone[c]
            if z.min.isNull { return false }  // only NULLs
            guard let lo = cmp(z.min, v), let hi = cmp(z.max, v) else { return true }
            switch op {
            case .eq: return lo <= 0 && hi >= 0
            case .notEq: return !(lo == 0 && hi == 0)
            case .lt: return lo < 0
            case .ltEq: return lo <= 0
            case .gt: return hi > 0
            case .gtEq: return hi >= 0
            default: return true
            }
        case .between(let e, let low, let high, false):
            guard let lo = Self.constant(low), let hi = Self.constant(high) else { return true }
            return mayMatch(.binary(e, .gtEq, .literal(lo)), zone, rows: rows) && mayMatch(.binary(e, .ltEq, .literal(hi)), zone, rows: rows)
        case .inList(let e, let list, false):
            return list.contains { mayMatch(.binary(e, .eq, $0), zone, rows: rows) }
        case .isTest(let e, .isNull):
            return columnIndex(e).map { zone[$0].nulls > 0 } ?? true
        case .isTest(let e, .isNotNull):
            return columnIndex(e).map { zone[$0].nulls < rows } ?? true
        default: return true
        }
    }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { judgeable($0) ? .inexact : .unsupported }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let usable = filters.filter(judgeable)
        var out: [RecordBatch] = []
        var pruned = 0
        var budget = RowBudget(limit: limit)
        let outSchema = schema.projected(projection)
        for (i, chunk) in chunks.enumerated() where !budget.isExhausted {
            if usable.contains(where: { !mayMatch($0, zones[i], rows: chunk.rowCount) }) { pruned += 1; continue }
            statistics.read(rows: chunk.rowCount, bytes: chunk.byteSize)
            if let b = budget.take(chunk.projected(projection, schema: outSchema)) { out.append(b) }
        }
        statistics.units(total: chunks.count, pruned: pruned, kind: "chunks")
        return MemoryStream(out)
    }
}
