import PlanCore

/// A table's rows read once and kept for the rest of one query, so a correlated
/// subquery that runs once per outer row does not re-read its tables every time.
final class MaterializedTable: TableProvider, @unchecked Sendable {
    let schema: Schema
    let batches: [RecordBatch]
    let original: String
    var kind: String { "materialized(\(original))" }

    init(of provider: any TableProvider) throws {
        schema = provider.schema
        original = provider.kind
        batches = try drain(provider.scan(projection: nil, filters: [], limit: nil))
    }

    /// Applies every filter it is given: the plan's scan may carry filters the original
    /// table promised to apply (Exact), and this copy stands in for it.
    func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        let out = schema
        var remaining = limit ?? Int.max
        var result: [RecordBatch] = []
        let evaluator = try PushedFilterEvaluator(filters, schema: schema)
        for unfiltered in batches where remaining > 0 {
            let b = try evaluator.apply(unfiltered)
            var batch = projection.map { p in RecordBatch(schema: Schema(p.map { out.fields[$0] }), columns: p.map { b.columns[$0] }, rowCount: b.rowCount) } ?? b
            if batch.rowCount > remaining { batch = batch.slice(0..<remaining) }
            remaining -= batch.rowCount
            result.append(batch)
        }
        return MemoryStream(result)
    }

    func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        Array(repeating: .unsupported, count: filters.count)
    }
}
