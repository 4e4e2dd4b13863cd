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
        let inSchema = input.schema
        let groupExprs = try groupBy.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(e, schema: inSchema, context: context)
        }
        var argExprs: [PhysicalExpr?] = []
        var filterExprs: [PhysicalExpr?] = []
        var factories: [AccumulatorFactory] = []
        for (k, call) in aggregates.enumerated() {
            let arg = try call.args.first.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
                try PhysicalExpr.compile(e, schema: inSchema, context: context)
            }
            argExprs.append(arg)
            filterExprs.append(try call.filter.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
                try PhysicalExpr.compile(e, schema: inSchema, context: context)
            })
            factories.append(AccumulatorFactory(function: call.function, inputType: arg?.dataType ?? .int64,
                                                resultType: schema.fields[groupBy.count + k].dataType, distinct: call.distinct))
        }
        var encoder = GroupKeyEncoder(width: groupBy.count)
        let accumulators = factories.map(GroupedAccumulator.init)
        if groupBy.isEmpty {
            encoder.addEmptyGroup()
            accumulators.forEach { $0.grow(to: 1) }
        }
        let stream = try input.run(context)
        var seen = 0
        while let b = try stream.next() {
            let groupColumns = try groupExprs.map { try evaluate($0, b, rowOffset: seen) }
            let args = try argExprs.map { e in try e.map { try evaluate($0, b, rowOffset: seen) } }
            let filters = try filterExprs.map { e in try e.map { try evaluate($0, b, rowOffset: seen) } }
            defer { seen += b.rowCount }
            let rowGroup = groupBy.isEmpty ? [Int](repeating: 0, count: b.rowCount)
                                           : encoder.assign(groupColumns, rowCount: b.rowCount)
            for (k, acc) in accumulators.enumerated() {
                acc.grow(to: encoder.groupCount)
                do { try acc.update(arg: args[k], keep: filters[k], groups: rowGroup) } catch let e as PlanError {
                    throw PlanError(.execution, "\(name): \(e.message) (in \(Expr.aggregate(aggregates[k])))")
                }
            }
        }
        let groupCount = encoder.groupCount
        var builders = schema.fields.map { ColumnBuilder($0.dataType, capacity: groupCount) }
        for (g, key) in encoder.groupValues.enumerated() {
            for (i, v) in key.enumerated() { builders[i].append(v) }
            for (k, acc) in accumulators.enumerated() {
                let v = try ScalarOps.cast(try acc.finish(g), to: schema.fields[groupBy.count + k].dataType)
                builders[groupBy.count + k].append(v)
            }
        }
        let result = RecordBatch(schema: schema, columns: builders.map { $0.finish() }, rowCount: groupCount)
        metrics.peakBytes = result.byteSize
        return MemoryStream(result.split(every: context.batchSize.load(ordering: .relaxed)))
    }
}
