import PlanCore
import PlanExec

extension MemoryTable {
    /// A table function's result, made when the query is planned: `rows` (each one value
    /// per field of `schema`) scanned as a memory table named `alias`.
    static func tableFunctionScan(schema: Schema, rows: [[ScalarValue]], function: String,
                                  alias: String) throws(PlanError) -> LogicalPlan {
        var builders = schema.fields.map { ColumnBuilder($0.dataType, capacity: rows.count) }
        for row in rows {
            for (i, v) in row.enumerated() { builders[i].append(v) }
        }
        let batch = RecordBatch(schema: schema, columns: builders.map { $0.finish() }, rowCount: rows.count)
        let memory = MemoryTable(schema: schema, batches: [batch], tableFunction: function)
        return .tableScan(try TableScan(tableName: alias, sourceSchema: schema, source: memory))
    }
}
