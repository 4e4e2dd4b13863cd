import PlanCore

/// Renames the input's columns (SubqueryAlias), or casts them to another schema's types.
public final class RenameExec: PhysicalOperator {
    public let name = "RenameExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let input: any PhysicalOperator
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "columns=[\(schema.fields.map(\.qualifiedName).joined(separator: ", "))]" }

    init(input: any PhysicalOperator, schema: Schema) {
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try input.run(context)
        let schema = self.schema
        return ClosureStream {
            guard let b = try stream.next() else { return nil }
            return try RenameExec.conform(b, to: schema)
        }
    }

    public func morsels(_ context: ExecutionContext) throws -> Morsels? {
        guard let input = try input.morsels(context) else { return nil }
        let schema = self.schema
        return input.then(metrics) { b, _ in try RenameExec.conform(b, to: schema) }
    }

    /// `batch` relabelled with `schema`, casting columns whose type differs.
    static func conform(_ b: RecordBatch, to schema: Schema) throws -> RecordBatch {
        var columns = b.columns
        for (i, f) in schema.fields.enumerated() where columns[i].dataType != f.dataType {
            let c = columns[i]
            if let fast = Kernels.cast(c, to: f.dataType) { columns[i] = fast; continue }
            var builder = ColumnBuilder(f.dataType, capacity: c.count)
            for r in 0..<c.count { builder.append(try ScalarOps.cast(c.value(r), to: f.dataType)) }
            columns[i] = builder.finish()
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: b.rowCount)
    }
}
