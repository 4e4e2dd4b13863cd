extension LogicalPlan {
    /// The rows this plan is estimated to produce — the one cardinality estimate, used to
    /// order joins and shown beside each operator by EXPLAIN (and beside the actual rows
    /// by EXPLAIN ANALYZE):
    ///
    /// - a scan: the table's own count (1,000 when the table cannot say), a quarter per
    ///   Exact filter, at most its fetch;
    /// - a filter: a quarter per conjunct; an aggregate: a tenth of its input (one row
    ///   without GROUP BY); a limit: its fetch;
    /// - an inner or outer join: its larger input (joins on keys rarely grow the larger
    ///   side); a semi or anti join: half its left input; a cross join: the product;
    /// - anything else: its largest input.
    public var estimatedRows: Double {
        func quarter(_ n: Int) -> Double {
            var r = 1.0
            for _ in 0..<n { r *= 0.25 }
            return r
        }
        switch self {
        case .tableScan(let t):
            let rows = Double(t.source.source?.estimatedRowCount ?? 1000)
            let filtered = rows * quarter(t.filters.filter { $0.pushdown == .exact }.count)
            return max(1, t.fetch.map { min(Double($0), filtered) } ?? filtered)
        case .filter(let f): return max(1, f.input.estimatedRows * quarter(f.predicate.conjuncts.count))
        case .aggregate(let a): return a.groupBy.isEmpty ? 1 : max(1, a.input.estimatedRows / 10)
        case .limit(let l): return l.fetch.map { min(Double($0), l.input.estimatedRows) } ?? l.input.estimatedRows
        case .join(let j):
            switch j.joinType {
            case .leftSemi, .leftAnti: return j.left.estimatedRows / 2
            default: return max(j.left.estimatedRows, j.right.estimatedRows)
            }
        case .crossJoin(let c): return c.left.estimatedRows * c.right.estimatedRows
        case .emptyRelation(let e): return e.produceOneRow ? 1 : 0
        case .values(let v): return Double(v.rows.count)
        default: return inputs.map(\.estimatedRows).max() ?? 1
        }
    }
}
