import PlanCore

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
    public var children: [any PhysicalOperator] { [left, right] }

    public var detail: String {
        var s = "type=\(joinType.rawValue)"
        if !keys.isEmpty { s += " on=[\(keys.map { "(\($0.left), \($0.right))" }.joined(separator: ", "))]" }
        if let filter { s += " filter=\(filter)" }
        if nullAware { s += " null_aware" }
        return s
    }

    init(left: any PhysicalOperator, right: any PhysicalOperator, joinType: JoinType, keys: [JoinKey],
         filter: Expr?, nullAware: Bool, schema: Schema) {
        self.left = left
        self.right = right
        self.joinType = joinType
        self.keys = keys
        self.filter = filter
        self.nullAware = nullAware
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        // Build the right side on the shared runtime while the probe side starts.
        let right = self.right
        let pending = ExecutionRuntime.shared.start { try right.collect(context) }
        let probe = try left.run(context)
        let rightBatches = try pending.wait()
        let build = RecordBatch.concat(rightBatches, schema: right.schema)
        metrics.peakBytes = build.byteSize
        var rightKeyColumns: [ColumnVector] = []
        for k in keys {
            rightKeyColumns.append(try PhysicalExpr.compile(k.right, schema: right.schema, context: context).evaluate(build))
        }
        let table = JoinHashTable(keys: rightKeyColumns, rowCount: build.rowCount)
        let buildHasNullKey = table.hasNullKey
        let leftKeyExprs = try keys.map { (k: JoinKey) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(k.left, schema: left.schema, context: context)
        }
        let combined = left.schema.joined(with: right.schema)
        let filterExpr = try filter.map { (f: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(f, schema: combined, context: context)
        }
        var rightMatched = [Bool](repeating: false, count: build.rowCount)
        let allRight = Array(0..<build.rowCount)
        var finished = false
        let joinType = self.joinType, schema = self.schema, nullAware = self.nullAware, keys = self.keys
        let leftSchema = left.schema
        // Without keys every pair is a candidate: take probe rows a slice at a time so the
        // pairs of one step stay bounded (and cancellation is seen between slices).
        let probeSlices = SlicedStream(probe, rows: keys.isEmpty ? 65_536 / max(1, build.rowCount) : Int.max)

        return ClosureStream {
            while !finished {
                try context.checkCancelled()
                guard let lb = try probeSlices.next() else {
                    finished = true
                    if joinType == .right || joinType == .full {
                        let unmatched = (0..<build.rowCount).filter { !rightMatched[$0] }
                        if unmatched.isEmpty { return nil }
                        let leftCols = leftSchema.fields.map { ColumnVector.constant(.null, type: $0.dataType, count: unmatched.count) }
                        return RecordBatch(schema: schema, columns: leftCols + build.columns.map { $0.gather(unmatched) }, rowCount: unmatched.count)
                    }
                    return nil
                }
                let leftKeys = try leftKeyExprs.map { try $0.evaluate(lb) }
                // Candidate pairs.
                var li: [Int] = [], ri: [Int] = []
                var leftNullKey = [Bool](repeating: false, count: lb.rowCount)
                if keys.isEmpty {
                    for l in 0..<lb.rowCount {
                        li.append(contentsOf: repeatElement(l, count: build.rowCount))
                        ri.append(contentsOf: allRight)
                    }
                } else {
                    table.probe(leftKeys, rowCount: lb.rowCount, li: &li, ri: &ri, nullKey: &leftNullKey)
                }
                // Residual filter on the pairs.
                if let filterExpr, !li.isEmpty {
                    let pairs = RecordBatch(schema: combined, columns: lb.columns.map { $0.gather(li) } + build.columns.map { $0.gather(ri) }, rowCount: li.count)
                    let keep = FilterExec.selection(try filterExpr.evaluate(pairs))
                    li = keep.map { li[$0] }
                    ri = keep.map { ri[$0] }
                }
                var leftHasMatch = [Bool](repeating: false, count: lb.rowCount)
                for l in li { leftHasMatch[l] = true }
                for r in ri { rightMatched[r] = true }

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
                    if nullAware && build.rowCount > 0 && buildHasNullKey {
                        outLeft = []
                    } else {
                        outLeft = (0..<lb.rowCount).filter {
                            !leftHasMatch[$0] && !(nullAware && leftNullKey[$0] && build.rowCount > 0)
                        }
                    }
                }
                if outLeft.isEmpty { continue }
                if joinType == .leftSemi || joinType == .leftAnti {
                    return RecordBatch(schema: schema, columns: lb.columns.map { $0.gather(outLeft) }, rowCount: outLeft.count)
                }
                let columns = lb.columns.map { $0.gather(outLeft) } + build.columns.map { $0.gatherOrNull(outRight) }
                return RecordBatch(schema: schema, columns: columns, rowCount: outLeft.count)
            }
            return nil
        }
    }
}
