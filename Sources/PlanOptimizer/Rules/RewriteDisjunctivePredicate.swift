import PlanCore

/// Pulls the conjuncts that every branch of an OR shares out of it, so they can become
/// join keys or move to a scan (TPC-H Q19's `p_partkey = l_partkey`), and adds, for each
/// table every branch restricts, the OR of those restrictions (implied; the OR stays):
///
///     Filter: a = b AND x = 1 OR a = b AND y = 2     ──►     Filter: a = b AND (x = 1 OR y = 2)
///     Filter: t.x = 1 AND u.y = 2 OR t.x = 3 AND u.y = 4  ──►  … AND (t.x = 1 OR t.x = 3) AND (u.y = 2 OR u.y = 4)
public struct RewriteDisjunctivePredicate: OptimizerRule {
    public let name = "rewrite_disjunctive_predicate"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan else { return .no(plan) }
        var changed = false
        var out: [Expr] = []
        for c in f.predicate.conjuncts {
            guard case .logical(.or, _) = c else { out.append(c); continue }
            let common = c.sharedConjuncts
            if common.isEmpty { out.append(c); continue }
            let branches = c.disjuncts.map(\.conjuncts)
            changed = true
            out.append(contentsOf: common)
            let rests = branches.map { b in Expr.conjunction(b.filter { !common.contains($0) }) }
            // A branch left with nothing is `true`, which makes the whole OR true.
            let remaining = rests.compactMap { $0 }
            guard remaining.count == rests.count, let or = Expr.disjunction(remaining) else { continue }
            out.append(or)
        }
        // For an OR whose every branch restricts the same table, that table's parts of the
        // branches, OR-ed, are implied and can go to its scan (the OR itself stays).
        for c in out {
            guard case .logical(.or, _) = c else { continue }
            let branches = c.disjuncts.map(\.conjuncts)
            var tables: Set<String>?
            for b in branches {
                let t = Set(b.compactMap { Self.singleTable($0) })
                tables = tables.map { $0.intersection(t) } ?? t
            }
            for table in (tables ?? []).sorted() {
                let parts = branches.compactMap { b in Expr.conjunction(b.filter { Self.singleTable($0) == table }) }
                guard parts.count == branches.count, let implied = Expr.disjunction(parts) else { continue }
                if !out.contains(implied) && implied != c { out.append(implied); changed = true }
            }
        }
        guard changed, let p = Expr.conjunction(out) else { return .no(plan) }
        return .yes(.filter(try Filter(p, input: f.input)))
    }

    /// The one table a subquery-free conjunct reads, if exactly one.
    static func singleTable(_ e: Expr) -> String? {
        if e.containsSubquery || e.isCorrelated { return nil }
        let tables = Set(e.columnRefs.map { $0.relation ?? "" })
        return tables.count == 1 ? tables.first : nil
    }
}
