import PlanCore

/// A filter keeping the first k rows of each partition by `row_number()` (`QUALIFY rn <=
/// k`, `WHERE rn = 1` over a subquery once `push_down_filter` has brought it onto the
/// window) gives the window a partition limit: a per-partition top-k keeps only those rows
/// before they are sorted (`PartitionTopKExec`). The filter stays above.
///
///     Filter: rn <= Int64(2)                          Filter: rn <= Int64(2)
///       Window: windowExpr=[[row_number() …]]   ──►     Window: windowExpr=[[row_number() …]], partition_limit=2
///
/// Only when every call of the window sees nothing after the current row's position
/// (ranking functions, lag, and frames of ROWS that end at the current row or before):
/// their values on the rows kept are then the same.
public struct WindowTopKPerPartition: OptimizerRule {
    public let name = "window_topk_per_partition"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan, case .window(let w) = f.input,
              let spec = w.calls.first?.spec, w.calls.allSatisfy({ $0.spec == spec && Self.looksBackOnly($0) }) else {
            return .no(plan)
        }
        let width = w.input.schema.count
        let rowNumbers = Set(w.calls.indices.filter { w.calls[$0].function == .rowNumber }.map { w.schema.fields[width + $0].column })
        var limit: Int?
        for c in f.predicate.conjuncts {
            guard let k = Self.bound(c, rowNumbers) else { continue }
            limit = min(limit ?? k, k)
        }
        guard let limit, w.partitionLimit.map({ limit < $0 }) ?? true else { return .no(plan) }
        let limited = try Window(w.windowExprs, input: w.input, partitionLimit: limit)
        return .yes(.filter(try Filter(f.predicate, input: .window(limited))))
    }

    /// The rows per partition `c` keeps when it bounds a row number: `rn <= k`, `rn < k`,
    /// `rn = k` (and the same written the other way round).
    static func bound(_ c: Expr, _ rowNumbers: Set<Column>) -> Int? {
        guard case .binary(let l, let op, let r) = c else { return nil }
        func k(_ e: Expr) -> Int64? { if case .literal(let v) = e.unaliased { v.int64Value } else { nil } }
        func rn(_ e: Expr) -> Bool { if case .column(let col) = e.unaliased { rowNumbers.contains(col) } else { false } }
        var n: Int64?
        if rn(l), let v = k(r) {
            switch op { case .ltEq, .eq: n = v; case .lt: n = v - 1; default: n = nil }  // safe: v > Int64.min checked below
            if op == .lt, v == Int64.min { n = nil }
        } else if rn(r), let v = k(l) {
            switch op { case .gtEq, .eq: n = v; case .gt: n = v == Int64.min ? nil : v - 1; default: n = nil }  // safe: checked
        }
        guard let n else { return nil }
        return Int(clamping: max(0, n))
    }

    /// Whether a call's value on a row depends only on the rows up to it in its partition's
    /// order (so the rows after the first k do not change the first k's values).
    static func looksBackOnly(_ call: WindowCall) -> Bool {
        switch call.function {
        case .rowNumber, .rank, .denseRank, .lag: return true
        case .percentRank, .cumeDist, .ntile, .lead: return false
        case .firstValue, .lastValue, .nthValue, .aggregate:
            guard call.frame.units == .rows else { return false }
            switch call.frame.end {
            case .currentRow, .preceding: return true
            default: return false
            }
        }
    }
}
