import PlanCore

/// Expressions SQL writes with keywords inside their parentheses, and the parenthesized
/// forms, each parsed from its first token `t` (``Parser/parsePrimary()`` dispatches here).
extension Parser {
    /// `( query )` as a scalar subquery, `( expr )` nested; a row value `(a, b)` is refused.
    mutating func parseParenthesized(_ t: Token) throws(PlanError) -> SQLExpr {
        // One level of nesting, counted by the parseExpr or parseQuery inside.
        advance()
        if current.isKeyword("SELECT") || current.isKeyword("WITH") {
            let q = try parseQuery()
            try expectSymbol(")")
            return SQLExpr(.subquery(q), t.span.merged(with: tokens[position - 1].span))
        }
        let inner = try parseExpr()
        if current.isSymbol(",") {
            throw PlanError(.unsupported, "row values (a, b, …) are not supported", at: current.span)
        }
        try expectSymbol(")")
        return SQLExpr(.nested(inner), t.span.merged(with: tokens[position - 1].span))
    }

    /// `CAST(expr AS type)` and `TRY_CAST(…)`.
    mutating func parseCastForm(_ t: Token) throws(PlanError) -> SQLExpr {
        advance()
        try expectSymbol("(")
        let e = try parseExpr()
        try expectKeyword("AS")
        let type = try parseTypeName()
        try expectSymbol(")")
        return SQLExpr(.cast(e, type), t.span.merged(with: tokens[position - 1].span))
    }

    /// `INTERVAL '3' MONTH`, `INTERVAL '1 year 2 days'` (a unit, or `unit TO unit`).
    mutating func parseIntervalLiteral(_ t: Token) throws(PlanError) -> SQLExpr {
        advance()
        var text: String
        switch current.kind {
        case .string(let s): text = s
        case .number(let n): text = n
        default: throw unexpected("a quoted interval such as '3 months'")
        }
        advance()
        var unit: Interval.Unit?
        if case .word(let u) = current.kind, let parsed = Interval.Unit(word: u) {
            advance()
            unit = parsed
            if consumeKeyword("TO") { _ = try parseAnyIdent("interval unit") }
        }
        if text.hasPrefix("-") == false, text.isEmpty { text = "0" }
        return SQLExpr(.interval(text, unit), t.span.merged(with: tokens[position - 1].span))
    }

    /// `CURRENT_DATE`, `CURRENT_TIMESTAMP` and `LOCALTIMESTAMP`, keywords without
    /// parentheses: the calls `current_date()` and `now()`. `CURRENT_TIME` and `LOCALTIME`
    /// (PostgreSQL's `time` values) are refused by name.
    mutating func parseCurrentTime(_ t: Token) throws(PlanError) -> SQLExpr {
        guard case .word(let w) = t.kind, !peek().isSymbol("(") else { return try parseIdentifierOrCall() }
        let word = w.lowercased()
        if word == "current_time" || word == "localtime" {
            throw PlanError(.unsupported, "\(word) is not supported (planscope has no TIME type); use now() or current_timestamp", at: t.span)
        }
        advance()
        let name = Ident(value: word, quoted: false, span: t.span)
        return SQLExpr(.function(FunctionCall(name: ObjectName(parts: [name]), args: [], distinct: false, filter: nil)), t.span)
    }

    /// `EXTRACT(field FROM expr)` (without a parenthesis: a name).
    mutating func parseExtract(_ t: Token) throws(PlanError) -> SQLExpr {
        guard peek().isSymbol("(") else { return try parseIdentifierOrCall() }
        advance(); advance()
        let field: String
        switch current.kind {
        case .word(let f), .string(let f): field = f.lowercased(); advance()
        default: throw unexpected("a date field such as YEAR")
        }
        try expectKeyword("FROM")
        let e = try parseExpr()
        try expectSymbol(")")
        return SQLExpr(.extract(field: field, e), t.span.merged(with: tokens[position - 1].span))
    }

    /// `SUBSTRING(s FROM a FOR b)` and the comma form, as `substr`.
    mutating func parseSubstring(_ t: Token) throws(PlanError) -> SQLExpr {
        guard peek().isSymbol("(") else { return try parseIdentifierOrCall() }
        advance(); advance()
        let s = try parseExpr()
        var args = [s]
        if consumeKeyword("FROM") {
            args.append(try parseExpr())
            if consumeKeyword("FOR") { args.append(try parseExpr()) }
        } else if consumeSymbol(",") {
            args.append(try parseExpr())
            if consumeSymbol(",") { args.append(try parseExpr()) }
        } else if consumeKeyword("FOR") {
            args.append(SQLExpr(.number("1"), s.span))
            args.append(try parseExpr())
        }
        try expectSymbol(")")
        let name = ObjectName(parts: [Ident(value: "substr", quoted: false, span: t.span)])
        return SQLExpr(.function(FunctionCall(name: name, args: args, distinct: false, filter: nil)),
                       t.span.merged(with: tokens[position - 1].span))
    }

    /// `POSITION(needle IN haystack)`, as `strpos(haystack, needle)`.
    mutating func parsePosition(_ t: Token) throws(PlanError) -> SQLExpr {
        guard peek().isSymbol("(") else { return try parseIdentifierOrCall() }
        advance(); advance()
        let needle = try parseBinary(minPrecedence: 21)
        try expectKeyword("IN")
        let haystack = try parseExpr()
        try expectSymbol(")")
        let name = ObjectName(parts: [Ident(value: "strpos", quoted: false, span: t.span)])
        return SQLExpr(.function(FunctionCall(name: name, args: [haystack, needle], distinct: false, filter: nil)),
                       t.span.merged(with: tokens[position - 1].span))
    }

    /// `TRIM([LEADING|TRAILING|BOTH] [chars] FROM s)` and the comma form, as `trim`/`ltrim`/`rtrim`.
    mutating func parseTrim(_ t: Token) throws(PlanError) -> SQLExpr {
        guard peek().isSymbol("(") else { return try parseIdentifierOrCall() }
        advance(); advance()
        var fname = "trim"
        if consumeKeyword("LEADING") { fname = "ltrim" }
        else if consumeKeyword("TRAILING") { fname = "rtrim" }
        else { _ = consumeKeyword("BOTH") }
        var args: [SQLExpr]
        if consumeKeyword("FROM") {
            args = [try parseExpr()]
        } else {
            let first = try parseExpr()
            if consumeKeyword("FROM") { args = [try parseExpr(), first] }
            else if consumeSymbol(",") { args = [first, try parseExpr()] }
            else { args = [first] }
        }
        try expectSymbol(")")
        let name = ObjectName(parts: [Ident(value: fname, quoted: false, span: t.span)])
        return SQLExpr(.function(FunctionCall(name: name, args: args, distinct: false, filter: nil)),
                       t.span.merged(with: tokens[position - 1].span))
    }
}
