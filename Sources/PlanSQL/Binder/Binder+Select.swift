import PlanCore

extension Binder {
    /// One bound SELECT-list entry and where it came from.
    struct SelectEntry {
        var expr: Expr
        var span: SourceSpan
        /// The alias written, if any (`AS name`).
        var alias: String?

        /// The name ORDER BY finds the entry by: its alias, or a bare column's name as
        /// shown (`a#2`, the second `a` of a derived table, is an `a` too).
        var outputName: String? {
            if let alias { return alias }
            if case .column(let c) = expr { return Field.displayName(of: c.name) }
            return nil
        }
    }

    /// Binds a SELECT block with the ORDER BY of its query (ORDER BY may name select
    /// aliases, ordinals, or input columns not selected).
    mutating func bindSelect(_ s: Select, orderBy: [OrderItem]) throws(PlanError) -> LogicalPlan {
        let s = try distinctOnAsQualify(s, orderBy: orderBy)
        var (plan, scope) = try bindFrom(s.from)
        let enclosingWindows = namedWindows, enclosingGrouping = groupingCalls
        defer { namedWindows = enclosingWindows; groupingCalls = enclosingGrouping }
        namedWindows = [:]
        groupingCalls = []
        for w in s.windows {
            if namedWindows[w.name.normalized] != nil {
                throw PlanError(.invalidPlan, "window \"\(w.name.value)\" is already defined", at: w.name.span)
            }
            // Resolved in order: a window may name only those before it (never itself).
            namedWindows[w.name.normalized] = try resolvedWindow(w.spec)
        }
        if let w = s.whereClause {
            let predicate = try bindPredicate(w, scope: scope, clause: "WHERE")
            plan = .filter(try located(w.span) { () throws(PlanError) in try Filter(predicate, input: plan) })
        }
        var entries = try bindSelectList(s.items, scope: scope)
        var groupBy: [Expr]
        var groupingSets: (sets: [[Int]], form: GroupingSetsAggregate.Form)?
        if let grouping = s.grouping {
            let bound = try bindGroupingSets(grouping, entries: entries, scope: scope)
            groupBy = bound.keys
            groupingSets = (bound.sets, bound.form)
        } else {
            groupBy = try bindGroupBy(s.groupBy, entries: entries, scope: scope)
        }
        var having = try s.having.map { (h: SQLExpr) throws(PlanError) -> Expr in
            try bindPredicate(h, scope: scope, clause: "HAVING", allowAggregates: true)
        }
        selectAliases = entries.compactMap { e in e.alias.map { (name: $0, expr: e.expr) } }
        var qualify = try s.qualify.map { (q: SQLExpr) throws(PlanError) -> Expr in
            try bindPredicate(q, scope: scope, clause: "QUALIFY", allowAggregates: true)
        }
        selectAliases = []
        var orderTargets = try bindOrderTargets(orderBy, entries: entries, scope: scope)
        let orderExprs = orderTargets.compactMap { if case .expr(let e, _) = $0.0 { e } else { nil } }
        let aggregating = !groupBy.isEmpty || having != nil || groupingSets != nil || !groupingCalls.isEmpty
            || entries.contains { $0.expr.containsAggregate } || orderExprs.contains { $0.containsAggregate }
            || (qualify?.containsAggregate ?? false)
        if aggregating {
            plan = try aggregate(plan, select: s, groupBy: groupBy, groupingSets: groupingSets, entries: &entries, having: &having, qualify: &qualify,
                                 orderTargets: &orderTargets)
        }
        plan = try windowed(plan, select: s, entries: &entries, qualify: qualify, orderTargets: &orderTargets)
        return try project(plan, select: s, entries: entries, orderTargets: orderTargets)
    }

    /// The Window nodes of every window call in the SELECT list, QUALIFY and ORDER BY
    /// (those clauses rewritten to read their columns), QUALIFY as a Filter over them.
    func windowed(_ input: LogicalPlan, select s: Select, entries: inout [SelectEntry], qualify: Expr?,
                  orderTargets: inout [(OrderTarget, OrderItem)]) throws(PlanError) -> LogicalPlan {
        var exprs = entries.map(\.expr)
        let orderIndices = orderTargets.indices.filter { if case .expr = orderTargets[$0].0 { true } else { false } }
        for i in orderIndices { if case .expr(let e, _) = orderTargets[i].0 { exprs.append(e) } }
        if let qualify { exprs.append(qualify) }
        guard exprs.contains(where: \.containsWindow) else {
            if let qualify, let span = s.qualify?.span {
                return .filter(try located(span) { () throws(PlanError) in try Filter(qualify, input: input) })
            }
            return input
        }
        var plan = try windows(input, exprs: &exprs, span: s.span)
        for i in entries.indices { entries[i].expr = exprs[i] }
        for (k, i) in orderIndices.enumerated() {
            if case .expr(_, let span) = orderTargets[i].0 { orderTargets[i].0 = .expr(exprs[entries.count + k], span) }
        }
        if qualify != nil, let span = s.qualify?.span, let q = exprs.last {
            let windows = plan
            plan = .filter(try located(span) { () throws(PlanError) in try Filter(q, input: windows) })
        }
        return plan
    }

    /// What an ORDER BY item sorts by: a select entry, or an expression over the input
    /// (a hidden column, removed again after the sort).
    enum OrderTarget { case entry(Int), expr(Expr, SourceSpan) }

    /// The SELECT list: each `*` expanded to the visible columns of its scope (or of one
    /// table), each expression bound.
    mutating func bindSelectList(_ items: [SelectItem], scope: Scope) throws(PlanError) -> [SelectEntry] {
        var entries: [SelectEntry] = []
        for item in items {
            switch item {
            case .wildcard(let qualifier, let span):
                let q = qualifier?.last?.reference
                var matched = false
                for f in scope.schema.fields where !scope.hidden.contains(f.column) {
                    if let q, !(f.qualifier.map(q.matches) ?? false) { continue }
                    matched = true
                    entries.append(SelectEntry(expr: .column(f.column), span: span, alias: nil))
                }
                if !matched {
                    if let q { throw PlanError(.unknownName, "table '\(q.text)' not found in FROM clause", at: span) }
                    throw PlanError(.invalidPlan, "SELECT * with no tables specified is not valid", at: span)
                }
            case .expr(let e, let alias):
                let bound = try bindExpr(e, scope: scope, allowAggregates: true, clause: "SELECT")
                entries.append(SelectEntry(expr: bound, span: e.span, alias: alias?.value))
            }
        }
        return entries
    }

    /// GROUP BY keys: ordinals, select aliases, or expressions over the input (each once).
    mutating func bindGroupBy(_ items: [SQLExpr], entries: [SelectEntry], scope: Scope) throws(PlanError) -> [Expr] {
        var groupBy: [Expr] = []
        for g in items {
            let bound = try bindGroupKey(g, entries: entries, scope: scope)
            if !groupBy.contains(bound) { groupBy.append(bound) }
        }
        return groupBy
    }

    /// One GROUP BY key: an ordinal, a select alias, or an expression over the input.
    mutating func bindGroupKey(_ g: SQLExpr, entries: [SelectEntry], scope: Scope) throws(PlanError) -> Expr {
        var bound: Expr
        if let i = try ordinal(g, count: entries.count, clause: "GROUP BY") {
            bound = entries[i].expr
            if bound.containsAggregate {
                throw PlanError(.invalidPlan, "GROUP BY position \(i + 1) refers to an aggregate", at: g.span)
            }
        } else if case .identifier(let parts) = g.kind, parts.count == 1,
                  !resolvable(parts[0].reference, in: scope),
                  let entry = entries.first(where: { $0.alias.map(parts[0].reference.matches) ?? false }) {
            bound = entry.expr
            if bound.containsAggregate {
                throw PlanError(.invalidPlan, "GROUP BY '\(parts[0].value)' refers to an aggregate", at: g.span)
            }
        } else {
            bound = try bindExpr(g, scope: scope, allowAggregates: false, clause: "GROUP BY")
        }
        bound = bound.unaliased
        if bound.containsWindow {
            throw PlanError(.invalidPlan, "window functions are not allowed in GROUP BY", at: g.span)
        }
        return bound
    }

    /// ORDER BY targets: an ordinal, an output column's name (SQL-92, as PostgreSQL: two
    /// output columns of that name that are not the same expression are ambiguous), an
    /// expression equal to a select entry, or an expression over the input.
    mutating func bindOrderTargets(_ orderBy: [OrderItem], entries: [SelectEntry], scope: Scope) throws(PlanError) -> [(OrderTarget, OrderItem)] {
        var orderTargets: [(OrderTarget, OrderItem)] = []
        for item in orderBy {
            if let i = try ordinal(item.expr, count: entries.count, clause: "ORDER BY") {
                orderTargets.append((.entry(i), item))
                continue
            }
            if case .identifier(let parts) = item.expr.kind, parts.count == 1 {
                let named = entries.indices.filter { entries[$0].outputName.map(parts[0].reference.matches) ?? false }
                if let i = named.first {
                    if named.contains(where: { entries[$0].expr.unaliased != entries[i].expr.unaliased }) {
                        throw PlanError(.ambiguousName, "ORDER BY \"\(parts[0].value)\" is ambiguous", at: item.expr.span)
                    }
                    orderTargets.append((.entry(i), item))
                    continue
                }
            }
            let e = try bindExpr(item.expr, scope: scope, allowAggregates: true, clause: "ORDER BY").unaliased
            if let i = entries.firstIndex(where: { $0.expr.unaliased == e }) {
                orderTargets.append((.entry(i), item))
            } else {
                orderTargets.append((.expr(e, item.expr.span), item))
            }
        }
        return orderTargets
    }

    /// The Aggregate of a grouping SELECT (its keys and every aggregate call the SELECT
    /// list, HAVING and ORDER BY hold), HAVING as a Filter over it; those clauses are
    /// rewritten to read its outputs, and a column that is neither a key nor inside an
    /// aggregate is an error naming its clause.
    func aggregate(_ input: LogicalPlan, select s: Select, groupBy: [Expr], groupingSets: (sets: [[Int]], form: GroupingSetsAggregate.Form)?,
                   entries: inout [SelectEntry], having: inout Expr?,
                   qualify: inout Expr?, orderTargets: inout [(OrderTarget, OrderItem)]) throws(PlanError) -> LogicalPlan {
        let orderExprs = orderTargets.compactMap { if case .expr(let e, _) = $0.0 { e } else { nil } }
        var calls: [Expr] = []
        func collect(_ e: Expr) {
            e.visit { node in
                if case .aggregate = node {
                    if !calls.contains(node) { calls.append(node) }
                    return .jump
                }
                return .continue
            }
        }
        entries.forEach { collect($0.expr) }
        if let having { collect(having) }
        if let qualify { collect(qualify) }
        orderExprs.forEach(collect)

        var plan: LogicalPlan
        var sets: GroupingSetsAggregate?
        if let groupingSets {
            let node = try located(s.span) { () throws(PlanError) in
                try GroupingSetsAggregate(keys: groupBy, sets: groupingSets.sets, aggregates: calls, input: input, form: groupingSets.form)
            }
            sets = node
            plan = .extension(Extension(node))
        } else {
            plan = .aggregate(try located(s.span) { () throws(PlanError) in
                try Aggregate(groupBy: groupBy, aggregates: calls, input: input)
            })
        }
        let schema = plan.schema
        let outputs = groupBy + calls
        func rewrite(_ e: Expr, span: SourceSpan, clause: String) throws(PlanError) -> Expr {
            let resolved = try groupingResolved(e, keys: groupBy, node: sets)
            return try Binder.replacingOutputs(of: schema, keysAndCalls: outputs, in: resolved, span: span, clause: clause)
        }
        for i in entries.indices {
            // `GROUPING(a)` alone is named `grouping`, as PostgreSQL names it.
            if entries[i].alias == nil, Binder.isGroupingPlaceholder(entries[i].expr) { entries[i].alias = "grouping" }
            entries[i].expr = try rewrite(entries[i].expr, span: entries[i].span, clause: "SELECT")
        }
        if let h = having, let hs = s.having?.span { having = try rewrite(h, span: hs, clause: "HAVING") }
        if let q = qualify, let qs = s.qualify?.span { qualify = try rewrite(q, span: qs, clause: "QUALIFY") }
        for i in orderTargets.indices {
            if case .expr(let e, let span) = orderTargets[i].0 {
                orderTargets[i].0 = .expr(try rewrite(e, span: span, clause: "ORDER BY"), span)
            }
        }
        if let having, let hs = s.having?.span {
            let grouped = plan
            plan = .filter(try located(hs) { () throws(PlanError) in try Filter(having, input: grouped) })
        }
        return plan
    }

    /// The Projection of the select entries (plus hidden ORDER BY columns), DISTINCT, the
    /// Sort, and a Projection removing the hidden columns again.
    func project(_ input: LogicalPlan, select s: Select, entries: [SelectEntry],
                 orderTargets: [(OrderTarget, OrderItem)]) throws(PlanError) -> LogicalPlan {
        var exprs = entries.map { e -> Expr in
            if let alias = e.alias { return e.expr.alias(alias) }
            return e.expr
        }
        let visibleCount = exprs.count
        var hiddenExprs: [Expr] = []
        for (target, _) in orderTargets {
            if case .expr(let e, let span) = target {
                if s.distinct {
                    throw PlanError(.invalidPlan, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list", at: span)
                }
                if !hiddenExprs.contains(e) { hiddenExprs.append(e) }
            }
        }
        exprs += hiddenExprs
        exprs = try located(s.span) { () throws(PlanError) in try Expr.distinctlyNamed(exprs, in: input.schema) }
        let projection = try located(s.span) { () throws(PlanError) in try Projection(exprs, input: input) }
        var plan = LogicalPlan.projection(projection)
        if s.distinct { plan = .distinct(Distinct(input: plan)) }
        if !orderTargets.isEmpty {
            var sorts: [SortExpr] = []
            for (target, item) in orderTargets {
                let index: Int
                switch target {
                case .entry(let i): index = i
                case .expr(let e, _): index = visibleCount + (hiddenExprs.firstIndex(of: e) ?? 0)
                }
                let column = Expr.column(projection.schema.fields[index].column)
                sorts.append(SortExpr(column, ascending: item.ascending, nullsFirst: item.nullsFirst))
            }
            plan = .sort(try Sort(sorts, input: plan))
        }
        if !hiddenExprs.isEmpty {
            let keep = projection.schema.fields.prefix(visibleCount).map { Expr.column($0.column) }
            plan = .projection(try Projection(Array(keep), input: plan))
        }
        return plan
    }

    /// Whether an unqualified name resolves to an input column.
    func resolvable(_ name: NameReference, in scope: Scope) -> Bool {
        if scope.merged(name) != nil { return true }
        return scope.schema.lookup(name, relation: nil) != .notFound
    }

    /// `e` above `aggregate`: each GROUP BY key and aggregate call (`keysAndCalls`, in the
    /// aggregate's output order) replaced by its output column; any other column is an error.
    /// (A function of its own: as a local function its `try` drew a false "no calls to
    /// throwing functions" warning from the compiler.)
    static func replacingOutputs(of schema: Schema, keysAndCalls outputs: [Expr], in e: Expr,
                                 span: SourceSpan, clause: String) throws(PlanError) -> Expr {
        let result = try e.transformDown { (node: Expr) -> Transformed<Expr> in
            if let i = outputs.firstIndex(of: node) {
                return Transformed(.column(schema.fields[i].column), changed: true, recursion: .jump)
            }
            if case .alias(let inner, let name) = node, let i = outputs.firstIndex(of: inner) {
                return Transformed(Expr.column(schema.fields[i].column).alias(name), changed: true, recursion: .jump)
            }
            return .no(node)
        }.value
        for c in result.columnRefs where schema.index(of: c) == nil {
            throw PlanError(.invalidPlan, "column '\(c.flatName)' must appear in the GROUP BY clause or be used in an aggregate function (\(clause))", at: span)
        }
        return result
    }
}
