import PlanCore

/// Literal rows, or one empty row (`SELECT 1`), or nothing.
public final class ValuesExec: PhysicalOperator {
    public let name = "ValuesExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let rows: [[Expr]]
    let emptyRows: Int
    public var children: [any PhysicalOperator] { [] }
    public var detail: String { rows.isEmpty ? "rows=\(emptyRows)" : "rows=\(rows.count)" }

    init(rows: [[Expr]], schema: Schema) {
        self.rows = rows
        self.schema = schema
        emptyRows = 0
    }

    init(emptyRows: Int, schema: Schema) {
        rows = []
        self.schema = schema
        self.emptyRows = emptyRows
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        if rows.isEmpty {
            if emptyRows == 0 { return MemoryStream([]) }
            return MemoryStream([RecordBatch(schema: schema, columns: schema.fields.map {
                ColumnVector.constant(.null, type: $0.dataType, count: emptyRows)
            }, rowCount: emptyRows)])
        }
        let one = RecordBatch(schema: .empty, columns: [], rowCount: 1)
        var values: [[ScalarValue]] = []
        for row in rows {
            var out: [ScalarValue] = []
            for (i, e) in row.enumerated() {
                let v = try PhysicalExpr.compile(e, schema: .empty, context: context).evaluate(one).value(0)
                out.append(try ScalarOps.cast(v, to: schema.fields[i].dataType))
            }
            values.append(out)
        }
        return MemoryStream([RecordBatch.from(rows: values, schema: schema)])
    }
}
