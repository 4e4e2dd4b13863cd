import PlanCore

/// A table's rows read once and kept for the rest of one query, so a correlated
/// subquery that runs once per outer row does not re-read its tables every time.
final class MaterializedTable: TableProvider, Sendable {
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
        let outSchema = schema.projected(projection)
        var budget = RowBudget(limit: limit)
        var result: [RecordBatch] = []
        let evaluator = try PushedFilterEvaluator(filters, schema: schema)
        for unfiltered in batches where !budget.isExhausted {
            if let b = budget.take(try evaluator.apply(unfiltered).projected(projection, schema: outSchema)) { result.append(b) }
        }
        return MemoryStream(result)
    }

    func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        Array(repeating: .unsupported, count: filters.count)
    }
}
