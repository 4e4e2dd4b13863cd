import PlanCore

/// `WITH RECURSIVE`: the WITH queries in an order where each sees those it reads, and a
/// query that reads itself bound as a ``RecursiveQuery`` over its work table. The forms
/// PostgreSQL rejects are rejected with its wording.
extension Binder {
    /// Binds the WITH list of a `WITH RECURSIVE` query into the innermost CTE frame.
    mutating func bindRecursiveWith(_ with: [CommonTableExpr]) throws(PlanError) {
        let names = with.map(\.alias.name.normalized)
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if index[name] != nil {
                throw PlanError(.invalidPlan, "WITH query name '\(name)' specified more than once", at: with[i].alias.name.span)
            }
            index[name] = i
        }
        // What each WITH query reads of the list (by its syntax: names its own WITH hides are not reads).
        let reads: [Set<Int>] = with.map { cte in Set(RelationReferences.of(cte.query).compactMap { index[$0.normalized] }) }
        for i in try recursiveWithOrder(reads, with) {
            let cte = with[i]
            var plan: LogicalPlan
            if reads[i].contains(i) {
                plan = try bindRecursiveCTE(cte)
            } else {
                plan = try bindQuery(cte.query)
                if !cte.alias.columns.isEmpty { plan = try rename(plan, to: cte.alias.columns, at: cte.alias.name.span) }
            }
            ctes[ctes.count - 1][names[i]] = plan
        }
    }

    /// The WITH queries in an order where each comes after those it reads (the written
    /// order where it already is); two that read each other are PostgreSQL's error.
    private func recursiveWithOrder(_ reads: [Set<Int>], _ with: [CommonTableExpr]) throws(PlanError) -> [Int] {
        var order: [Int] = []
        var state = Array(repeating: 0, count: reads.count)  // 0 new, 1 on the path, 2 done
        func visit(_ i: Int) throws(PlanError) {
            state[i] = 1
            for j in reads[i].sorted() where j != i {
                if state[j] == 1 {
                    throw PlanError(.unsupported, "mutual recursion between WITH items is not implemented "
                                    + "('\(with[j].alias.name.normalized)' and '\(with[i].alias.name.normalized)' read each other)",
                                    at: with[i].alias.name.span)
                }
                if state[j] == 0 { try visit(j) }
            }
            state[i] = 2
            order.append(i)
        }
        for i in reads.indices where state[i] == 0 { try visit(i) }
        return order
    }

    /// `name AS (static UNION [ALL] recursive)`: the static term bound first, its columns
    /// the work table's; the recursive term bound with `name` meaning the work table.
    private mutating func bindRecursiveCTE(_ cte: CommonTableExpr) throws(PlanError) -> LogicalPlan {
        let name = cte.alias.name.normalized
        let q = cte.query
        let quoted = "\"\(name)\""
        guard case .setOperation(.union, let all, let staticSyntax, let recursiveSyntax, let span) = q.body else {
            throw PlanError(.invalidPlan, "recursive query \(quoted) does not have the form non-recursive-term UNION [ALL] recursive-term",
                            at: cte.alias.name.span)
        }
        for (clause, present) in [("ORDER BY", !q.orderBy.isEmpty), ("LIMIT", q.limit != nil), ("OFFSET", q.offset != nil)] where present {
            throw PlanError(.unsupported, "\(clause) in a recursive query is not implemented", at: q.span)
        }
        let staticQuery = Query(with: [], body: staticSyntax, orderBy: [], limit: nil, offset: nil, span: q.span)
        if RelationReferences.of(staticQuery).contains(where: { $0.normalized == name }) {
            throw PlanError(.invalidPlan, "recursive reference to query \(quoted) must not appear within its non-recursive term",
                            at: Self.span(of: staticSyntax))
        }
        // The body's own WITH queries are seen by both terms.
        ctes.append([:])
        defer { ctes.removeLast() }
        if q.recursive { try bindRecursiveWith(q.with) } else { try bindWith(q.with) }

        var seed = try bindSetExpr(staticSyntax)
        if !cte.alias.columns.isEmpty { seed = try rename(seed, to: cte.alias.columns, at: cte.alias.name.span) }
        let columns = Schema(seed.schema.fields.map { Field(name: $0.name, dataType: $0.dataType, nullable: true) }).withDistinctNames()
        ctes[ctes.count - 1][name] = .extension(Extension(WorkTableScan(name: name, schema: columns)))
        var step = try bindSetExpr(recursiveSyntax)
        ctes[ctes.count - 1][name] = nil
        let stepSpan = Self.span(of: recursiveSyntax)
        try checkRecursiveTerm(step, name: name, at: stepSpan)

        guard step.schema.count == seed.schema.count else {
            throw PlanError(.invalidPlan, "each UNION query must have the same number of columns (recursive query \(quoted): "
                            + "\(seed.schema.count) in its non-recursive term, \(step.schema.count) in its recursive term)", at: span)
        }
        for (i, (s, r)) in zip(seed.schema.fields, step.schema.fields).enumerated() where s.dataType != r.dataType {
            // The recursive term's columns are cast to the seed's types when those hold them,
            // or when both are integers (planscope types an integer literal BIGINT where
            // PostgreSQL types it INTEGER; an overflow is the cast's error at run time).
            // PostgreSQL: the non-recursive term fixes the types.
            guard DataType.commonType(s.dataType, r.dataType) == s.dataType || s.dataType.isInteger && r.dataType.isInteger else {
                throw PlanError(.typeMismatch, "recursive query \(quoted) column \(i + 1) has type \(s.dataType.sqlName) in "
                                + "non-recursive term but type \(r.dataType.sqlName) overall (cast the non-recursive term's "
                                + "column to \(r.dataType.sqlName))", at: stepSpan)
            }
        }
        step = conformed(step, to: seed.schema)
        return try located(cte.alias.name.span) { () throws(PlanError) in
            .extension(Extension(try RecursiveQuery(name: name, staticTerm: seed, recursiveTerm: step, isDistinct: !all)))
        }
    }

    /// The recursive term reads its work table once, outside subqueries, aggregates,
    /// INTERSECT/EXCEPT and the nullable side of outer joins (PostgreSQL's rules).
    private func checkRecursiveTerm(_ step: LogicalPlan, name: String, at span: SourceSpan) throws(PlanError) {
        let quoted = "\"\(name)\""
        let references = step.workTableReferences(name)
        if references.contains(where: \.inSubquery) {
            throw PlanError(.invalidPlan, "recursive reference to query \(quoted) must not appear within a subquery", at: span)
        }
        if references.count > 1 {
            throw PlanError(.invalidPlan, "recursive reference to query \(quoted) must not appear more than once", at: span)
        }
        guard let reference = references.first else {
            throw PlanError(.invalidPlan, "recursive query \(quoted) does not have the form non-recursive-term UNION [ALL] recursive-term "
                            + "(its recursive term does not read it)", at: span)
        }
        let path = reference.path
        for (k, node) in path.enumerated() {
            let child = k + 1 < path.count ? path[k + 1] : nil
            switch node {
            case .aggregate:
                throw PlanError(.invalidPlan, "aggregate functions are not allowed in a recursive query's recursive term", at: span)
            case .extension(let x) where x.node is GroupingSetsAggregate:
                throw PlanError(.invalidPlan, "aggregate functions are not allowed in a recursive query's recursive term", at: span)
            case .window:
                throw PlanError(.invalidPlan, "window functions are not allowed in a recursive query's recursive term", at: span)
            case .join(let j):
                let onLeft = child == j.left
                let nullable = switch j.joinType {
                case .left: !onLeft
                case .right: onLeft
                case .full: true
                default: false
                }
                if nullable {
                    throw PlanError(.invalidPlan, "recursive reference to query \(quoted) must not appear within an outer join", at: span)
                }
            case .setOperation(let s) where s.kind != .union:
                let kind = s.kind == .intersect ? "INTERSECT" : "EXCEPT"
                throw PlanError(.invalidPlan, "recursive reference to query \(quoted) must not appear within \(kind)", at: span)
            default:
                break
            }
        }
    }

    static func span(of body: SetExpr) -> SourceSpan {
        switch body {
        case .select(let s): s.span
        case .setOperation(_, _, _, _, let span), .values(_, let span): span
        case .query(let q): q.span
        }
    }
}
