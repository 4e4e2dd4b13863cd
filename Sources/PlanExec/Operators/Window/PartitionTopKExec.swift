import PlanCore

/// Keeps the first `limit` rows of each partition in the window's order (ties by input
/// position, as the window's stable sort breaks them): a per-partition top-k below a
/// `WindowExec`, so only those rows are sorted. Planned for a Window node with a
/// `partition_limit` (`window_topk_per_partition`). Rows come out in input order.
public final class PartitionTopKExec: PhysicalOperator {
    public let name = "PartitionTopKExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let partitionBy: [Expr]
    let orderBy: [SortExpr]
    let limit: Int
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String {
        "partition_by=[\(partitionBy.map(\.description).joined(separator: ", "))] order_by=[\(orderBy.map(\.description).joined(separator: ", "))] fetch=\(limit)"
    }

    init(partitionBy: [Expr], orderBy: [SortExpr], limit: Int, input: any PhysicalOperator) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.limit = limit
        self.input = input
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let partitionExprs = try partitionBy.map { try PhysicalExpr.compile($0, schema: input.schema, context: context) }
        let orderExprs = try orderBy.map { try PhysicalExpr.compile($0.expr, schema: input.schema, context: context) }
        let stream = try input.run(context)
        let reservation = MemoryReservation(context.memory, consumer: "PartitionTopK")
        defer { reservation.free() }
        // The rows held: those kept at the last cut (one batch) and the batches read since;
        // per partition, its rows by their number among them.
        var held: [RecordBatch] = []
        var heldRows = 0, keptRows = 0
        // Partitions numbered by the grouping's key encoder (no array of values per row).
        var partitions = GroupKeyEncoder(types: partitionExprs.map(\.dataType))
        var members: [[Int]] = []
        func cutNow() throws {
            var all = RecordBatch.concat(held, schema: input.schema)
            try cut(&all, &members, orderExprs)
            held = [all]
            heldRows = all.rowCount
            keptRows = all.rowCount
            metrics.notePeak(reservation.size)
            reservation.free()
            reservation.forceGrow(all.byteSize)
        }
        while let b = try stream.next() {
            try context.checkCancelled()
            try reservation.grow(b.byteSize)
            let keys = try partitionExprs.map { try $0.evaluate(b) }
            // No PARTITION BY: one partition.
            let slots = keys.isEmpty ? [Int](repeating: 0, count: b.rowCount) : partitions.assign(keys, rowCount: b.rowCount)
            if keys.isEmpty, members.isEmpty { members = [[]] }
            if partitions.groupCount > members.count { members += Array(repeating: [], count: partitions.groupCount - members.count) }
            for (r, slot) in slots.enumerated() { members[slot].append(heldRows + r) }
            held.append(b)
            heldRows += b.rowCount
            // Cut once the rows held have doubled since the last cut (amortized: each row is
            // copied a constant number of times on average).
            if heldRows >= max(2 * keptRows, 65_536) { try cutNow() }
        }
        try cutNow()
        return MemoryStream.slicing(held.first ?? .empty(input.schema), every: context.batchSize)
    }

    /// Cuts each partition to its best `limit` rows and compacts `batch` to the rows kept,
    /// in input order.
    private func cut(_ batch: inout RecordBatch, _ members: inout [[Int]], _ orderExprs: [PhysicalExpr]) throws {
        let columns = try orderExprs.map { try $0.evaluate(batch) }
        let comparator = SortKeyComparator(columns: columns, keys: orderBy)
        var failure: PlanError?
        for s in members.indices where members[s].count > limit {
            members[s].sort { a, b in
                let c = comparator.order(a, b, failure: &failure)
                return c != 0 ? c < 0 : a < b
            }
            members[s].removeLast(members[s].count - limit)
        }
        if let failure { throw failure }
        // The rows kept, in input order, and each one's number among them.
        var position = [Int](repeating: -1, count: batch.rowCount)
        for m in members { for r in m { position[r] = 0 } }
        var keep: [Int] = []
        for r in position.indices where position[r] == 0 { position[r] = keep.count; keep.append(r) }
        batch = batch.gather(keep)
        for s in members.indices { members[s] = members[s].map { position[$0] }.sorted() }
    }
}
