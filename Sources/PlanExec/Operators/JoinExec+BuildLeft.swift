import Dispatch
import PlanCore

/// Semi and anti joins whose left input is the smaller one hash the left side and stream
/// the right side past it, marking each left row some right row matches (the residual
/// filter evaluated on the candidate pairs of rows not yet marked); the left rows marked
/// (semi) or not (anti) then come out in left order — the same rows, in the same order,
/// as probing a table of the larger right side with every left row.
extension JoinExec {
    /// Whether `join` should hash its left input: a semi or anti join on keys whose left
    /// input is estimated smaller than its right, with a residual filter that cannot fail
    /// (it sees different pairs than a right-built join would, so it must not raise) and
    /// no NOT IN semantics.
    static func buildsLeft(_ join: Join, left: Double, right: Double) -> Bool {
        (join.joinType == .leftSemi || join.joinType == .leftAnti) && !join.nullAware && !join.on.isEmpty
            && (join.filter?.cannotFail ?? true) && left < right
    }

    /// Hashes the left input, folds the right input's morsels into per-worker marks of
    /// the left rows matched, and returns the output as morsels of left rows.
    func leftBuiltMorsels(_ context: ExecutionContext) throws -> Morsels {
        let start = DispatchTime.now().uptimeNanoseconds
        let collected = try JoinExec.collectBuild(left, context)
        let build = collected.rows
        metrics.notePeak(max(build.byteSize, collected.reservation.size))
        var leftKeyColumns: [ColumnVector] = []
        for k in keys {
            leftKeyColumns.append(try PhysicalExpr.compile(k.left, schema: left.schema, context: context).evaluate(build))
        }
        let table = JoinHashTable(keys: leftKeyColumns, rowCount: build.rowCount, workers: context.workers)
        let rightKeys = try keys.map { (k: JoinKey) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(k.right, schema: right.schema, context: context)
        }
        let combined = left.schema.joined(with: right.schema)
        let filter = try self.filter.map { (f: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(f, schema: combined, context: context)
        }
        let caches = SubqueryCaches()
        /// Marks the build rows `rb`'s rows match.
        func mark(_ matched: inout [Bool], _ rb: RecordBatch) throws {
            guard build.rowCount > 0, rb.rowCount > 0 else { return }
            try caches.with { cache in try mark(&matched, rb, cache: &cache) }
        }
        func mark(_ matched: inout [Bool], _ rb: RecordBatch, cache: inout SubqueryCache) throws {
            var probeRows: [Int] = [], buildRows: [Int] = []
            var nullKey = [Bool](repeating: false, count: rb.rowCount)
            table.probe(try rightKeys.map { try $0.evaluate(rb, cache: &cache) }, rowCount: rb.rowCount,
                        li: &probeRows, ri: &buildRows, nullKey: &nullKey)
            guard let filter else {
                for b in buildRows { matched[b] = true }
                return
            }
            // Only pairs whose left row is not marked yet can tell anything new.
            var open: [Int] = []
            for k in buildRows.indices where !matched[buildRows[k]] { open.append(k) }
            guard !open.isEmpty else { return }
            let bs = open.map { buildRows[$0] }, ps = open.map { probeRows[$0] }
            let pairs = RecordBatch(schema: combined, columns: build.columns.map { $0.gather(bs) } + rb.columns.map { $0.gather(ps) },
                                    rowCount: open.count)
            for k in FilterExec.selection(try filter.evaluate(pairs, cache: &cache)) { matched[bs[k]] = true }
        }
        var matched = [Bool](repeating: false, count: build.rowCount)
        if let input = try right.morsels(context) {
            let states = try input.fold(workers: context.workers, context: context,
                                        makeState: { [Bool](repeating: false, count: build.rowCount) }) { state, rb, _ in
                try mark(&state, rb)
            }
            for state in states { for i in state.indices where state[i] { matched[i] = true } }
        } else {
            let stream = try right.run(context)
            while let rb = try stream.next() {
                try context.checkCancelled()
                try mark(&matched, rb)
            }
        }
        let wanted = joinType == .leftSemi
        let rows = matched.indices.filter { matched[$0] == wanted }
        metrics.add(rows: 0, batches: 0, nanos: DispatchTime.now().uptimeNanoseconds - start)
        // The output in left order, a batch size at a time.
        let size = max(1, context.batchSize)
        let schema = self.schema
        let count = (rows.count + size - 1) / size
        let reservation = collected.reservation
        return Morsels(count: count) { i in
            // The build's memory stays reserved while its rows are handed out.
            withExtendedLifetime(reservation) {}
            let slice = Array(rows[(i * size)..<min(rows.count, (i + 1) * size)])
            return RecordBatch(schema: schema, columns: build.columns.map { $0.gather(slice) }, rowCount: slice.count)
        }.then(metrics) { b, _ in b }
    }
}
