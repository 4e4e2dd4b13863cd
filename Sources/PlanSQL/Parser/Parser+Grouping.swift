import PlanCore

extension Parser {
    /// GROUP BY's list: every expression in it, and the elements as written when one is
    /// `ROLLUP (…)`, `CUBE (…)`, `GROUPING SETS (…)` or `()` (nil for a plain list; a
    /// parenthesized list of keys at the top is the keys themselves).
    mutating func parseGroupBy() throws(PlanError) -> ([SQLExpr], [GroupingElement]?) {
        if current.isKeyword("DISTINCT") {
            throw PlanError(.unsupported, "GROUP BY DISTINCT (repeated grouping sets removed) is not supported", at: current.span)
        }
        if current.isKeyword("ALL"), !peek().isSymbol("(") {
            throw PlanError(.unsupported, "GROUP BY ALL is not supported (PostgreSQL's is the default; DuckDB's groups by every column "
                            + "that is not an aggregate): name the keys", at: current.span)
        }
        var items: [GroupingElement] = []
        repeat {
            let item = try parseGroupingElement()
            if case .list(let es, _) = item, !es.isEmpty { items += es.map { .expr($0) } } else { items.append(item) }
        } while consumeSymbol(",")
        let plain = items.allSatisfy { if case .expr = $0 { true } else { false } }
        return (items.flatMap(\.expressions), plain ? nil : items)
    }

    /// One element: ROLLUP/CUBE of keys or lists, GROUPING SETS of elements, a
    /// parenthesized list of keys (`(a, b)`, `()`), or an expression.
    mutating func parseGroupingElement() throws(PlanError) -> GroupingElement {
        try enter()
        defer { leave() }
        let start = current.span
        if current.isKeyword("ROLLUP") || current.isKeyword("CUBE"), peek().isSymbol("(") {
            let rollup = current.isKeyword("ROLLUP")
            advance()
            advance()
            var parts: [GroupingElement] = []
            repeat {
                if current.isSymbol("("), isGroupingList() { parts.append(try parseGroupingList()) } else { parts.append(.expr(try parseExpr())) }
            } while consumeSymbol(",")
            try expectSymbol(")")
            let span = start.merged(with: tokens[position - 1].span)
            return rollup ? .rollup(parts, span: span) : .cube(parts, span: span)
        }
        if current.isKeyword("GROUPING"), peek().isKeyword("SETS") {
            advance()
            advance()
            try expectSymbol("(")
            var parts: [GroupingElement] = []
            repeat { parts.append(try parseGroupingElement()) } while consumeSymbol(",")
            try expectSymbol(")")
            return .groupingSets(parts, span: start.merged(with: tokens[position - 1].span))
        }
        if current.isSymbol("("), isGroupingList() { return try parseGroupingList() }
        return .expr(try parseExpr())
    }

    /// `(a, b)` or `()`: the parenthesis closes before a `,` or `)` of the enclosing list
    /// or the end of GROUP BY (otherwise it opens an expression: `(a + b) * 2`).
    func isGroupingList() -> Bool {
        if ["SELECT", "WITH", "VALUES"].contains(where: { peek().isKeyword($0) }) { return false }  // a subquery
        var level = 0, i = 0
        while true {
            let t = peek(i)
            if t.kind == .endOfInput { return false }
            if t.isSymbol("(") { level += 1 }
            if t.isSymbol(")") {
                level -= 1
                if level == 0 {
                    let next = peek(i + 1)
                    if next.isSymbol(",") || next.isSymbol(")") || next.isSymbol(";") || next.kind == .endOfInput { return true }
                    return ["HAVING", "WINDOW", "QUALIFY", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT"]
                        .contains { next.isKeyword($0) }
                }
            }
            i += 1
        }
    }

    mutating func parseGroupingList() throws(PlanError) -> GroupingElement {
        let start = current.span
        try expectSymbol("(")
        var exprs: [SQLExpr] = []
        if !current.isSymbol(")") {
            repeat { exprs.append(try parseExpr()) } while consumeSymbol(",")
        }
        try expectSymbol(")")
        return .list(exprs, span: start.merged(with: tokens[position - 1].span))
    }
}
