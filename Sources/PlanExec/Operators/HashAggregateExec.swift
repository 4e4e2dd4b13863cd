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
        let pool = context.memory, directory = context.temporaryDirectory
        let budget = { AggregationBudget(reservation: MemoryReservation(pool, consumer: "HashAggregate"), directory: directory, level: 0) }
        var tables: [AggregationTable]
        if plan.isMergeable, let morsels = try input.morsels(context) {
            // Every worker aggregates the morsels it takes into its own table; the tables
            // are merged once.
            let rows = MorselRows(count: morsels.count), name = self.name
            let caches = SubqueryCaches()
            tables = try morsels.fold(workers: context.workers, context: context, makeState: { plan.makeTable(budget()) }) { t, b, i in
                rows.record(i, b.rowCount)
                try caches.with { cache in
                    try t.add(b, morsel: i) { try rows.evaluate($0, b, morsel: i, operator: name, cache: &cache) }
                }
            }
        } else {
            let table = plan.makeTable(budget())
            let stream = try input.run(context)
            var seen = 0, morsel = 0
            var cache = SubqueryCache()
            while let b = try stream.next() {
                try table.add(b, morsel: morsel) { try evaluate($0, b, rowOffset: seen, cache: &cache) }
                seen += b.rowCount
                morsel += 1
            }
            tables = [table]
        }
        let batchSize = context.batchSize
        if tables.contains(where: { $0.spill != nil }) {
            let runs = try spilledRuns(tables, context)
            tables = []
            return try merge(runs, context)
        }
        let reserved = tables.reduce(0) { $0 + ($1.budget?.reservation.size ?? 0) }
        let merged = try AggregationTable.merged(tables, schema: schema)
        // The other workers' groups are in the merged table now: their tables go before
        // the output is made, and the output is cut into batches as they are read.
        tables = []
        let result = try output(merged.0, merged.order)
        metrics.notePeak(max(result.byteSize, reserved))
        return MemoryStream.slicing(result, every: batchSize)
    }

    /// The groups of `table` in `order`, as output rows.
    private func output(_ table: AggregationTable, _ order: [Int]) throws -> RecordBatch {
        let identity = order.indices.elementsEqual(order)
        var columns = table.encoder.keyColumns.enumerated().map { i, c in
            let ordered = identity ? c : c.gather(order)
            return ordered.dataType == schema.fields[i].dataType ? ordered : HashAggregateExec.conform(ordered, to: schema.fields[i].dataType)
        }
        for (k, acc) in table.accumulators.enumerated() {
            columns.append(try acc.column(order, as: schema.fields[groupBy.count + k].dataType))
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: order.count)
    }

    /// The output schema with each group's first-seen position after it: the layout of
    /// the runs a spilling aggregation writes.
    private var runSchema: Schema { Schema(schema.fields + [Field(name: "position", dataType: .int64, nullable: false)]) }

    /// Writes `table`'s groups, in first-seen order with their positions, as one run.
    private func writeRun(_ table: AggregationTable, _ context: ExecutionContext) throws -> SpillFile {
        let order = table.firstSeenOrder
        let rows = try output(table, order)
        let positions = ColumnVector(.int64, .int64(order.map { Int64(table.firstSeen[$0]) }))
        let run = RecordBatch(schema: runSchema, columns: rows.columns + [positions], rowCount: rows.rowCount)
        metrics.notePeak(run.byteSize + (table.budget?.reservation.size ?? 0))
        let file = try SpillFile(directory: context.temporaryDirectory)
        for piece in run.split(every: context.batchSize) {
            try context.checkCancelled()
            try file.write(piece)
        }
        metrics.noteSpilled(file.bytesWritten)
        return file
    }

    /// Aggregates tables some of which spilled: each group's rows are either in one
    /// table's memory or in one partition, so the merged tables make one run and each
    /// partition (split again while it does not fit) the others; every run is sorted by
    /// first-seen position, and merging them gives the groups in the order they come out
    /// without spilling.
    private func spilledRuns(_ tables: [AggregationTable], _ context: ExecutionContext) throws -> [SpillFile] {
        var spills = tables.compactMap(\.spill)
        for s in spills { metrics.noteSpilled(s.bytesWritten) }
        let (merged, _) = try AggregationTable.merged(tables, schema: schema)
        if tables.count > 1 {
            // A group one worker spilled may be in another worker's memory: its rows go
            // to that group, the rest are written again for the partitions.
            merged.startSpilling(level: 0, directory: context.temporaryDirectory)
            for p in 0..<AggregationSpill.fanOut {
                for s in spills {
                    guard let file = s.partition(p) else { continue }
                    for i in 0..<file.batchCount {
                        try context.checkCancelled()
                        try merged.add(s.input(try file.read(i, schema: s.schema)))
                    }
                }
            }
            spills = merged.spill.map { [$0] } ?? []
            for s in spills { metrics.noteSpilled(s.bytesWritten) }
        }
        var runs = [try writeRun(merged, context)]
        for t in tables { t.budget?.reservation.free() }
        for s in spills {
            for p in 0..<AggregationSpill.fanOut {
                if let file = s.partition(p) { runs += try partitionRuns(file, s, level: s.level + 1, context) }
            }
        }
        return runs
    }

    /// Aggregates one partition's rows on their own (spilling again, one level down,
    /// when they do not fit): its runs.
    private func partitionRuns(_ file: SpillFile, _ spill: AggregationSpill, level: Int, _ context: ExecutionContext) throws -> [SpillFile] {
        let table: AggregationTable
        do {
            let plan = try compile(context)
            table = plan.makeTable(AggregationBudget(reservation: MemoryReservation(context.memory, consumer: "HashAggregate"),
                                                     directory: context.temporaryDirectory, level: level))
            for i in 0..<file.batchCount {
                try context.checkCancelled()
                try table.add(spill.input(try file.read(i, schema: spill.schema)))
            }
        }
        var runs = [try writeRun(table, context)]
        table.budget?.reservation.free()
        if let deeper = table.spill {
            metrics.noteSpilled(deeper.bytesWritten)
            for p in 0..<AggregationSpill.fanOut {
                if let f = deeper.partition(p) { runs += try partitionRuns(f, deeper, level: level + 1, context) }
            }
        }
        return runs
    }

    /// The runs merged by first-seen position, without the position column.
    private func merge(_ runs: [SpillFile], _ context: ExecutionContext) throws -> any BatchStream {
        let runSchema = self.runSchema, schema = self.schema
        let merged = SortedRunMerge(runs: runs.map { $0.stream(schema: runSchema) }, schema: runSchema,
                                    keys: { b in [b.columns[b.columns.count - 1]] },
                                    order: [SortExpr(.literal(.int64(0)))], batchSize: context.batchSize)
        return ClosureStream {
            guard let b = try merged.next() else { return nil }
            return RecordBatch(schema: schema, columns: Array(b.columns.dropLast()), rowCount: b.rowCount)
        }
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
        var orderExprs: [[PhysicalExpr]] = []
        var factories: [AccumulatorFactory] = []
        for (k, call) in aggregates.enumerated() {
            let arg = try call.rowArgument.map(compiled)
            argExprs.append(arg)
            filterExprs.append(try call.filter.map(compiled))
            let order = call.effectiveOrder
            orderExprs.append(call.function.isOrderedSet ? [] : try order.map { try compiled($0.expr) })
            factories.append(AccumulatorFactory(function: call.function, inputType: arg?.dataType ?? .int64,
                                                resultType: schema.fields[groupBy.count + k].dataType, distinct: call.distinct,
                                                order: order.map { AggregateOrderKey(ascending: $0.ascending, nullsFirst: $0.nullsFirst) },
                                                constant: call.constantArgument ?? .null))
        }
        return AggregationPlan(groupExprs: try groupBy.map(compiled), argExprs: argExprs, filterExprs: filterExprs, orderExprs: orderExprs,
                               factories: factories, calls: aggregates, operatorName: name,
                               expectedGroups: groupBy.isEmpty ? 1 : Int(min(metrics.estimatedRows ?? 0, 1e8)))
    }
}
