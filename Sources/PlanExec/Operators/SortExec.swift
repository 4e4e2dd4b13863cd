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
        let comparator = SortKeyComparator(columns: try compiled.map { try $0.evaluate(batch) }, keys: keys)
        var indices = Array(0..<batch.rowCount)
        var failure: PlanError?
        // Stable: ties broken by original position.
        indices.sort { a, b in
            let c = comparator.order(a, b, failure: &failure)
            return c != 0 ? c < 0 : a < b
        }
        if let failure { throw failure }
        return indices
    }
}
