import PlanCore

extension Binder {
    /// Binds a full query: CTEs, body, ORDER BY, LIMIT/OFFSET.
    mutating func bindQuery(_ query: Query) throws(PlanError) -> LogicalPlan {
        ctes.append([:])
        defer { ctes.removeLast() }
        if query.recursive { try bindRecursiveWith(query.with) } else { try bindWith(query.with) }

        var plan: LogicalPlan
        if case .select(let select) = query.body {
            plan = try bindSelect(select, orderBy: query.orderBy)
        } else {
            plan = try bindSetExpr(query.body)
            if !query.orderBy.isEmpty {
                var isSetOperation = false
                if case .setOperation = query.body { isSetOperation = true }
                plan = try bindOutputOrder(query.orderBy, over: plan, namesOnly: isSetOperation)
            }
        }
        return try bindLimit(query, over: plan)
    }

    /// Binds a WITH list into the innermost CTE frame, each query seeing the ones before it.
    mutating func bindWith(_ with: [CommonTableExpr]) throws(PlanError) {
        for cte in with {
            let name = cte.alias.name.normalized
            if ctes[ctes.count - 1][name] != nil {
                throw PlanError(.invalidPlan, "WITH query name '\(name)' specified more than once", at: cte.alias.name.span)
            }
            var plan = try bindQuery(cte.query)
            if !cte.alias.columns.isEmpty { plan = try rename(plan, to: cte.alias.columns, at: cte.alias.name.span) }
            ctes[ctes.count - 1][name] = plan
        }
    }

    mutating func bindSetExpr(_ body: SetExpr) throws(PlanError) -> LogicalPlan {
        switch body {
        case .select(let s): return try bindSelect(s, orderBy: [])
        case .query(let q): return try bindQuery(q)
        case .values(let rows, let span):
            var bound: [[Expr]] = []
            for row in rows {
                var r: [Expr] = []
                for e in row { r.append(try bindExpr(e, scope: Scope(schema: .empty), allowAggregates: false, clause: "VALUES")) }
                bound.append(r)
            }
            // Untyped string literals take their column's type (PostgreSQL: `VALUES (1), ('2')`).
            bound = try unknownsResolved(bound, spans: rows.map { $0.map(\.span) })
            return try located(span) { () throws(PlanError) in .values(conformed(try Values(rows: bound))) }
        case .setOperation(let kind, let all, let l, let r, let span):
            // An untyped string literal column on one side takes the other side's type.
            let (left, right) = try unknownOutputsResolved(try bindSetExpr(l), try bindSetExpr(r))
            return try located(span) { () throws(PlanError) in
                // Each side's columns cast to the common types the operation meets them in.
                let types = try SetOperation(kind, all: all, left: left, right: right).schema
                return .setOperation(try SetOperation(kind, all: all, left: conformed(left, to: types), right: conformed(right, to: types)))
            }
        }
    }

    /// ORDER BY over a relation's output only (set operations, VALUES). After a set
    /// operation only output column names and ordinals are allowed, as in PostgreSQL.
    mutating func bindOutputOrder(_ items: [OrderItem], over plan: LogicalPlan, namesOnly: Bool = false) throws(PlanError) -> LogicalPlan {
        let scope = Scope(schema: plan.schema)
        var sorts: [SortExpr] = []
        for item in items {
            let e: Expr
            if let ordinal = try ordinal(item.expr, count: plan.schema.count, clause: "ORDER BY") {
                e = .column(plan.schema.fields[ordinal].column)
            } else {
                var written = item.expr
                while case .nested(let inner) = written.kind { written = inner }
                if namesOnly, !written.isIdentifier {
                    throw PlanError(.invalidPlan, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause: only result column names "
                                    + "can be used, not expressions or functions (add the expression to every SELECT, "
                                    + "or move the set operation into a FROM clause)", at: item.expr.span)
                }
                e = try bindExpr(item.expr, scope: scope, allowAggregates: false, clause: "ORDER BY")
            }
            sorts.append(SortExpr(e, ascending: item.ascending, nullsFirst: item.nullsFirst))
        }
        return .sort(try Sort(sorts, input: plan))
    }

    /// `n` if `expr` is an integer literal (a 0-based ordinal), checked against `count`.
    ///
    /// As PostgreSQL, any other constant written bare is an error (`GROUP BY 'a'`, `ORDER
    /// BY true`, `GROUP BY 1.5`: `non-integer constant in GROUP BY`), and so is a negative
    /// position; a constant expression (`GROUP BY 1 + 1`, `DATE '…'`) is an expression.
    func ordinal(_ expr: SQLExpr, count: Int, clause: String) throws(PlanError) -> Int? {
        let n: Int
        switch expr.kind {
        case .number(let text):
            guard let i = Int32(text) else { throw PlanError(.invalidPlan, "non-integer constant in \(clause)", at: expr.span) }
            n = Int(i)
        case .unary("-", let inner):
            guard case .number(let text) = inner.kind else { return nil }
            guard let i = Int32("-" + text) else { throw PlanError(.invalidPlan, "non-integer constant in \(clause)", at: expr.span) }
            n = Int(i)
        case .string, .boolean, .null, .blob:
            throw PlanError(.invalidPlan, "non-integer constant in \(clause)", at: expr.span)
        default:
            return nil
        }
        guard n >= 1, n <= count else {
            throw PlanError(.invalidPlan, "\(clause) position \(n) is not in select list (1...\(count))", at: expr.span)
        }
        return n - 1
    }

    mutating func bindLimit(_ query: Query, over plan: LogicalPlan) throws(PlanError) -> LogicalPlan {
        guard query.limit != nil || query.offset != nil else { return plan }
        func constant(_ e: SQLExpr?, _ what: String) throws(PlanError) -> Int? {
            guard let e else { return nil }
            if case .null = e.kind { return nil }
            guard case .number(let text) = e.kind, let n = Int(text) else {
                throw PlanError(.typeMismatch, "\(what) must be a non-negative integer constant", at: e.span)
            }
            guard n >= 0 else { throw PlanError(.invalidPlan, "\(what) must not be negative", at: e.span) }
            return n
        }
        let fetch = try constant(query.limit, "LIMIT")
        let skip = try constant(query.offset, "OFFSET") ?? 0
        if query.withTies { return try limitWithTies(skip: skip, fetch: fetch ?? 0, over: plan, query: query) }
        return .limit(Limit(skip: skip, fetch: fetch, input: plan))
    }
}

extension SQLExpr {
    /// A bare or qualified column name.
    var isIdentifier: Bool {
        if case .identifier = kind { return true }
        return false
    }
}
