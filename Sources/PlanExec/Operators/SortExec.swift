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
        let batchSize = context.batchSize
        guard fetch == nil else { return try topK(stream, compiled, context) }
        // Every batch is reserved before it is kept (twice its size: the rows and their
        // sorted copy). When the pool refuses, the rows kept so far are sorted and written
        // to a spill file as one run; at the end the runs are merged.
        let reservation = MemoryReservation(context.memory, consumer: "Sort")
        var pending: [RecordBatch] = []
        var runs: [SpillFile] = []
        while let b = try stream.next() {
            let need = 2 * b.byteSize
            if !reservation.tryGrow(need) {
                if !pending.isEmpty {
                    runs.append(try spillRun(pending, compiled, context))
                    pending = []
                    metrics.notePeak(reservation.size)
                    reservation.free()
                }
                // With nothing kept, the batch must fit on its own (other operators may
                // hold the rest of the pool).
                try reservation.grow(need)
            }
            pending.append(b)
        }
        let all = RecordBatch.concat(pending, schema: input.schema)
        pending = []
        let sorted = all.gather(try sortedIndices(all, compiled, workers: context.workers))
        metrics.notePeak(max(reservation.size, all.byteSize))
        guard !runs.isEmpty else {
            reservation.free()
            return MemoryStream.slicing(sorted, every: batchSize)
        }
        // The rows still in memory are the last run.
        let streams = runs.map { $0.stream(schema: input.schema) } + [MemoryStream.slicing(sorted, every: batchSize)]
        return SortedRunMerge(runs: streams, schema: input.schema, keys: { b in try compiled.map { try $0.evaluate(b) } }, order: keys, batchSize: batchSize,
                              onFinish: { reservation.free() })
    }

    /// Top-k: keeps only the best `fetch` rows while reading.
    private func topK(_ stream: any BatchStream, _ compiled: [PhysicalExpr], _ context: ExecutionContext) throws -> any BatchStream {
        let fetch = self.fetch ?? 0
        var kept = RecordBatch.empty(input.schema)
        var pending: [RecordBatch] = []
        var pendingRows = 0
        func compact() throws {
            let all = RecordBatch.concat([kept] + pending, schema: input.schema)
            pending = []
            pendingRows = 0
            let order = try sortedIndices(all, compiled, workers: context.workers)
            kept = all.gather(Array(order.prefix(fetch)))
            metrics.peakBytes = max(metrics.peakBytes, all.byteSize)
        }
        while let b = try stream.next() {
            pending.append(b)
            pendingRows += b.rowCount
            if pendingRows >= max(fetch, RecordBatch.targetSize) { try compact() }
        }
        try compact()
        return MemoryStream.slicing(kept, every: context.batchSize)
    }

    /// Sorts `batches` and writes them to a new spill file as one sorted run.
    private func spillRun(_ batches: [RecordBatch], _ compiled: [PhysicalExpr], _ context: ExecutionContext) throws -> SpillFile {
        let all = RecordBatch.concat(batches, schema: input.schema)
        let sorted = all.gather(try sortedIndices(all, compiled, workers: context.workers))
        let file = try SpillFile(directory: context.temporaryDirectory)
        for piece in sorted.split(every: context.batchSize) {
            try context.checkCancelled()
            try file.write(piece)
        }
        metrics.noteSpilled(file.bytesWritten)
        return file
    }

    /// The batch's row order by the keys (stable). Large inputs are cut into one range
    /// per worker, each sorted on its own thread, and the sorted ranges merged (a tie
    /// takes the earlier range first, so the order is the same for any worker count).
    func sortedIndices(_ batch: RecordBatch, _ compiled: [PhysicalExpr], workers: Int = 1) throws -> [Int] {
        try SortExec.sortedIndices(columns: try compiled.map { try $0.evaluate(batch) }, keys: keys, rowCount: batch.rowCount, workers: workers)
    }

    /// The order of `rowCount` rows by key columns evaluated already (stable; the
    /// parallel range sort and merge above), for every operator that sorts.
    static func sortedIndices(columns: [ColumnVector], keys: [SortExpr], rowCount n: Int, workers: Int) throws -> [Int] {
        // Integer-like keys that fit in 64 bits with the row number sort as packed integers.
        if let order = try PackedSortKeys.order(columns: columns, keys: keys, rowCount: n, workers: workers) { return order }
        let comparator = SortKeyComparator(columns: columns, keys: keys)
        let parts = n >= 65_536 ? max(1, min(workers, n / 32_768)) : 1
        let bounds = (0...parts).map { $0 * n / parts }
        func sortRange(_ p: Int) -> Result<[Int], PlanError> {
            var indices = Array(bounds[p]..<bounds[p + 1])
            var failure: PlanError?
            // Stable: ties broken by original position.
            indices.sort { a, b in
                let c = comparator.order(a, b, failure: &failure)
                return c != 0 ? c < 0 : a < b
            }
            if let failure { return .failure(failure) }
            return .success(indices)
        }
        let helpers = (1..<parts).map { p in ExecutionRuntime.shared.start { UncheckedSendable(sortRange(p)) } }
        var runs = [try sortRange(0).get()]
        for h in helpers { runs.append(try h.wait().value.get()) }
        var failure: PlanError?
        let merged = mergeSortedRuns(runs) { comparator.order($0, $1, failure: &failure) < 0 }
        if let failure { throw failure }
        return merged
    }
}
