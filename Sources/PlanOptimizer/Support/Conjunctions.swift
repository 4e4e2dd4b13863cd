import PlanCore

extension Expr {
    /// True if every column this expression reads is in `schema`.
    func isBound(by schema: Schema) -> Bool {
        columnRefs.allSatisfy { schema.index(of: $0) != nil } && !containsSubquery
    }


    /// Turns outer references into plain columns (after decorrelation they are columns of
    /// the join's left side).
    func outerReferencesAsColumns() -> Expr {
        (try? transformUp { (e: Expr) throws(PlanError) -> Transformed<Expr> in
            if case .outerColumn(let c, _) = e { return .yes(.column(c)) }
            return .no(e)
        }.value) ?? self
    }

    /// Columns read, including outer references made by subqueries inside.
    var columnsIncludingSubqueries: [Column] {
        var out = columnRefs
        for s in subqueries { for c in s.outerReferences where !out.contains(c) { out.append(c) } }
        return out
    }
}

extension LogicalPlan {
    /// Plan output columns (as column expressions).
    public var outputColumns: [Expr] { schema.fields.map { .column($0.column) } }

    /// Outer references (anywhere below, subqueries included) to columns this plan does
    /// not itself produce at some node: references that escape the plan.
    var escapingOuterReferences: [Column] {
        var produced = Set<Column>()
        var refs: [Column] = []
        func walk(_ p: LogicalPlan) {
            p.visit { node in
                for f in node.schema.fields { produced.insert(f.column) }
                for e in node.expressions {
                    e.visit { x in
                        if case .outerColumn(let c, _) = x { refs.append(c) }
                        return .continue
                    }
                    for s in e.subqueries { walk(s.plan) }
                }
                return .continue
            }
        }
        walk(self)
        return refs.filter { !produced.contains($0) }
    }

}
