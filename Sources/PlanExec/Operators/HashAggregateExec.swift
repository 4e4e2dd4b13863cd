import PlanCore

/// Groups rows by key columns (hash table on the key values) and runs accumulators per
/// group. Without group keys it produces exactly one row, even over no input.
public final class HashAggregateExec: PhysicalOperator {
    public let name = "HashAggregateExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let input: any PhysicalOperator
    let groupBy: [Expr]
    let aggregates: [AggregateCall]
    public var children: [any PhysicalOperator] { [input] }

    public var detail: String {
        "gby=[\(groupBy.map(\.description).joined(separator: ", "))] aggr=[\(aggregates.map { Expr.aggregate($0).description }.joined(separator: ", "))]"
    }

    init(groupBy: [Expr], aggregates: [AggregateCall], input: any PhysicalOperator, schema: Schema) {
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let plan = try compile(context)
        let table: AggregationTable, order: [Int]
        let simple = !(groupBy + aggregates.flatMap { $0.args + ($0.filter.map { [$0] } ?? []) }).contains(where: \.containsSubquery)
        if simple, plan.isMergeable, let morsels = try input.morsels(context) {
            // Every worker aggregates the morsels it takes into its own table; the tables
            // are merged once.
            let rows = MorselRows(count: morsels.count), name = self.name
            let tables = try morsels.fold(workers: context.workerCount, context: context, makeState: plan.makeTable) { t, b, i in
                rows.record(i, b.rowCount)
                try t.add(b, morsel: i) { try rows.evaluate($0, b, morsel: i, operator: name) }
            }
            (table, order) = try AggregationTable.merged(tables, schema: schema)
        } else {
            table = plan.makeTable()
            let stream = try input.run(context)
            var seen = 0, morsel = 0
            while let b = try stream.next() {
                try table.add(b, morsel: morsel) { try evaluate($0, b, rowOffset: seen) }
                seen += b.rowCount
                morsel += 1
            }
            order = Array(0..<table.encoder.groupCount)
        }
        let identity = order.indices.elementsEqual(order)
        var columns = table.encoder.keyColumns.enumerated().map { i, c in
            let ordered = identity ? c : c.gather(order)
            return ordered.dataType == schema.fields[i].dataType ? ordered : HashAggregateExec.conform(ordered, to: schema.fields[i].dataType)
        }
        for (k, acc) in table.accumulators.enumerated() {
            columns.append(try acc.column(order, as: schema.fields[groupBy.count + k].dataType))
        }
        let result = RecordBatch(schema: schema, columns: columns, rowCount: order.count)
        metrics.notePeak(result.byteSize)
        return MemoryStream(result.split(every: context.batchSize.load(ordering: .relaxed)))
    }

    /// `column`'s values as a column of `type` (a group key whose expression's type
    /// differs from the output field's).
    private static func conform(_ column: ColumnVector, to type: DataType) -> ColumnVector {
        var builder = ColumnBuilder(type, capacity: column.count)
        for r in 0..<column.count { builder.append(column.value(r)) }
        return builder.finish()
    }

    private func compile(_ context: ExecutionContext) throws -> AggregationPlan {
        let inSchema = input.schema
        func compiled(_ e: Expr) throws -> PhysicalExpr { try PhysicalExpr.compile(e, schema: inSchema, context: context) }
        var argExprs: [PhysicalExpr?] = []
        var filterExprs: [PhysicalExpr?] = []
        var factories: [AccumulatorFactory] = []
        for (k, call) in aggregates.enumerated() {
            let arg = try call.args.first.map(compiled)
            argExprs.append(arg)
            filterExprs.append(try call.filter.map(compiled))
            factories.append(AccumulatorFactory(function: call.function, inputType: arg?.dataType ?? .int64,
                                                resultType: schema.fields[groupBy.count + k].dataType, distinct: call.distinct))
        }
        return AggregationPlan(groupExprs: try groupBy.map(compiled), argExprs: argExprs, filterExprs: filterExprs,
                               factories: factories, calls: aggregates, operatorName: name,
                               expectedGroups: groupBy.isEmpty ? 1 : Int(min(metrics.estimatedRows ?? 0, 1e8)))
    }
}
