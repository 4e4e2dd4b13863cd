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
        var kept: [RecordBatch] = []
        var slots: [[ScalarValue]: Int] = [:]
        var members: [[Int]] = []  // per partition, rows of `current` (kept + the new batch)
        var current = RecordBatch.empty(input.schema)
        // Each batch joins the rows kept so far; partitions over 2k rows are cut back to k.
        while let b = try stream.next() {
            try context.checkCancelled()
            let offset = current.rowCount
            current = RecordBatch.concat([current, b], schema: input.schema)
            try reservation.grow(b.byteSize)
            let keys = try partitionExprs.map { try $0.evaluate(b) }
            for r in 0..<b.rowCount {
                let key = keys.map { $0.value(r) }
                let slot: Int
                if let s = slots[key] { slot = s } else { slot = members.count; slots[key] = slot; members.append([]) }
                members[slot].append(offset + r)
            }
            if members.contains(where: { $0.count > 2 * max(limit, 512) }) { try cut(&current, &members, orderExprs, force: false) }
            kept = []
        }
        try cut(&current, &members, orderExprs, force: true)
        metrics.notePeak(reservation.size)
        kept.append(current)
        return MemoryStream(RecordBatch.concat(kept, schema: input.schema).split(every: context.batchSize))
    }

    /// Cuts each partition to its best `limit` rows (all partitions when `force`, else those
    /// over twice that) and compacts `batch` to the rows kept, in input order.
    private func cut(_ batch: inout RecordBatch, _ members: inout [[Int]], _ orderExprs: [PhysicalExpr], force: Bool) throws {
        let columns = try orderExprs.map { try $0.evaluate(batch) }
        let comparator = SortKeyComparator(columns: columns, keys: orderBy)
        var failure: PlanError?
        for s in members.indices where members[s].count > limit && (force || members[s].count > 2 * max(limit, 512)) {
            members[s].sort { a, b in
                let c = comparator.order(a, b, failure: &failure)
                return c != 0 ? c < 0 : a < b
            }
            members[s].removeLast(members[s].count - limit)
        }
        if let failure { throw failure }
        let keep = members.flatMap { $0 }.sorted()
        var position = [Int: Int]()
        for (i, r) in keep.enumerated() { position[r] = i }
        batch = batch.gather(keep)
        for s in members.indices { members[s] = members[s].compactMap { position[$0] }.sorted() }
    }
}
