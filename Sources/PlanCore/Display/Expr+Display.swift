extension Expr: CustomStringConvertible {
    /// The expression as plans show it (DataFusion's style): `t.a + Int64(1) > t.b`.
    public var description: String { render(parentPrecedence: 0, sql: false) }

    /// The expression as SQL a person would write (`t.a + 1 > 'x'`), for messages.
    public var sqlText: String { render(parentPrecedence: 0, sql: true) }

    private var precedence: Int {
        switch self {
        case .binary(_, let op, _): op.precedence
        case .logical(let op, _): op.precedence
        case .between, .like, .inList, .inSubquery: 20
        case .isTest: 15
        case .not: 12
        default: 100
        }
    }

    private func render(parentPrecedence: Int, sql: Bool) -> String {
        let text: String
        func child(_ e: Expr) -> String { sql ? e.sqlText : e.description }
        func joined(_ es: [Expr]) -> String { es.map(child).joined(separator: ", ") }
        switch self {
        case .column(let c): return c.flatName
        case .outerColumn(let c, _): return sql ? c.flatName : "outer_ref(\(c.flatName))"
        case .literal(let v): return sql ? v.sqlLiteral : v.description
        case .alias(let e, let name): return sql ? child(e) : "\(e) AS \(name)"
        case .not(let e): text = "NOT \(e.render(parentPrecedence: 12, sql: sql))"
        case .negative(let e): return sql ? "-\(e.render(parentPrecedence: 100, sql: true))" : "(- \(e))"
        case .binary(let l, let op, let r):
            // Left-associative: the right side needs parentheses at equal precedence.
            text = "\(l.render(parentPrecedence: op.precedence, sql: sql)) \(op.rawValue) \(r.render(parentPrecedence: op.precedence + 1, sql: sql))"
        case .logical(let op, let operands):
            // The first operand as the left side of a left-associative chain, the others
            // as right sides (parenthesized at equal precedence).
            text = operands.enumerated().map { i, e in
                e.render(parentPrecedence: op.precedence + (i == 0 ? 0 : 1), sql: sql)
            }.joined(separator: " \(op.rawValue) ")
        case .isTest(let e, let t): text = "\(e.render(parentPrecedence: 16, sql: sql)) \(t.rawValue)"
        case .between(let e, let lo, let hi, let n):
            text = "\(e.render(parentPrecedence: 21, sql: sql)) \(n ? "NOT " : "")BETWEEN \(lo.render(parentPrecedence: 21, sql: sql)) AND \(hi.render(parentPrecedence: 21, sql: sql))"
        case .like(let l):
            var s = "\(l.expr.render(parentPrecedence: 21, sql: sql)) \(l.negated ? "NOT " : "")\(l.caseInsensitive ? "ILIKE" : "LIKE") \(l.pattern.render(parentPrecedence: 21, sql: sql))"
            // The default escape (backslash) is not shown; `ESCAPE ''` (none) is.
            if l.escape != Like.defaultEscape { s += " ESCAPE '\(l.escape.map { $0 == "'" ? "''" : String($0) } ?? "")'" }
            text = s
        case .inList(let e, let list, let n):
            text = "\(e.render(parentPrecedence: 21, sql: sql)) \(n ? "NOT " : "")IN (\(sql ? "" : "[")\(joined(list))\(sql ? "" : "]"))"
        case .caseWhen(let c):
            var s = "CASE"
            if let o = c.operand { s += " \(child(o))" }
            for b in c.branches { s += " WHEN \(child(b.when)) THEN \(child(b.then))" }
            if let e = c.elseExpr { s += " ELSE \(child(e))" }
            return s + " END"
        case .cast(let e, let t): return "CAST(\(child(e)) AS \(sql ? t.sqlName : t.displayName))"
        case .scalarFunction(let f, let args):
            return "\(f.rawValue)(\(joined(args)))"
        case .aggregate(let call):
            func order(_ o: SortExpr) -> String {
                "\(child(o.expr)) \(o.ascending ? "ASC" : "DESC") NULLS \(o.nullsFirst ? "FIRST" : "LAST")"
            }
            let orderText = call.orderBy.map(order).joined(separator: ", ")
            var s = "\(call.function.rawValue)("
            if call.distinct { s += "DISTINCT " }
            s += call.args.isEmpty ? (call.function.isOrderedSet ? "" : "*") : joined(call.args)
            // PostgreSQL's form: ORDER BY inside the parentheses, or WITHIN GROUP after them.
            if !call.orderBy.isEmpty, !call.function.isOrderedSet { s += " ORDER BY \(orderText)" }
            s += ")"
            if call.function.isOrderedSet { s += " WITHIN GROUP (ORDER BY \(orderText))" }
            if let f = call.filter { s += " FILTER (WHERE \(child(f)))" }
            return s
        case .window(let w):
            var s = "\(w.function.name)("
            if w.distinct { s += "DISTINCT " }
            if case .aggregate(.count) = w.function, w.args.isEmpty { s += "*" } else { s += joined(w.args) }
            s += ")"
            if w.ignoreNulls { s += " IGNORE NULLS" }
            if let f = w.filter { s += " FILTER (WHERE \(child(f)))" }
            return s + " OVER (\(w.windowText(child)))"
        case .exists(_, let n): return "\(n ? "NOT " : "")EXISTS (<subquery>)"
        case .inSubquery(let e, _, let n): text = "\(e.render(parentPrecedence: 21, sql: sql)) \(n ? "NOT " : "")IN (<subquery>)"
        case .scalarSubquery: return "(<subquery>)"
        }
        return precedence < parentPrecedence ? "(\(text))" : text
    }
}
