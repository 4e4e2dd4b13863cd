import PlanCore

/// A set of equally long columns: the unit operators pass to one another.
public struct RecordBatch: Hashable, Sendable {
    public let schema: Schema
    public let columns: [ColumnVector]
    public let rowCount: Int

    /// Rows per batch the scans and operators aim for.
    public static let targetSize = 4096

    public init(schema: Schema, columns: [ColumnVector], rowCount: Int? = nil) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
    }

    public static func empty(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.map { ColumnBuilder($0.dataType).finish() }, rowCount: 0)
    }

    /// The row `i` as values.
    public func row(_ i: Int) -> [ScalarValue] { columns.map { $0.value(i) } }

    public func gather(_ indices: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }

    public func slice(_ range: Range<Int>) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.slice(range) }, rowCount: range.count)
    }

    public func project(_ indices: [Int], schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: indices.map { columns[$0] }, rowCount: rowCount)
    }

    /// Batches built from rows of values (for VALUES, tests and small results).
    public static func from(rows: [[ScalarValue]], schema: Schema) -> RecordBatch {
        var builders = schema.fields.map { ColumnBuilder($0.dataType, capacity: rows.count) }
        for row in rows { for (i, v) in row.enumerated() where i < builders.count { builders[i].append(v) } }
        return RecordBatch(schema: schema, columns: builders.map { $0.finish() }, rowCount: rows.count)
    }

    /// All rows of `batches` as one batch.
    public static func concat(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        let nonEmpty = batches.filter { $0.rowCount > 0 }
        if nonEmpty.isEmpty { return .empty(schema) }
        if nonEmpty.count == 1 { return RecordBatch(schema: schema, columns: nonEmpty[0].columns, rowCount: nonEmpty[0].rowCount) }
        let columns = schema.fields.indices.map { c in
            ColumnVector.concat(nonEmpty.map { $0.columns[c] }, type: schema.fields[c].dataType)
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: nonEmpty.reduce(0) { $0 + $1.rowCount })
    }
}

extension RecordBatch {
    /// The batch in slices of at most `rows` rows (none for an empty batch).
    public func split(every rows: Int) -> [RecordBatch] {
        let size = max(1, rows)
        if rowCount <= size { return rowCount == 0 ? [] : [self] }
        return stride(from: 0, to: rowCount, by: size).map { slice($0..<min(rowCount, $0 + size)) }
    }
}
