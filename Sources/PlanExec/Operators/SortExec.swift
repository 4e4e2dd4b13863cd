import PlanCore

/// Sorts all input rows by the keys (stable; NULLS FIRST/LAST as asked). With a
/// `fetch` it keeps only the best `fetch` rows while reading (top-k).
public final class SortExec: PhysicalOperator {
    public var name: String { fetch == nil ? "SortExec" : "SortExec(TopK)" }
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let keys: [SortExpr]
    let fetch: Int?
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String {
        var s = "[\(keys.map(\.description).joined(separator: ", "))]"
        if let fetch { s += " fetch=\(fetch)" }
        return s
    }

    init(_ keys: [SortExpr], fetch: Int?, input: any PhysicalOperator) {
        self.keys = keys
        self.fetch = fetch
        self.input = input
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let compiled = try keys.map { (k: SortExpr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(k.expr, schema: input.schema, context: context)
        }
        let stream = try input.run(context)
        var kept = RecordBatch.empty(input.schema)
        var pending: [RecordBatch] = []
        var pendingRows = 0
        func compact() throws {
            let all = RecordBatch.concat([kept] + pending, schema: input.schema)
            pending = []
            pendingRows = 0
            let order = try sortedIndices(all, compiled)
            let take = fetch.map { Array(order.prefix($0)) } ?? order
            kept = all.gather(take)
            metrics.peakBytes = max(metrics.peakBytes, all.byteSize)
        }
        while let b = try stream.next() {
            pending.append(b)
            pendingRows += b.rowCount
            if let fetch, pendingRows >= max(fetch, RecordBatch.targetSize) { try compact() }
        }
        try compact()
        return MemoryStream(kept.split(every: context.batchSize.load(ordering: .relaxed)))
    }

    func sortedIndices(_ batch: RecordBatch, _ compiled: [PhysicalExpr]) throws -> [Int] {
        let columns = try compiled.map { try $0.evaluate(batch) }
        let keys = self.keys
        var indices = Array(0..<batch.rowCount)
        var failure: Error?
        // Stable: ties broken by original position.
        indices.sort { a, b in
            for (k, c) in columns.enumerated() {
                let x = c.value(a), y = c.value(b)
                if x.isNull || y.isNull {
                    if x.isNull && y.isNull { continue }
                    return x.isNull == keys[k].nullsFirst
                }
                guard let cmp = ScalarOps.compare(x, y) else {
                    failure = PlanError(.execution, "cannot order \(x.dataType.sqlName) against \(y.dataType.sqlName)")
                    return false
                }
                if cmp != 0 { return keys[k].ascending ? cmp < 0 : cmp > 0 }
            }
            return a < b
        }
        if let failure { throw failure }
        return indices
    }
}
