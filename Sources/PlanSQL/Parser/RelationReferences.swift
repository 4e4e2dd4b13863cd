import PlanCore

/// The relations a query reads, from its syntax alone (no catalog): every table or view
/// named in a FROM clause — and as a table function's relation argument
/// (`interval_align(reads, genes)`) — that no WITH query in scope defines, in the order
/// written. What a pipeline's `graph` checks each view's declared dependencies against
/// without binding; the binder finds the same relations (a multi-part name by its last
/// part, as ``Binder`` looks it up).
public enum RelationReferences {
    /// The relation names `query` reads, each as written (an ``Ident``: its
    /// ``Ident/normalized`` form is the catalog name an unquoted name folds to).
    public static func of(_ query: Query) -> [Ident] {
        var walker = Walker()
        walker.query(query)
        return walker.found
    }

    struct Walker {
        var found: [Ident] = []
        /// The WITH names visible at each level of nesting, innermost last.
        var scopes: [Set<String>] = []

        func isCTE(_ name: ObjectName) -> Bool {
            guard name.parts.count == 1, let n = name.last?.normalized else { return false }
            return scopes.contains { $0.contains(n) }
        }

        mutating func query(_ q: Query) {
            scopes.append([])
            // A WITH query sees the ones before it (and the outer scopes), not itself;
            // under WITH RECURSIVE it sees every one of the list.
            if q.recursive { scopes[scopes.count - 1] = Set(q.with.map(\.alias.name.normalized)) }
            for cte in q.with {
                query(cte.query)
                scopes[scopes.count - 1].insert(cte.alias.name.normalized)
            }
            setExpr(q.body)
            for item in q.orderBy { expr(item.expr) }
            if let l = q.limit { expr(l) }
            if let o = q.offset { expr(o) }
            scopes.removeLast()
        }

        mutating func setExpr(_ body: SetExpr) {
            switch body {
            case .select(let s): select(s)
            case .setOperation(_, _, let l, let r, _):
                setExpr(l)
                setExpr(r)
            case .values(let rows, _): for row in rows { for e in row { expr(e) } }
            case .query(let q): query(q)
            }
        }

        mutating func select(_ s: Select) {
            for ref in s.from { tableRef(ref) }
            for item in s.items { if case .expr(let e, _) = item { expr(e) } }
            if let w = s.whereClause { expr(w) }
            for g in s.groupBy { expr(g) }
            if let h = s.having { expr(h) }
            for w in s.windows { for e in w.spec.expressions { expr(e) } }
            if let q = s.qualify { expr(q) }
        }

        mutating func tableRef(_ ref: TableRef) {
            switch ref {
            case .table(let name, _): relation(name)
            case .derived(let q, _, _): query(q)
            case .function(_, let args, _):
                for arg in args {
                    if case .identifier(let parts) = arg.value.kind { relation(ObjectName(parts: parts)) } else { expr(arg.value) }
                }
            case .join(let l, let r, _, let constraint, _):
                tableRef(l)
                tableRef(r)
                if case .on(let e) = constraint { expr(e) }
            }
        }

        mutating func relation(_ name: ObjectName) {
            guard !isCTE(name), let last = name.last else { return }
            found.append(last)
        }

        /// Subqueries anywhere in an expression; a worklist, so a chain of 100,000
        /// operands takes no stack.
        mutating func expr(_ root: SQLExpr) {
            var pending = [root]
            while let e = pending.popLast() {
                switch e.kind {
                case .identifier, .number, .string, .blob, .boolean, .null, .typedString, .interval, .wildcard: break
                case .unary(_, let a), .isTest(let a, _), .cast(let a, _), .extract(_, let a), .nested(let a): pending.append(a)
                case .binary(let a, _, let b), .customOperator(let a, _, let b):
                    pending.append(b)
                    pending.append(a)
                case .logical(_, let parts): pending.append(contentsOf: parts.reversed())
                case .between(let a, let b, let c, _, _): pending.append(contentsOf: [c, b, a])
                case .like(let a, let b, _, _, let escape):
                    if let escape { pending.append(escape) }
                    pending.append(contentsOf: [b, a])
                case .inList(let a, let list, _): pending.append(contentsOf: list.reversed() + [a])
                case .inSubquery(let a, let q, _):
                    pending.append(a)
                    query(q)
                case .exists(let q, _), .subquery(let q): query(q)
                case .caseWhen(let operand, let branches, let elseExpr):
                    if let elseExpr { pending.append(elseExpr) }
                    for (w, t) in branches.reversed() { pending.append(contentsOf: [t, w]) }
                    if let operand { pending.append(operand) }
                case .function(let call):
                    if let over = call.over { pending.append(contentsOf: over.expressions.reversed()) }
                    if let f = call.filter { pending.append(f) }
                    pending.append(contentsOf: ((call.withinGroup ?? []) + call.orderBy).map(\.expr).reversed())
                    pending.append(contentsOf: call.args.reversed())
                }
            }
        }
    }
}
