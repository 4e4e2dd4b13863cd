import PlanCore

extension Binder {
    /// Binds the FROM list (comma-separated items become cross joins).
    mutating func bindFrom(_ refs: [TableRef]) throws(PlanError) -> (LogicalPlan, Scope) {
        guard let first = refs.first else {
            return (.emptyRelation(EmptyRelation(produceOneRow: true)), Scope(schema: .empty))
        }
        var (plan, scope) = try bindTableRef(first)
        for ref in refs.dropFirst() {
            let (right, rightScope) = try bindTableRef(ref)
            scope = try combine(scope, rightScope, at: span(of: ref))
            plan = .crossJoin(CrossJoin(left: plan, right: right))
        }
        return (plan, scope)
    }

    func span(of ref: TableRef) -> SourceSpan {
        switch ref {
        case .table(let name, _): name.span
        case .derived(_, _, let span): span
        case .function(let name, _, _): name.span
        case .join(let l, _, _, _, let span): self.span(of: l).merged(with: span)
        }
    }

    /// The scope of a join's two sides; the same relation name twice is an error.
    func combine(_ left: Scope, _ right: Scope, at span: SourceSpan) throws(PlanError) -> Scope {
        let leftNames = Set(left.schema.fields.compactMap(\.qualifier))
        for q in Set(right.schema.fields.compactMap(\.qualifier)) where leftNames.contains(q) {
            throw PlanError(.ambiguousName, "table name '\(q)' specified more than once (use an alias)", at: span)
        }
        var scope = Scope(schema: left.schema.joined(with: right.schema))
        scope.hidden = left.hidden.union(right.hidden)
        scope.merged = left.merged.merging(right.merged) { l, _ in l }
        return scope
    }

    mutating func bindTableRef(_ ref: TableRef) throws(PlanError) -> (LogicalPlan, Scope) {
        switch ref {
        case .table(let name, let alias):
            var plan = try bindRelation(name)
            let base = name.last?.normalized ?? name.normalized
            if let alias {
                if !alias.columns.isEmpty { plan = try rename(plan, to: alias.columns, at: alias.name.span) }
                plan = .subqueryAlias(SubqueryAlias(alias.name.normalized, input: plan))
            } else if case .subqueryAlias(let a) = plan, a.alias != base {
                plan = .subqueryAlias(SubqueryAlias(base, input: a.input))
            }
            return (plan, Scope(schema: plan.schema))
        case .derived(let query, let alias, _):
            var plan = try bindQuery(query)
            if let alias {
                if !alias.columns.isEmpty { plan = try rename(plan, to: alias.columns, at: alias.name.span) }
                plan = .subqueryAlias(SubqueryAlias(alias.name.normalized, input: plan))
            }
            return (plan, Scope(schema: plan.schema))
        case .function(let name, let args, let alias):
            return try bindTableFunction(name, args, alias: alias)
        case .join(let l, let r, let op, let constraint, let span):
            let (left, leftScope) = try bindTableRef(l)
            let (right, rightScope) = try bindTableRef(r)
            var scope = try combine(leftScope, rightScope, at: span)
            let joinType: JoinType
            switch op {
            case .cross:
                return (.crossJoin(CrossJoin(left: left, right: right)), scope)
            case .inner: joinType = .inner
            case .left: joinType = .left
            case .right: joinType = .right
            case .full: joinType = .full
            }
            // Outer joins make the other side's columns nullable.
            scope.schema = try Join(left: left, right: right, joinType: joinType).schema
            switch constraint {
            case .none:
                throw PlanError(.syntax, "join needs ON or USING", at: span)
            case .on(let condition):
                let predicate = try bindPredicate(condition, scope: scope, clause: "JOIN/ON")
                let split = JoinPredicates.split(predicate.conjuncts, left: left.schema, right: right.schema)
                let join = try located(condition.span) { () throws(PlanError) in
                    try Join(left: left, right: right, joinType: joinType, on: split.keys, filter: Expr.conjunction(split.nonKeys))
                }
                return (.join(join), scope)
            case .using(let names):
                return try bindUsingJoin(left: left, right: right, leftScope: leftScope, rightScope: rightScope,
                                         scope: scope, joinType: joinType, names: names.map { ($0.reference, $0.span) })
            case .natural:
                let rightNames = Set(rightScope.schema.fields.filter { !rightScope.hidden.contains($0.column) }.map(\.name))
                var common: [(NameReference, SourceSpan)] = []
                for f in leftScope.schema.fields where !leftScope.hidden.contains(f.column) && rightNames.contains(f.name) {
                    if !common.contains(where: { $0.0.text == f.name }) { common.append((NameReference(f.name, exact: true), span)) }
                }
                if common.isEmpty {
                    return (.crossJoin(CrossJoin(left: left, right: right)), scope)
                }
                return try bindUsingJoin(left: left, right: right, leftScope: leftScope, rightScope: rightScope,
                                         scope: scope, joinType: joinType, names: common)
            }
        }
    }

    /// A table function in FROM (`generate_series(1, 3) AS g`, `read_csv('f.csv')`): its
    /// relation planner, with relations and constants as arguments (positional or named).
    mutating func bindTableFunction(_ name: ObjectName, _ args: [FunctionArgument], alias: TableAlias?) throws(PlanError) -> (LogicalPlan, Scope) {
        let surface = catalog.surface
        guard let planner = surface.relationPlanner(named: name.normalized) else {
            var message = "unknown table function '\(name.normalized)'"
            let off = surface.switchedOffHint(.relation, provides: name.normalized)
            if !off.isEmpty { message += off }
            else if let hint = closestName(to: name.normalized, in: surface.relationPlannerNames) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.unknownName, message, at: name.span)
        }
        var positional: [RelationArgument] = []
        var named: [String: RelationArgument] = [:]
        for arg in args {
            let bound: RelationArgument
            if case .identifier(let parts) = arg.value.kind {
                let object = ObjectName(parts: parts)
                bound = .relation(name: object.normalized, plan: try bindRelation(object))
            } else {
                let e = try bindExpr(arg.value, scope: Scope(schema: .empty), allowAggregates: false, clause: name.normalized)
                guard case .literal(let v) = e else {
                    throw PlanError(.typeMismatch, "arguments of \(name.normalized) must be relations or constants", at: arg.value.span)
                }
                bound = .value(v)
            }
            if let n = arg.name {
                if named[n.normalized] != nil { throw PlanError(.invalidPlan, "argument '\(n.normalized)' given twice", at: n.span) }
                named[n.normalized] = bound
            } else {
                positional.append(bound)
            }
        }
        let relationName = alias?.name.normalized ?? name.normalized
        var plan = try located(name.span) { () throws(PlanError) in
            try planner.plan(positional: positional, named: named, alias: relationName)
        }
        if let alias, !alias.columns.isEmpty {
            plan = .subqueryAlias(SubqueryAlias(relationName, input: try rename(plan, to: alias.columns, at: alias.name.span)))
        } else if let alias, planner.returnsScalar, plan.schema.count == 1 {
            // A function returning one value a row takes its alias as its column's name
            // (PostgreSQL): `FROM generate_series(1, 3) AS g` has a column `g`.
            plan = .subqueryAlias(SubqueryAlias(relationName, input: try rename(plan, to: [alias.name], at: alias.name.span)))
        }
        return (plan, Scope(schema: plan.schema))
    }

    mutating func bindUsingJoin(left: LogicalPlan, right: LogicalPlan, leftScope: Scope, rightScope: Scope,
                                scope: Scope, joinType: JoinType, names: [(NameReference, SourceSpan)]) throws(PlanError) -> (LogicalPlan, Scope) {
        var scope = scope
        var keys: [JoinKey] = []
        for (reference, span) in names {
            let name = reference.text
            func find(_ s: Scope, _ side: String) throws(PlanError) -> Expr {
                if let m = s.merged(reference) { return m }
                switch s.schema.lookup(reference, relation: nil) {
                case .found(let i): return .column(s.schema.fields[i].column)
                case .notFound:
                    throw PlanError(.unknownName, "column '\(name)' specified in USING is not in the \(side) table", at: span)
                case .ambiguous:
                    throw PlanError(.ambiguousName, "column '\(name)' in USING appears more than once in the \(side) table", at: span)
                }
            }
            let l = try find(leftScope, "left"), r = try find(rightScope, "right")
            keys.append(JoinKey(l, r))
            switch joinType {
            case .right:
                scope.merged[name] = r
                if case .column(let c) = l { scope.hidden.insert(c) }
            case .full:
                scope.merged[name] = .scalarFunction(.coalesce, [l, r])
                if case .column(let c) = r { scope.hidden.insert(c) }
            default:
                scope.merged[name] = l
                if case .column(let c) = r { scope.hidden.insert(c) }
            }
        }
        let join = try Join(left: left, right: right, joinType: joinType, on: keys)
        return (.join(join), scope)
    }

    /// A table, view or CTE by name, as a plan qualified by that name.
    mutating func bindRelation(_ name: ObjectName) throws(PlanError) -> LogicalPlan {
        guard name.parts.count <= 3 else {
            throw PlanError(.unknownName, "relation name '\(name.normalized)' has too many parts", at: name.span)
        }
        if name.parts.count == 1 {
            let cte = name.last?.normalized ?? name.normalized
            for frame in ctes.reversed() {
                if let plan = frame[cte] { return .subqueryAlias(SubqueryAlias(cte, input: plan)) }
            }
        }
        let n = try catalogName(name)
        if let view = catalog.view(named: n) {
            if expandingViews.contains(n) {
                throw PlanError(.invalidPlan, "view '\(n)' refers to itself", at: name.span)
            }
            let statement = try located(name.span) { () throws(PlanError) in try Parser.parseOne(view.sql) }
            guard case .query(let q) = statement else {
                throw PlanError(.invalidPlan, "view '\(n)' does not hold a query", at: name.span)
            }
            var inner = Binder(catalog: catalog, timeZone: timeZone)
            inner.expandingViews = expandingViews + [n]
            var plan: LogicalPlan
            do { plan = try inner.bindQuery(q) } catch {
                throw PlanError(error.kind, "view '\(n)' no longer binds: \(error.message)", at: name.span)
            }
            if !view.columns.isEmpty, view.columns != plan.schema.names {
                plan = try rename(plan, to: view.columns.map { Ident(value: $0, quoted: true, span: name.span) }, at: name.span)
            }
            return .subqueryAlias(SubqueryAlias(n, input: plan))
        }
        if let source = catalog.table(named: n) {
            return .tableScan(try TableScan(tableName: n, sourceSchema: source.schema, source: source))
        }
        throw unknownRelation(n, at: name.span)
    }
}
