import PlanCore

/// Pulls the conjuncts that every branch of an OR shares out of it, so they can become
/// join keys or move to a scan (TPC-H Q19's `p_partkey = l_partkey`):
///
///     Filter: a = b AND x = 1 OR a = b AND y = 2     ──►     Filter: a = b AND (x = 1 OR y = 2)
public struct RewriteDisjunctivePredicate: OptimizerRule {
    public let name = "rewrite_disjunctive_predicate"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan else { return .no(plan) }
        var changed = false
        var out: [Expr] = []
        for c in f.predicate.conjuncts {
            guard case .binary(_, .or, _) = c else { out.append(c); continue }
            let branches = Self.disjuncts(c).map(\.conjuncts)
            guard var common = branches.first else { out.append(c); continue }
            for b in branches.dropFirst() { common = common.filter { b.contains($0) } }
            if common.isEmpty { out.append(c); continue }
            changed = true
            out.append(contentsOf: common)
            let rests = branches.map { b in Expr.conjunction(b.filter { !common.contains($0) }) }
            // A branch left with nothing is `true`, which makes the whole OR true.
            let remaining = rests.compactMap { $0 }
            guard remaining.count == rests.count, var or = remaining.first else { continue }
            for r in remaining.dropFirst() { or = .binary(or, .or, r) }
            out.append(or)
        }
        guard changed, let p = Expr.conjunction(out) else { return .no(plan) }
        return .yes(.filter(try Filter(p, input: f.input)))
    }

    static func disjuncts(_ e: Expr) -> [Expr] {
        if case .binary(let l, .or, let r) = e { return disjuncts(l) + disjuncts(r) }
        return [e]
    }
}
