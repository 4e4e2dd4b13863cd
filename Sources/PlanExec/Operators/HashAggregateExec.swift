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
        var groups: [[ScalarValue]: Int] = [:]
        var intGroups: [Int64: Int] = [:]
        var keys: [[ScalarValue]] = []
        var states: [[any Accumulator]] = []
        if groupBy.isEmpty {
            groups[[]] = 0
            keys.append([])
            states.append(factories.map { $0.make() })
        }
        let stream = try input.run(context)
        var seen = 0
        while let b = try stream.next() {
            let groupColumns = try groupExprs.map { try evaluate($0, b, rowOffset: seen) }
            let args = try argExprs.map { e in try e.map { try evaluate($0, b, rowOffset: seen) } }
            let filters = try filterExprs.map { e in try e.map { try evaluate($0, b, rowOffset: seen) } }
            defer { seen += b.rowCount }
            var rowGroup = [Int](repeating: 0, count: b.rowCount)
            if groupBy.count == 1, let ints = JoinHashTable.integers(groupColumns[0]) {
                // One integer-like key: hash the raw Int64 (NULL keys form their own group).
                let validity = groupColumns[0].validity
                for r in 0..<b.rowCount {
                    if let validity, !validity[r] {
                        let key: [ScalarValue] = [.null]
                        if let g = groups[key] { rowGroup[r] = g; continue }
                        let g = keys.count
                        groups[key] = g
                        keys.append(key)
                        states.append(factories.map { $0.make() })
                        rowGroup[r] = g
                        continue
                    }
                    if let g = intGroups[ints[r]] { rowGroup[r] = g; continue }
                    let g = keys.count
                    intGroups[ints[r]] = g
                    keys.append([groupColumns[0].value(r)])
                    states.append(factories.map { $0.make() })
                    rowGroup[r] = g
                }
            } else if !groupBy.isEmpty {
                for r in 0..<b.rowCount {
                    let key = groupColumns.map { $0.value(r) }
                    if let g = groups[key] { rowGroup[r] = g; continue }
                    let g = keys.count
                    groups[key] = g
                    keys.append(key)
                    states.append(factories.map { $0.make() })
                    rowGroup[r] = g
                }
            }
            for k in factories.indices {
                let arg = args[k], filter = filters[k]
                for r in 0..<b.rowCount {
                    if let filter, !ScalarOps.isTrue(filter.value(r)) { continue }
                    do { try states[rowGroup[r]][k].update(arg?.value(r) ?? .int64(1)) } catch let e as PlanError {
                        throw PlanError(.execution, "\(name): \(e.message) at row \(seen + r + 1) (in \(Expr.aggregate(aggregates[k])))")
                    }
                }
            }
        }
        var builders = schema.fields.map { ColumnBuilder($0.dataType, capacity: keys.count) }
        for (g, key) in keys.enumerated() {
            for (i, v) in key.enumerated() { builders[i].append(v) }
            for k in factories.indices {
                let v = try ScalarOps.cast(try states[g][k].finish(), to: schema.fields[groupBy.count + k].dataType)
                builders[groupBy.count + k].append(v)
            }
        }
        let result = RecordBatch(schema: schema, columns: builders.map { $0.finish() }, rowCount: keys.count)
        metrics.peakBytes = result.byteSize
        return MemoryStream(HashAggregateExec.split(result))
    }

    /// Splits a large result into batches of the target size.
    static func split(_ b: RecordBatch) -> [RecordBatch] {
        if b.rowCount <= RecordBatch.targetSize { return b.rowCount == 0 ? [] : [b] }
        return stride(from: 0, to: b.rowCount, by: RecordBatch.targetSize).map {
            b.slice($0..<min(b.rowCount, $0 + RecordBatch.targetSize))
        }
    }
}
