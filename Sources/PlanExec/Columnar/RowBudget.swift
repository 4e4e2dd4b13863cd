import PlanCore

extension RecordBatch {
    /// The columns at `projection` (all when nil) of a table's batch, under `schema`.
    public func projected(_ projection: [Int]?, schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: projection.map { p in p.map { columns[$0] } } ?? columns, rowCount: rowCount)
    }
}

extension Schema {
    /// The fields at `projection` (all when nil).
    public func projected(_ projection: [Int]?) -> Schema {
        projection.map { p in Schema(p.map { fields[$0] }) } ?? self
    }
}

/// The rows a scan may still return under its `limit`: providers pass each batch
/// through ``take(_:)`` and stop when ``isExhausted``.
public struct RowBudget {
    private var remaining: Int

    public init(limit: Int?) { remaining = limit ?? Int.max }

    public var isExhausted: Bool { remaining <= 0 }

    /// The batch cut to what is left of the budget (nil if nothing is left of it).
    public mutating func take(_ batch: RecordBatch) -> RecordBatch? {
        guard remaining > 0 else { return nil }
        let b = batch.rowCount > remaining ? batch.slice(0..<remaining) : batch
        remaining -= b.rowCount
        return b
    }
}
