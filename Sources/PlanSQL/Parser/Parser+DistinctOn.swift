import PlanCore

/// `SELECT DISTINCT ON (exprs) …`: parsed here, checked against the query's ORDER BY as
/// PostgreSQL checks it, bound as `QUALIFY row_number() OVER (PARTITION BY exprs ORDER BY
/// the query's ORDER BY) = 1` (``Binder/distinctOnAsQualify(_:orderBy:)``).
extension Parser {
    /// After DISTINCT: `ON (expr, …)`, or nil for a plain DISTINCT.
    mutating func parseDistinctOn() throws(PlanError) -> [SQLExpr]? {
        guard consumeKeyword("ON") else { return nil }
        try expectSymbol("(")
        var exprs: [SQLExpr] = []
        repeat { exprs.append(try parseExpr()) } while consumeSymbol(",")
        try expectSymbol(")")
        return exprs
    }

    /// PostgreSQL's rule: the ORDER BY keys that come first, up to the point where every
    /// DISTINCT ON expression has appeared, must all be DISTINCT ON expressions (in any
    /// order). Expressions are compared as written (their tokens, keywords in any case).
    func checkDistinctOn(_ body: SetExpr, orderBy: [OrderItem]) throws(PlanError) {
        guard case .select(let select) = body, let on = select.distinctOn, !orderBy.isEmpty else { return }
        var remaining = Set(on.map(signature))
        for item in orderBy where !remaining.isEmpty {
            guard remaining.remove(signature(item.expr)) != nil || on.map(signature).contains(signature(item.expr)) else {
                throw PlanError(.invalidPlan, "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", at: item.expr.span)
            }
        }
    }

    /// An expression as its tokens: what it says, whatever the spacing and keyword case.
    private func signature(_ e: SQLExpr) -> [String] {
        let start = e.span.offset, end = e.span.offset + e.span.length
        return tokens.filter { $0.span.offset >= start && $0.span.offset < end }.map { t in
            if case .word(let w) = t.kind { return w.lowercased() }
            return String(describing: t.kind)
        }
    }
}
