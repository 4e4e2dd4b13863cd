import PlanCore

/// Statements ``Parser/parseStatement()`` hands over after their first keyword.
extension Parser {
    /// `COPY table|(query) TO|FROM 'file' [WITH] (option [value], …)`.
    mutating func parseCopy() throws(PlanError) -> Statement {
        let start = advance().span
        var table: ObjectName?
        var query: Query?
        if consumeSymbol("(") {
            query = try parseQuery()
            try expectSymbol(")")
        } else {
            table = try parseObjectName("table name")
        }
        let to: Bool
        if consumeKeyword("TO") { to = true } else if consumeKeyword("FROM") { to = false } else { throw unexpected("TO or FROM") }
        if query != nil && !to { throw PlanError(.syntax, "COPY (query) can only go TO a file", at: start) }
        guard case .string(let path) = current.kind else { throw unexpected("a quoted file name") }
        advance()
        var options: [(Ident, SQLExpr?)] = []
        _ = consumeKeyword("WITH")
        if consumeSymbol("(") {
            repeat {
                let name = try parseAnyIdent("a COPY option")
                var value: SQLExpr?
                if !current.isSymbol(",") && !current.isSymbol(")") { value = try parseExpr() }
                options.append((name, value))
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        return .copy(table: table, query: query, to: to, path: path, options: options, span: start.merged(with: tokens[position - 1].span))
    
    }

    /// `SET name = value` (or `TO`), after SET: a word, a string or a number (negative too).
    mutating func parseSet() throws(PlanError) -> Statement {
        let nameStart = current.span
        let name = try parseSettingName()
        let nameSpan = nameStart.merged(with: tokens[position - 1].span)
        guard consumeSymbol("=") || consumeKeyword("TO") else { throw unexpected("'=' or TO") }
        let valueStart = current.span
        let value: String
        switch current.kind {
        case .string(let s), .number(let s), .word(let s): value = s; advance()
        case .symbol("-"):
            advance()
            guard case .number(let n) = current.kind else { throw unexpected("a value") }
            advance()
            value = "-" + n
        default: throw unexpected("a value")
        }
        return .set(name: name, value: value, nameSpan: nameSpan, valueSpan: valueStart.merged(with: tokens[position - 1].span))
    
    }

    /// `UPDATE table SET column = value, … [WHERE …]`, after UPDATE.
    mutating func parseUpdate() throws(PlanError) -> Statement {
        let table = try parseObjectName("table name")
        try expectKeyword("SET")
        var assignments: [(Ident, SQLExpr)] = []
        repeat {
            let column = try parseIdent("column name")
            try expectSymbol("=")
            assignments.append((column, try parseExpr()))
        } while consumeSymbol(",")
        if current.isKeyword("FROM") { throw PlanError(.unsupported, "UPDATE … FROM is not supported", at: current.span) }
        let whereClause = consumeKeyword("WHERE") ? try parseExpr() : nil
        try rejectDMLOptions("UPDATE")
        return .update(table: table, assignments: assignments, whereClause: whereClause)
    
    }
}
