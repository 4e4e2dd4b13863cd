extension LogicalPlan {
    /// The same node with each of its own expressions replaced by `f` (inputs unchanged).
    /// Must keep the expression count and order of ``expressions``.
    public func withExpressions(_ exprs: [Expr]) throws(PlanError) -> LogicalPlan {
        guard exprs.count == expressions.count else {
            throw PlanError(.invalidPlan, "node rebuilt with \(exprs.count) expressions, expected \(expressions.count)")
        }
        if exprs.isEmpty { return self }
        switch self {
        case .tableScan(let n):
            let filters = zip(n.filters, exprs).map { ScanFilter($1, $0.pushdown) }
            let source = n.source.source
            return .tableScan(try TableScan(tableName: n.tableName, sourceSchema: Schema(n.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                            source: source, projection: n.projection, filters: filters, fetch: n.fetch))
        case .projection(let n): return .projection(try Projection(exprs, input: n.input))
        case .filter(let n): return .filter(try Filter(exprs[0], input: n.input))
        case .aggregate(let n):
            return .aggregate(try Aggregate(groupBy: Array(exprs[..<n.groupBy.count]), aggregates: Array(exprs[n.groupBy.count...]), input: n.input))
        case .window(let n): return .window(try Window(exprs, input: n.input, partitionLimit: n.partitionLimit))
        case .join(let n):
            var on: [JoinKey] = []
            for i in n.on.indices { on.append(JoinKey(exprs[2 * i], exprs[2 * i + 1])) }
            let filter = n.filter != nil ? exprs[exprs.count - 1] : nil
            return .join(try Join(left: n.left, right: n.right, joinType: n.joinType, on: on, filter: filter, nullAware: n.nullAware))
        case .sort(let n):
            let sorts = zip(n.exprs, exprs).map { SortExpr($1, ascending: $0.ascending, nullsFirst: $0.nullsFirst) }
            return .sort(try Sort(sorts, input: n.input, fetch: n.fetch))
        case .values(let n):
            let width = n.rows.first?.count ?? 0
            var rows: [[Expr]] = []
            for r in n.rows.indices { rows.append(Array(exprs[(r * width)..<((r + 1) * width)])) }
            return .values(try Values(rows: rows))
        case .dml(let n):
            switch n.operation {
            case .insert: return self
            case .delete(let p):
                return .dml(DMLStatement(table: n.table, tableSchema: n.tableSchema, operation: .delete(predicate: p == nil ? nil : exprs[0]), input: n.input))
            case .update(let a, let p):
                let assignments = zip(a, exprs).map { DMLStatement.Assignment(column: $0.column, value: $1) }
                let predicate = p == nil ? nil : exprs[a.count]
                return .dml(DMLStatement(table: n.table, tableSchema: n.tableSchema, operation: .update(assignments: assignments, predicate: predicate), input: n.input))
            }
        default: return self
        }
    }

    /// Rewrites every expression in the whole plan, bottom-up, including the plans of
    /// subqueries inside expressions.
    public func transformAllExpressions(_ f: (Expr) throws(PlanError) -> Expr) throws(PlanError) -> LogicalPlan {
        try transformUp { (node: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in
            let old = node.expressions
            if old.isEmpty { return .no(node) }
            var new: [Expr] = []
            for e in old {
                let rewritten = try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
                    switch x {
                    case .exists(let s, let n):
                        return .yes(.exists(Subquery(plan: try s.plan.transformAllExpressions(f), outerReferences: s.outerReferences), negated: n))
                    case .inSubquery(let e, let s, let n):
                        return .yes(.inSubquery(e, Subquery(plan: try s.plan.transformAllExpressions(f), outerReferences: s.outerReferences), negated: n))
                    case .scalarSubquery(let s):
                        return .yes(.scalarSubquery(Subquery(plan: try s.plan.transformAllExpressions(f), outerReferences: s.outerReferences)))
                    default:
                        return .yes(try f(x))
                    }
                }
                new.append(rewritten.value)
            }
            return new == old ? .no(node) : .yes(try node.withExpressions(new))
        }.value
    }
}

extension LogicalPlan {
    /// Rewrites the plan of every subquery directly inside this plan's expressions (at any
    /// node); `f` decides whether to go deeper. Reports whether anything changed.
    public func mapSubqueryPlans(_ f: (LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan>) throws(PlanError) -> Transformed<LogicalPlan> {
        try transformUp { (node: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in try node.mapOwnSubqueryPlans(f) }
    }

    /// Rewrites the plan of every subquery inside this node's own expressions (not its
    /// inputs'). Reports whether anything changed.
    public func mapOwnSubqueryPlans(_ f: (LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan>) throws(PlanError) -> Transformed<LogicalPlan> {
        let old = expressions
        if old.isEmpty || !old.contains(where: \.containsSubquery) { return .no(self) }
        var changed = false
        var new: [Expr] = []
        for e in old {
            let r = try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
                switch x {
                case .exists(let s, let n):
                    let t = try f(s.plan)
                    return t.changed ? .yes(.exists(Subquery(plan: t.value, outerReferences: s.outerReferences), negated: n)) : .no(x)
                case .inSubquery(let v, let s, let n):
                    let t = try f(s.plan)
                    return t.changed ? .yes(.inSubquery(v, Subquery(plan: t.value, outerReferences: s.outerReferences), negated: n)) : .no(x)
                case .scalarSubquery(let s):
                    let t = try f(s.plan)
                    return t.changed ? .yes(.scalarSubquery(Subquery(plan: t.value, outerReferences: s.outerReferences))) : .no(x)
                default:
                    return .no(x)
                }
            }
            changed = changed || r.changed
            new.append(r.value)
        }
        return changed ? .yes(try withExpressions(new)) : .no(self)
    }
}
