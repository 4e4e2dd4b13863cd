import PlanCore

extension Parser {
    /// `[WITH …] body [ORDER BY …] [LIMIT …] [OFFSET …]`.
    mutating func parseQuery() throws(PlanError) -> Query {
        try enter()
        defer { leave() }
        let start = current.span
        var with: [CommonTableExpr] = []
        var recursive = false
        if consumeKeyword("WITH") {
            recursive = consumeKeyword("RECURSIVE")
            repeat {
                let name = try parseIdent("CTE name")
                var columns: [Ident] = []
                if current.isSymbol("(") { columns = try parseIdentList() }
                try expectKeyword("AS")
                try expectSymbol("(")
                let q = try parseQuery()
                try expectSymbol(")")
                with.append(CommonTableExpr(alias: TableAlias(name: name, columns: columns), query: q))
            } while consumeSymbol(",")
        }
        let body = try parseSetExpr(minPrecedence: 0)
        var orderBy: [OrderItem] = []
        if consumeKeywords("ORDER", "BY") { orderBy = try parseOrderItems() }
        try checkDistinctOn(body, orderBy: orderBy)
        var limit: SQLExpr?, offset: SQLExpr?, withTies = false
        while true {
            if consumeKeyword("LIMIT") {
                if limit != nil { throw PlanError(.syntax, "LIMIT given twice", at: tokens[position - 1].span) }
                if consumeKeyword("ALL") { continue }
                limit = try parseExpr()
            } else if consumeKeyword("OFFSET") {
                if offset != nil { throw PlanError(.syntax, "OFFSET given twice", at: tokens[position - 1].span) }
                offset = try parseExpr()
                _ = consumeKeyword("ROWS") || consumeKeyword("ROW")
            } else if consumeKeyword("FETCH") {
                (limit, withTies) = try parseFetchFirst()
            } else {
                break
            }
        }
        let span = start.merged(with: tokens[max(0, position - 1)].span)
        return Query(with: with, body: body, orderBy: orderBy, limit: limit, offset: offset, span: span, withTies: withTies,
                     recursive: recursive)
    }

    /// After FETCH: `{FIRST | NEXT} [n] {ROW | ROWS} {ONLY | WITH TIES}` (n defaults to 1).
    mutating func parseFetchFirst() throws(PlanError) -> (SQLExpr, withTies: Bool) {
        guard consumeKeyword("FIRST") || consumeKeyword("NEXT") else { throw unexpected("FIRST or NEXT") }
        var count = SQLExpr(.number("1"), current.span)
        if !current.isKeyword("ROWS") && !current.isKeyword("ROW") { count = try parseExpr() }
        guard consumeKeyword("ROWS") || consumeKeyword("ROW") else { throw unexpected("ROWS") }
        if consumeKeywords("WITH", "TIES") { return (count, true) }
        guard consumeKeyword("ONLY") else { throw unexpected("ONLY or WITH TIES") }
        return (count, false)
    }

    /// `expr [ASC | DESC] [NULLS FIRST | LAST], …` after ORDER BY (a query's or a window's).
    mutating func parseOrderItems() throws(PlanError) -> [OrderItem] {
        var orderBy: [OrderItem] = []
        repeat {
            let e = try parseExpr()
            var ascending = true
            if consumeKeyword("DESC") { ascending = false } else { _ = consumeKeyword("ASC") }
            var nullsFirst: Bool?
            if consumeKeyword("NULLS") {
                if consumeKeyword("FIRST") { nullsFirst = true }
                else if consumeKeyword("LAST") { nullsFirst = false }
                else { throw unexpected("FIRST or LAST") }
            }
            orderBy.append(OrderItem(expr: e, ascending: ascending, nullsFirst: nullsFirst))
        } while consumeSymbol(",")
        return orderBy
    }

    /// Set operations: INTERSECT binds tighter than UNION and EXCEPT (left-associative).
    mutating func parseSetExpr(minPrecedence: Int) throws(PlanError) -> SetExpr {
        var left = try parseSetOperand()
        while true {
            let t = current
            let kind: SetOperation.Kind
            let precedence: Int
            if t.isKeyword("UNION") { kind = .union; precedence = 1 }
            else if t.isKeyword("EXCEPT") { kind = .except; precedence = 1 }
            else if t.isKeyword("INTERSECT") { kind = .intersect; precedence = 2 }
            else { return left }
            if precedence < minPrecedence { return left }
            advance()
            let all = consumeKeyword("ALL")
            if !all { _ = consumeKeyword("DISTINCT") }
            let right = try parseSetExpr(minPrecedence: precedence + 1)
            left = .setOperation(kind, all: all, left, right, span: t.span)
        }
    }

    mutating func parseSetOperand() throws(PlanError) -> SetExpr {
        if current.isKeyword("SELECT") { return .select(try parseSelect()) }
        if current.isKeyword("VALUES") {
            let start = advance().span
            var rows: [[SQLExpr]] = []
            repeat {
                try expectSymbol("(")
                var row = [try parseExpr()]
                while consumeSymbol(",") { row.append(try parseExpr()) }
                try expectSymbol(")")
                rows.append(row)
            } while consumeSymbol(",")
            return .values(rows, span: start.merged(with: tokens[position - 1].span))
        }
        if consumeSymbol("(") {
            let q = try parseQuery()
            try expectSymbol(")")
            return .query(q)
        }
        throw unexpected("SELECT, VALUES or '('")
    }

    mutating func parseSelect() throws(PlanError) -> Select {
        let start = advance().span  // SELECT
        var distinct = false
        var distinctOn: [SQLExpr]?
        if consumeKeyword("DISTINCT") {
            distinctOn = try parseDistinctOn()
            distinct = distinctOn == nil
        } else {
            _ = consumeKeyword("ALL")
        }
        var items: [SelectItem] = []
        repeat {
            if current.isKeyword("FROM") { throw unexpected("an expression") }
            items.append(try parseSelectItem())
        } while consumeSymbol(",")
        var from: [TableRef] = []
        if consumeKeyword("FROM") {
            repeat { from.append(try parseTableRef()) } while consumeSymbol(",")
        }
        let whereClause = consumeKeyword("WHERE") ? try parseExpr() : nil
        var groupBy: [SQLExpr] = []
        var grouping: [GroupingElement]?
        if consumeKeywords("GROUP", "BY") { (groupBy, grouping) = try parseGroupBy() }
        let having = consumeKeyword("HAVING") ? try parseExpr() : nil
        var windows: [NamedWindow] = []
        var qualify: SQLExpr?
        while true {
            if consumeKeyword("WINDOW") {
                repeat {
                    let name = try parseIdent("window name")
                    try expectKeyword("AS")
                    windows.append(NamedWindow(name: name, spec: try parseWindowSpec()))
                } while consumeSymbol(",")
            } else if qualify == nil, consumeKeyword("QUALIFY") {
                qualify = try parseExpr()
            } else {
                break
            }
        }
        let span = start.merged(with: tokens[max(0, position - 1)].span)
        return Select(distinct: distinct, items: items, from: from, whereClause: whereClause,
                      groupBy: groupBy, having: having, span: span, windows: windows, qualify: qualify, distinctOn: distinctOn,
                      grouping: grouping)
    }

    mutating func parseSelectItem() throws(PlanError) -> SelectItem {
        if current.isSymbol("*") {
            return .wildcard(qualifier: nil, span: advance().span)
        }
        // `t.*` / `s.t.*`
        var lookahead = 0
        while true {
            let t = peek(lookahead)
            let isName: Bool
            switch t.kind { case .word, .quotedIdentifier: isName = true; default: isName = false }
            guard isName, peek(lookahead + 1).isSymbol(".") else { break }
            if peek(lookahead + 2).isSymbol("*") {
                var parts: [Ident] = []
                while !current.isSymbol("*") {
                    parts.append(try parseAnyIdent())
                    try expectSymbol(".")
                }
                let star = advance().span
                let name = ObjectName(parts: parts)
                return .wildcard(qualifier: name, span: name.span.merged(with: star))
            }
            lookahead += 2
        }
        let e = try parseExpr()
        return .expr(e, alias: try parseOptionalAlias())
    }

    /// `[AS] alias` where the alias is not a reserved word.
    mutating func parseOptionalAlias() throws(PlanError) -> Ident? {
        if consumeKeyword("AS") { return try parseIdent("alias") }
        switch current.kind {
        case .word(let w) where !Parser.reserved.contains(w.uppercased()): return try parseIdent()
        case .quotedIdentifier: return try parseIdent()
        default: return nil
        }
    }

    mutating func parseTableAlias() throws(PlanError) -> TableAlias? {
        guard let name = try parseOptionalAlias() else { return nil }
        var columns: [Ident] = []
        if current.isSymbol("(") { columns = try parseIdentList() }
        return TableAlias(name: name, columns: columns)
    }

    /// A FROM item followed by any joins.
    mutating func parseTableRef() throws(PlanError) -> TableRef {
        var left = try parseTableFactor()
        while true {
            let t = current
            var op: JoinOperator
            var natural = false
            if consumeKeyword("NATURAL") { natural = true }
            if consumeKeyword("CROSS") { try expectKeyword("JOIN"); op = .cross }
            else if consumeKeyword("JOIN") { op = .inner }
            else if consumeKeyword("INNER") { try expectKeyword("JOIN"); op = .inner }
            else if consumeKeyword("LEFT") { _ = consumeKeyword("OUTER"); try expectKeyword("JOIN"); op = .left }
            else if consumeKeyword("RIGHT") { _ = consumeKeyword("OUTER"); try expectKeyword("JOIN"); op = .right }
            else if consumeKeyword("FULL") { _ = consumeKeyword("OUTER"); try expectKeyword("JOIN"); op = .full }
            else {
                if natural { throw unexpected("JOIN after NATURAL") }
                return left
            }
            let right = try parseTableFactor()
            var constraint = JoinConstraint.none
            if natural {
                if op == .cross { throw PlanError(.syntax, "NATURAL CROSS JOIN is not valid", at: t.span) }
                constraint = .natural
            } else if op != .cross {
                if consumeKeyword("ON") { constraint = .on(try parseExpr()) }
                else if consumeKeyword("USING") { constraint = .using(try parseIdentList()) }
                else { throw unexpected("ON or USING") }
            }
            left = .join(left, right, op, constraint, span: t.span)
        }
    }

    mutating func parseTableFactor() throws(PlanError) -> TableRef {
        let start = current.span
        _ = consumeKeyword("LATERAL")
        if consumeSymbol("(") {
            try enter()
            defer { leave() }
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") || current.isSymbol("(") && !isParenthesizedJoin() {
                let q = try parseQuery()
                try expectSymbol(")")
                let span = start.merged(with: tokens[position - 1].span)
                return .derived(q, alias: try parseTableAlias(), span: span)
            }
            let inner = try parseTableRef()
            try expectSymbol(")")
            return inner
        }
        if case .string(let path) = current.kind {
            // FROM 'data/x.csv': the file as a table, named after it unless aliased.
            let span = current.span
            advance()
            // The reader by the file's extension; the file itself is checked when opened.
            let function = ObjectName(parts: [Ident(value: FileFormats.byExtension(path) == FileFormats.jsonl ? "read_json" : "read_csv", quoted: false, span: span)])
            var alias = try parseTableAlias()
            if alias == nil {
                let file = path.split(separator: "/").last.map(String.init) ?? path
                let stem = file.split(separator: ".").first.map(String.init) ?? file
                alias = TableAlias(name: Ident(value: stem.isEmpty ? "file" : stem, quoted: true, span: span), columns: [])
            }
            return .function(function, args: [FunctionArgument(name: nil, value: SQLExpr(.string(path), span))], alias: alias)
        }
        let name = try parseObjectName("table name")
        if current.isSymbol("(") {
            advance()
            var args: [FunctionArgument] = []
            if !current.isSymbol(")") {
                repeat {
                    var name: Ident?
                    if peek().isSymbol("=>") { name = try parseAnyIdent("argument name"); advance() }
                    args.append(FunctionArgument(name: name, value: try parseExpr()))
                } while consumeSymbol(",")
            }
            try expectSymbol(")")
            return .function(name, args: args, alias: try parseTableAlias())
        }
        return .table(name, alias: try parseTableAlias())
    }

    /// After `(`: does a parenthesized join (`(a JOIN b ON …)`) follow rather than a query?
    func isParenthesizedJoin() -> Bool {
        var i = 0
        var level = 0
        while true {
            let t = peek(i)
            if t.kind == .endOfInput { return false }
            if t.isSymbol("(") { level += 1 }
            if t.isSymbol(")") { if level == 0 { return false }; level -= 1 }
            if level == 0, t.isKeyword("SELECT") || t.isKeyword("VALUES") { return false }
            if level == 0, t.isKeyword("JOIN") { return true }
            i += 1
        }
    }
}
