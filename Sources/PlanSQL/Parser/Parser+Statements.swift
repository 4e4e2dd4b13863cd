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
        if current.isKeyword("TIME"), peek().isKeyword("ZONE") { return try parseSetTimeZone() }
        let nameStart = current.span
        let name = try parseSettingName()
        let nameSpan = nameStart.merged(with: tokens[position - 1].span)
        guard consumeSymbol("=") || consumeKeyword("TO") else { throw unexpected("'=' or TO") }
        if consumeKeyword("DEFAULT") { return .reset(name: name, nameSpan: nameSpan, command: "SET") }
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

    /// `RESET name`, `RESET TIME ZONE` or `RESET ALL`: a setting (or every one) back to its
    /// declared default.
    mutating func parseReset() throws(PlanError) -> Statement {
        let start = advance().span
        if consumeKeyword("ALL") { return .reset(name: nil, nameSpan: start.merged(with: tokens[position - 1].span), command: "RESET") }
        let nameStart = current.span
        let name = consumeKeywords("TIME", "ZONE") ? "timezone" : try parseSettingName()
        return .reset(name: name, nameSpan: nameStart.merged(with: tokens[position - 1].span), command: "RESET")
    }

    /// PostgreSQL's `SET TIME ZONE value`, after SET: `'Europe/Berlin'`, `UTC`, `LOCAL` or
    /// `DEFAULT` (UTC, planscope's default), a number of hours east (`-7`, `5.5`) or
    /// `INTERVAL '+02:00' HOUR TO MINUTE`; the setting `timezone` (`execution.time_zone`).
    mutating func parseSetTimeZone() throws(PlanError) -> Statement {
        let nameStart = current.span
        advance(); advance()
        let nameSpan = nameStart.merged(with: tokens[position - 1].span)
        let valueStart = current.span
        var value: String
        switch current.kind {
        case .word(let w) where w.uppercased() == "LOCAL" || w.uppercased() == "DEFAULT": value = "UTC"; advance()
        case .word(let w) where w.uppercased() == "INTERVAL":
            advance()
            guard case .string(let text) = current.kind else { throw unexpected("an interval such as '+02:00'") }
            advance()
            if consumeKeyword("HOUR") { _ = consumeKeywords("TO", "MINUTE") }
            guard let east = SQLTimeZone.isoOffset(Substring(text.trimmingSpaces()), signRequired: false),
                  let zone = SQLTimeZone(secondsEast: east) else {
                throw PlanError(.config, "invalid interval '\(text)' for a time zone (expected an offset such as '+02:00')", at: valueStart)
            }
            value = zone.name
        case .string(let text), .word(let text): value = text; advance()
        case .number, .symbol("-"), .symbol("+"):
            var text = ""
            if case .symbol(let sign) = current.kind { text = sign; advance() }
            guard case .number(let n) = current.kind else { throw unexpected("a time zone") }
            advance()
            guard let hours = Double(text + n), let zone = SQLTimeZone(hoursEast: hours) else {
                throw PlanError(.config, "invalid time zone offset \(text + n) (expected hours from -15 to 15)", at: valueStart)
            }
            value = zone.name
        default: throw unexpected("a time zone")
        }
        return .set(name: "timezone", value: value, nameSpan: nameSpan, valueSpan: valueStart.merged(with: tokens[position - 1].span))
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
