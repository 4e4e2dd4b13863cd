import PlanCore

extension Binder {
    /// `SELECT DISTINCT ON (d…) … ORDER BY o…` as `… QUALIFY row_number() OVER (PARTITION
    /// BY d… ORDER BY o…) = 1`: the first row of each group by the query's order, which
    /// `window_topk_per_partition` then plans as a per-partition top-1 (a QUALIFY written
    /// beside it is kept, ANDed). Ordinals (`DISTINCT ON (1)`, `ORDER BY 2`) stand for the
    /// select item they number, as in ORDER BY.
    func distinctOnAsQualify(_ s: Select, orderBy: [OrderItem]) throws(PlanError) -> Select {
        guard let on = s.distinctOn else { return s }
        func resolved(_ e: SQLExpr, _ clause: String) throws(PlanError) -> SQLExpr {
            guard let i = try ordinal(e, count: s.items.count, clause: clause) else { return e }
            guard case .expr(let item, _) = s.items[i] else {
                throw PlanError(.unsupported, "\(clause) position \(i + 1) names a '*' select item", at: e.span)
            }
            return item
        }
        var partitionBy: [SQLExpr] = []
        for e in on { partitionBy.append(try resolved(e, "DISTINCT ON")) }
        var order: [OrderItem] = []
        for item in orderBy {
            var o = item
            o.expr = try resolved(item.expr, "ORDER BY")
            order.append(o)
        }
        let span = on[0].span
        let over = WindowSpec(base: nil, partitionBy: partitionBy, orderBy: order, frame: nil, span: span)
        let call = FunctionCall(name: ObjectName(parts: [Ident(value: "row_number", quoted: false, span: span)]), args: [],
                                distinct: false, filter: nil, over: over)
        let first = SQLExpr(.binary(SQLExpr(.function(call), span), .eq, SQLExpr(.number("1"), span)), span)
        var out = s
        out.distinctOn = nil
        out.qualify = s.qualify.map { SQLExpr(.logical(.and, [$0, first]), span) } ?? first
        return out
    }
}
