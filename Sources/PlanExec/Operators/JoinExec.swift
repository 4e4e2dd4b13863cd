import Dispatch
import PlanCore
import PlanSupport

/// Joins two inputs. With equality keys it hashes the right (build) side and probes it
/// with left rows (`HashJoinExec`); without keys every right row is a candidate
/// (`NestedLoopJoinExec`). A residual filter is evaluated on candidate pairs. Output
/// order follows the left input; unmatched right rows of RIGHT/FULL joins come last.
public final class JoinExec: PhysicalOperator {
    public var name: String { keys.isEmpty ? "NestedLoopJoinExec" : "HashJoinExec" }
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let joinType: JoinType
    /// Key pairs, each side already cast to the pair's common type.
    let keys: [JoinKey]
    let filter: Expr?
    let nullAware: Bool
    /// A semi or anti join that hashes its left input and streams the right one past it
    /// (``JoinExec/buildsLeft(_:left:right:)``).
    let buildLeft: Bool
    /// The columns of left + right this join outputs (nil: all): those its parent reads.
    let outputColumns: [Int]?
    /// A LEFT join planned as a RIGHT join of its inputs swapped (so the smaller side is
    /// hashed); `outputColumns` puts the columns back in the logical order.
    let sidesSwapped: Bool
    /// The build side reads no work table of the recursive query whose recursive term
    /// holds this join: each iteration probes the table the first one hashed
    /// (`build=reused` in EXPLAIN) instead of hashing the same rows again.
    let reusesBuild: Bool
    private let kept = Locked<(context: ObjectIdentifier, probe: UncheckedSendable<JoinProbe>)?>(nil)
    /// The build keys offered to the probe side's scan while the query runs (nil: none).
    let runtimeFilter: RuntimeFilter?
    public var children: [any PhysicalOperator] { [left, right] }

    public var detail: String {
        var s = "type=\(joinType.rawValue)"
        if !keys.isEmpty { s += " on=[\(keys.map { "(\($0.left), \($0.right))" }.joined(separator: ", "))]" }
        if let filter { s += " filter=\(filter)" }
        if nullAware { s += " null_aware" }
        if buildLeft { s += " build=left" }
        if sidesSwapped { s += " swapped_from=Left" }
        if reusesBuild { s += " build=reused" }
        if let runtimeFilter { s += " runtime_filter=\(runtimeFilter.probeColumn)" }
        if let outputColumns {
            let all = left.schema.joined(with: right.schema)
            if outputColumns.count < all.count { s += " output=\(outputColumns.count)/\(all.count)" }
        }
        return s
    }

    init(left: any PhysicalOperator, right: any PhysicalOperator, joinType: JoinType, keys: [JoinKey],
         filter: Expr?, nullAware: Bool, schema: Schema, buildLeft: Bool = false, outputColumns: [Int]? = nil,
         sidesSwapped: Bool = false, runtimeFilters: Bool = false, reusesBuild: Bool = false) {
        // Placed before the join exists: the scan below learns of it now, at planning.
        runtimeFilter = runtimeFilters && !buildLeft && !nullAware
            ? RuntimeFilter.place(for: joinType, keys: keys, probe: left) : nil
        self.left = left
        self.reusesBuild = reusesBuild
        self.sidesSwapped = sidesSwapped
        self.outputColumns = outputColumns
        self.buildLeft = buildLeft
        self.right = right
        self.joinType = joinType
        self.keys = keys
        self.filter = filter
        self.nullAware = nullAware
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        if buildLeft { return try leftBuiltMorsels(context).ordered(workers: context.workers, context: context) }
        let probe: any BatchStream, step: JoinProbe
        if let reused = keptProbe(context) {
            // The build an earlier iteration hashed (and published to a runtime filter) stands.
            probe = try left.run(context)
            step = reused
        } else {
            runtimeFilter?.reset()
            // Build the right side on the shared runtime while the probe side starts.
            let right = self.right
            let pending = ExecutionRuntime.shared.start { try JoinExec.collectBuild(right, context) }
            probe = try left.run(context)
            step = keep(try makeProbe(try pending.wait(), context), context)
        }
        let build = step.build
        var rightMatched: [Bool]? = joinType == .right || joinType == .full ? [Bool](repeating: false, count: build.rowCount) : nil
        var finished = false
        // Without keys every pair is a candidate: take probe rows a slice at a time so the
        // pairs of one step stay bounded (and cancellation is seen between slices).
        let probeSlices = SlicedStream(probe, rows: keys.isEmpty ? 65_536 / max(1, build.rowCount) : Int.max)

        return ClosureStream {
            while !finished {
                try context.checkCancelled()
                guard let lb = try probeSlices.next() else {
                    finished = true
                    return rightMatched.flatMap(step.unmatchedBuildRows)
                }
                if let out = try step.probe(lb, rightMatched: &rightMatched) { return out }
            }
            return nil
        }
    }

    /// A hash join probes morsel by morsel: the build side is hashed once, then every
    /// worker probes the one table. RIGHT and FULL joins add one last morsel, the build
    /// rows no probe row matched: it waits until every probe morsel has reported the
    /// build rows it matched (morsels are claimed in order, so those are all under way).
    public func morsels(_ context: ExecutionContext) throws -> Morsels? {
        if buildLeft { return try leftBuiltMorsels(context) }
        guard !keys.isEmpty, [.inner, .left, .leftSemi, .leftAnti, .right, .full].contains(joinType) else { return nil }
        let reused = keptProbe(context)
        if reused == nil { runtimeFilter?.reset() }
        guard let input = try left.morsels(context) else { return nil }
        // The build's time is this join's (a morsel pipeline above calls morsels(), not run()).
        let start = DispatchTime.now().uptimeNanoseconds
        let step = UncheckedSendable(try reused ?? keep(makeProbe(JoinExec.collectBuild(right, context), context), context))
        metrics.add(rows: 0, batches: 0, nanos: DispatchTime.now().uptimeNanoseconds - start)
        guard joinType == .right || joinType == .full else {
            return input.then(metrics) { lb, _ in
                var none: [Bool]? = nil
                return try step.value.probe(lb, rightMatched: &none)
            }
        }
        let probes = input.count, buildRows = step.value.build.rowCount
        let marks = Monitor(BuildMarks(matched: [Bool](repeating: false, count: buildRows)))
        let metrics = self.metrics
        return Morsels(count: probes + 1) { i in
            let begin = DispatchTime.now().uptimeNanoseconds
            var out: RecordBatch?
            defer { metrics.add(rows: out?.rowCount ?? 0, batches: out == nil ? 0 : 1, nanos: DispatchTime.now().uptimeNanoseconds - begin) }
            if i == probes {
                let matched = marks.wait(until: { $0.reported == probes }) { $0.matched }
                out = step.value.unmatchedBuildRows(matched)
                return out
            }
            var rows: [Int]? = []
            defer {
                marks.withLock { m in
                    for r in rows ?? [] { m.matched[r] = true }
                    m.reported += 1
                }
            }
            guard let lb = try input.batch(i) else { return nil }
            var none: [Bool]? = nil
            out = try step.value.probe(lb, rightMatched: &none, matchedRows: &rows)
            return out
        }
    }

    /// The probe step an earlier run of this query kept (``reusesBuild``).
    private func keptProbe(_ context: ExecutionContext) -> JoinProbe? {
        guard reusesBuild else { return nil }
        return kept.withLock { $0?.context == ObjectIdentifier(context) ? $0?.probe.value : nil }
    }

    /// `step`, kept for the next run of this query when the build is reused.
    private func keep(_ step: JoinProbe, _ context: ExecutionContext) -> JoinProbe {
        if reusesBuild { kept.withLock { $0 = (ObjectIdentifier(context), UncheckedSendable(step)) } }
        return step
    }

    /// Every row of a join's build side, with the memory reservation that holds them
    /// (it grows batch by batch, so a build over the limit stops with `memory limit 2 GiB
    /// exceeded in HashJoin build (peak …)` rather than the OS killing the process).
    static func collectBuild(_ input: any PhysicalOperator, _ context: ExecutionContext,
                             consumer: String = "HashJoin build") throws -> JoinBuild {
        let reservation = MemoryReservation(context.memory, consumer: consumer)
        let stream = try input.run(context)
        var batches: [RecordBatch] = []
        while let b = try stream.next() {
            // The rows, their concatenated copy, and the hash table's entries.
            try reservation.grow(2 * b.byteSize + 16 * b.rowCount)
            batches.append(b)
        }
        return JoinBuild(rows: RecordBatch.concat(batches, schema: input.schema), reservation: reservation)
    }

    /// Hashes `build` (the right side's rows) and compiles what probing needs.
    private func makeProbe(_ collected: JoinBuild, _ context: ExecutionContext) throws -> JoinProbe {
        let build = collected.rows
        metrics.notePeak(max(build.byteSize, collected.reservation.size))
        var rightKeyColumns: [ColumnVector] = []
        for k in keys {
            let column = try PhysicalExpr.compile(k.right, schema: right.schema, context: context).evaluate(build)
            rightKeyColumns.append(column)
            if let runtimeFilter, case .column(runtimeFilter.probeColumn) = k.left { runtimeFilter.publish(buildKeys: column) }
        }
        let combined = left.schema.joined(with: right.schema)
        return JoinProbe(
            build: build, reservation: collected.reservation, table: JoinHashTable(keys: rightKeyColumns, rowCount: build.rowCount, workers: context.workers),
            leftKeys: try keys.map { (k: JoinKey) throws(PlanError) -> PhysicalExpr in
                try PhysicalExpr.compile(k.left, schema: left.schema, context: context)
            },
            combined: combined,
            filter: try filter.map { (f: Expr) throws(PlanError) -> PhysicalExpr in
                try PhysicalExpr.compile(f, schema: combined, context: context)
            },
            joinType: joinType, nullAware: nullAware, schema: schema,
            outputColumns: outputColumns ?? Array(0..<(left.schema.count + right.schema.count)))
    }
}

/// A join's build side as collected: its rows and the memory they hold.
struct JoinBuild: Sendable {
    let rows: RecordBatch
    let reservation: MemoryReservation
}

/// The build rows some probe morsel matched, and how many probe morsels have reported.
private struct BuildMarks {
    var matched: [Bool]
    var reported = 0
}

/// One join's probe step: the hashed build side and what turns a probe batch into
/// output rows. Reads the table only, so workers may probe at once.
struct JoinProbe {
    let build: RecordBatch
    /// The memory the build holds, given back when the probe step is gone.
    let reservation: MemoryReservation
    let table: JoinHashTable
    let leftKeys: [PhysicalExpr]
    let combined: Schema
    let filter: PhysicalExpr?
    let joinType: JoinType
    let nullAware: Bool
    let schema: Schema
    /// The columns of probe + build rows that make the output.
    let outputColumns: [Int]
    /// What subqueries in the keys or the filter returned, per thread probing.
    let caches = SubqueryCaches()

    /// The build rows not `matched`, with NULLs for the probe side's columns (the end of
    /// a RIGHT or FULL join; `nil`: none).
    func unmatchedBuildRows(_ matched: [Bool]) -> RecordBatch? {
        let unmatched = (0..<build.rowCount).filter { !matched[$0] }
        if unmatched.isEmpty { return nil }
        let probeCount = combined.count - build.columns.count
        let columns = outputColumns.map { i in
            i < probeCount ? ColumnVector.constant(.null, type: combined.fields[i].dataType, count: unmatched.count)
                           : build.columns[i - probeCount].gather(unmatched)
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: unmatched.count)
    }

    /// The output for probe rows `lb` (`nil`: none). `rightMatched`, when given, has the
    /// build rows some probe row matched marked.
    func probe(_ lb: RecordBatch, rightMatched: inout [Bool]?) throws -> RecordBatch? {
        var none: [Int]? = nil
        return try probe(lb, rightMatched: &rightMatched, matchedRows: &none)
    }

    /// As ``probe(_:rightMatched:)``; `matchedRows`, when given, gets the build rows
    /// matched appended (once per matching pair).
    func probe(_ lb: RecordBatch, rightMatched: inout [Bool]?, matchedRows: inout [Int]?) throws -> RecordBatch? {
        try caches.with { cache in try probe(lb, rightMatched: &rightMatched, matchedRows: &matchedRows, cache: &cache) }
    }

    private func probe(_ lb: RecordBatch, rightMatched: inout [Bool]?, matchedRows: inout [Int]?,
                       cache: inout SubqueryCache) throws -> RecordBatch? {
        let keyColumns = try leftKeys.map { try $0.evaluate(lb, cache: &cache) }
        // Candidate pairs.
        var li: [Int] = [], ri: [Int] = []
        var leftNullKey = [Bool](repeating: false, count: lb.rowCount)
        if leftKeys.isEmpty {
            let allRight = 0..<build.rowCount
            for l in 0..<lb.rowCount {
                li.append(contentsOf: repeatElement(l, count: build.rowCount))
                ri.append(contentsOf: allRight)
            }
        } else {
            // Semi and anti joins without a residual filter need only know that a match exists.
            let firstOnly = filter == nil && (joinType == .leftSemi || joinType == .leftAnti)
            table.probe(keyColumns, rowCount: lb.rowCount, li: &li, ri: &ri, nullKey: &leftNullKey, firstOnly: firstOnly)
        }
        // Residual filter on the pairs.
        if let filter, !li.isEmpty {
            let pairs = RecordBatch(schema: combined, columns: lb.columns.map { $0.gather(li) } + build.columns.map { $0.gather(ri) }, rowCount: li.count)
            let keep = FilterExec.selection(try filter.evaluate(pairs, cache: &cache))
            li = keep.map { li[$0] }
            ri = keep.map { ri[$0] }
        }
        var leftHasMatch = [Bool](repeating: false, count: lb.rowCount)
        for l in li { leftHasMatch[l] = true }
        if rightMatched != nil { for r in ri { rightMatched?[r] = true } }
        matchedRows?.append(contentsOf: ri)

        var outLeft: [Int] = [], outRight: [Int] = []
        switch joinType {
        case .inner, .right:
            outLeft = li; outRight = ri
        case .left, .full:
            // Matched pairs in left order, unmatched left rows padded with NULLs.
            var k = 0
            for l in 0..<lb.rowCount {
                if leftHasMatch[l] {
                    while k < li.count, li[k] == l { outLeft.append(l); outRight.append(ri[k]); k += 1 }
                } else {
                    outLeft.append(l); outRight.append(-1)
                }
            }
        case .leftSemi:
            outLeft = (0..<lb.rowCount).filter { leftHasMatch[$0] }
        case .leftAnti:
            if nullAware && build.rowCount > 0 && table.hasNullKey {
                outLeft = []
            } else {
                outLeft = (0..<lb.rowCount).filter {
                    !leftHasMatch[$0] && !(nullAware && leftNullKey[$0] && build.rowCount > 0)
                }
            }
        }
        if outLeft.isEmpty { return nil }
        if joinType == .leftSemi || joinType == .leftAnti {
            return RecordBatch(schema: schema, columns: lb.columns.map { $0.gather(outLeft) }, rowCount: outLeft.count)
        }
        let leftCount = lb.columns.count
        let columns = outputColumns.map { i in
            i < leftCount ? lb.columns[i].gather(outLeft) : build.columns[i - leftCount].gatherOrNull(outRight)
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: outLeft.count)
    }
}
