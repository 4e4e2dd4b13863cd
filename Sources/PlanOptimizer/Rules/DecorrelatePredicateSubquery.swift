import PlanCore

/// Rewrites `EXISTS`, `NOT EXISTS`, `IN` and `NOT IN` subqueries in a filter into semi and
/// anti joins, so they run once instead of once per row.
///
///     Filter: EXISTS (<subquery>)                      LeftSemi Join: o.k = l.k
///       Subquery:                                        TableScan: o
///         Filter: l.k = outer_ref(o.k) AND l.q > 1  ──►  Filter: l.q > 1
///           TableScan: l                                   TableScan: l
///       TableScan: o
///
/// Correlated equalities become join keys and other correlated conjuncts the join
/// filter; `NOT IN` becomes a null-aware anti join (only when uncorrelated, where its
/// NULL semantics are exact). Subqueries whose correlation sits anywhere but in the
/// top filter, or whose names clash with the outer query's, are left alone.
public struct DecorrelatePredicateSubquery: OptimizerRule {
    public let name = "decorrelate_predicate_subquery"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let filter) = plan else { return .no(plan) }
        var input = filter.input
        var rest: [Expr] = []
        var changed = false
        for c in filter.predicate.conjuncts {
            if let joined = try decorrelate(c, into: input) {
                input = joined
                changed = true
            } else {
                rest.append(c)
            }
        }
        guard changed else { return .no(plan) }
        guard let p = Expr.conjunction(rest) else { return .yes(input) }
        return .yes(.filter(try Filter(p, input: input)))
    }

    /// The join replacing one conjunct, or nil when it cannot be decorrelated.
    func decorrelate(_ conjunct: Expr, into left: LogicalPlan) throws(PlanError) -> LogicalPlan? {
        let subquery: Subquery
        let negated: Bool
        var probe: Expr?
        switch conjunct {
        case .exists(let s, let n): subquery = s; negated = n
        case .not(.exists(let s, let n)): subquery = s; negated = !n
        case .inSubquery(let e, let s, let n): subquery = s; negated = n; probe = e
        default: return nil
        }
        if let probe, probe.containsSubquery || probe.isCorrelated { return nil }
        // Split the subquery into its top filter's correlated conjuncts and the rest.
        var body = subquery.plan
        var projectedValue: Expr?
        if case .projection(let p) = body, p.exprs.count >= 1 {
            if probe != nil {
                guard p.exprs.count == 1 else { return nil }
                projectedValue = p.exprs[0].unaliased
            }
            if projectedValue?.containsAggregate == true || projectedValue?.containsSubquery == true { return nil }
            if case .filter = p.input { body = p.input } else if !subquery.isCorrelated { body = p.input } else { return nil }
        } else if probe != nil {
            guard body.schema.count == 1 else { return nil }
            projectedValue = .column(body.schema.fields[0].column)
        }
        var correlated: [Expr] = []
        if case .filter(let f) = body {
            var keep: [Expr] = []
            for c in f.predicate.conjuncts {
                if c.isCorrelated { correlated.append(c) } else { keep.append(c) }
            }
            if !correlated.isEmpty {
                if let p = Expr.conjunction(keep) { body = .filter(try Filter(p, input: f.input)) } else { body = f.input }
            }
        }
        // Anything still correlated (deeper down) cannot be handled here.
        if !body.escapingOuterReferences.isEmpty { return nil }
        if correlated.contains(where: { $0.containsSubquery }) { return nil }
        // Names the outer query also uses: put the subquery behind a fresh alias.
        var inner: [Column: Expr] = [:]
        if !left.schema.qualifiedNames.isDisjoint(with: body.schema.qualifiedNames) {
            let names = body.schema.names
            guard Set(names).count == names.count else { return nil }
            var n = 1
            while left.schema.fields.contains(where: { $0.qualifier == "__correlated_sq_\(n)" }) { n += 1 }
            let alias = "__correlated_sq_\(n)"
            for f in body.schema.fields { inner[f.column] = .column(Column(relation: alias, name: f.name)) }
            body = .subqueryAlias(SubqueryAlias(alias, input: body))
            projectedValue = projectedValue?.replacingColumns(inner)
        }
        let combined = left.schema.joined(with: body.schema)
        var keys: [JoinKey] = []
        var filters: [Expr] = []
        for c in correlated {
            // Inner columns first (they may share names with outer ones), then outer references.
            let plain = (inner.isEmpty ? c : c.replacingColumns(inner)).outerReferencesAsColumns()
            if let key = JoinPredicates.split([plain], left: left.schema, right: body.schema).keys.first {
                keys.append(key)
                continue
            }
            guard plain.isBound(by: combined) else { return nil }
            filters.append(plain)
        }
        if let probe {
            guard let value = projectedValue, value.isBound(by: body.schema), probe.isBound(by: left.schema) else { return nil }
            if negated && !correlated.isEmpty { return nil }
            keys.insert(JoinKey(probe, value), at: 0)
        }
        let joinType: JoinType = negated ? .leftAnti : .leftSemi
        let nullAware = negated && probe != nil
        if keys.isEmpty && filters.isEmpty && probe == nil {
            // Uncorrelated EXISTS: a semi join with no condition keeps all or nothing.
            return .join(try Join(left: left, right: .limit(Limit(fetch: 1, input: body)), joinType: joinType))
        }
        return .join(try Join(left: left, right: body, joinType: joinType, on: keys,
                              filter: Expr.conjunction(filters), nullAware: nullAware))
    }
}
