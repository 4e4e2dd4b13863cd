import PlanCore

/// Through a projection: a conjunct whose columns are all projected expressions (no
/// aggregate, no subquery) moves below with each column replaced by its expression.
extension FilterPush {
    func through(_ p: Projection) throws(PlanError) -> Transformed<LogicalPlan>? {
        var map: [Column: Expr] = [:]
        for (i, f) in p.schema.fields.enumerated() {
            let e = p.exprs[i].unaliased
            if e.containsAggregate || e.containsSubquery { continue }
            map[f.column] = e
        }
        var down: [Expr] = [], stay = fixed
        for c in movable {
            if c.columnRefs.allSatisfy({ map[$0] != nil }) { down.append(c.replacingColumns(map)) } else { stay.append(c) }
        }
        if down.isEmpty { return nil }
        return try above(.projection(try Projection(p.exprs, input: try Self.filtered(p.input, down))), stay)
    }

    /// Through an alias: qualifiers mapped to the input's.
    func through(_ a: SubqueryAlias) throws(PlanError) -> Transformed<LogicalPlan> {
        var map: [Column: Expr] = [:]
        for (outer, inner) in zip(a.schema.fields, a.input.schema.fields) { map[outer.column] = .column(inner.column) }
        let down = movable.map { $0.replacingColumns(map) }
        return try above(.subqueryAlias(SubqueryAlias(a.alias, input: try Self.filtered(a.input, down))), fixed)
    }

    /// Through a sort without a fetch: the rows kept do not depend on the order.
    func through(_ s: Sort) throws(PlanError) -> Transformed<LogicalPlan> {
        try above(.sort(try Sort(s.exprs, input: try Self.filtered(s.input, movable), fetch: nil)), fixed)
    }

    /// Through DISTINCT: filtering before or after removing duplicates keeps the same rows.
    func through(_ d: Distinct) throws(PlanError) -> Transformed<LogicalPlan> {
        try above(.distinct(Distinct(input: try Self.filtered(d.input, movable))), fixed)
    }
}
