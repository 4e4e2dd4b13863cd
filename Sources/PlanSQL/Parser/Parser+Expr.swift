import PlanCore

extension Parser {
    /// A full expression (lowest precedence: OR).
    mutating func parseExpr() throws(PlanError) -> SQLExpr {
        try enter()
        defer { leave() }
        return try parseBinary(minPrecedence: 0)
    }

    /// Operators the parser reads but only expression planners give meaning to.
    static let customOperators: Set<String> = ["->", "->>"]
    /// Their binding: PostgreSQL's "any other operator", as tight as `||`.
    static let customOperatorPrecedence = BinaryOperator.concat.precedence

    private func logicalOperator(_ t: Token) -> LogicalOperator? {
        guard case .word(let w) = t.kind else { return nil }
        switch w.uppercased() { case "AND": return .and; case "OR": return .or; default: return nil }
    }

    private func binaryOperator(_ t: Token) -> BinaryOperator? {
        switch t.kind {
        case .symbol(let s):
            switch s {
            case "+": return .plus
            case "-": return .minus
            case "*": return .multiply
            case "/": return .divide
            case "%": return .modulo
            case "||": return .concat
            case "=": return .eq
            case "!=": return .notEq
            case "<": return .lt
            case "<=": return .ltEq
            case ">": return .gt
            case ">=": return .gtEq
            default: return nil
            }
        default: return nil
        }
    }

    /// Precedence climbing over binary operators, with the postfix predicates
    /// (IS, BETWEEN, IN, LIKE) at comparison level.
    mutating func parseBinary(minPrecedence: Int) throws(PlanError) -> SQLExpr {
        var left = try parseUnaryNot(minPrecedence: minPrecedence)
        // Whether `left` is an AND/OR chain this loop built (not a parenthesized one).
        var chainOpen = false
        var chainTerms = 1
        while true {
            let t = current
            if minPrecedence <= 20, let predicate = try parsePostfixPredicate(left) {
                left = predicate
                continue
            }
            if case .symbol(let symbol) = t.kind, Parser.customOperators.contains(symbol), minPrecedence <= Parser.customOperatorPrecedence {
                advance()
                let right = try parseBinary(minPrecedence: Parser.customOperatorPrecedence + 1)
                left = SQLExpr(.customOperator(left, symbol, right), left.span.merged(with: right.span))
                continue
            }
            if let op = logicalOperator(t), op.precedence >= minPrecedence {
                // A chain of one operator is one flat node, however long.
                advance()
                let right = try parseBinary(minPrecedence: op.precedence + 1)
                let span = left.span.merged(with: right.span)
                if chainOpen, case .logical(op, var operands) = left.kind {
                    // Take the operands out of `left` so appending does not copy them.
                    left = SQLExpr(.null, left.span)
                    operands.append(right)
                    left = SQLExpr(.logical(op, operands), span)
                } else {
                    left = SQLExpr(.logical(op, [left, right]), span)
                }
                chainOpen = true
                continue
            }
            chainOpen = false
            guard let op = binaryOperator(t), op.precedence >= minPrecedence else { return left }
            chainTerms += 1
            if chainTerms > Parser.maxChainTerms {
                throw PlanError(.syntax, "expression chain too long (limit \(Parser.maxChainTerms) operands of + - * / % || and comparisons; AND, OR and IN lists have no limit)", at: t.span)
            }
            advance()
            let right = try parseBinary(minPrecedence: op.precedence + 1)
            left = SQLExpr(.binary(left, op, right), left.span.merged(with: right.span))
        }
    }

    /// `NOT x` binds looser than comparisons and tighter than AND.
    mutating func parseUnaryNot(minPrecedence: Int) throws(PlanError) -> SQLExpr {
        if current.isKeyword("NOT"), minPrecedence <= 12 {
            if peek().isKeyword("EXISTS") {
                // NOT EXISTS is handled as a primary.
                return try parseUnary()
            }
            let t = advance()
            try enter()
            defer { leave() }
            let operand = try parseBinary(minPrecedence: 12)
            return SQLExpr(.unary("NOT", operand), t.span.merged(with: operand.span))
        }
        return try parseUnary()
    }

    mutating func parsePostfixPredicate(_ left: SQLExpr) throws(PlanError) -> SQLExpr? {
        let start = position
        if consumeKeyword("IS") {
            let negated = consumeKeyword("NOT")
            let test: IsTest
            if consumeKeyword("NULL") { test = negated ? .isNotNull : .isNull }
            else if consumeKeyword("TRUE") { test = negated ? .isNotTrue : .isTrue }
            else if consumeKeyword("FALSE") { test = negated ? .isNotFalse : .isFalse }
            else if consumeKeyword("UNKNOWN") { test = negated ? .isNotUnknown : .isUnknown }
            else if consumeKeywords("DISTINCT", "FROM") {
                // PostgreSQL's IS binds looser than the comparisons: the right side is one operand of them.
                let right = try parseBinary(minPrecedence: 21)
                return SQLExpr(.binary(left, negated ? .isNotDistinctFrom : .isDistinctFrom, right), left.span.merged(with: right.span))
            } else { throw unexpected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS") }
            return SQLExpr(.isTest(left, test), left.span.merged(with: tokens[position - 1].span))
        }
        if consumeKeyword("ISNULL") { return SQLExpr(.isTest(left, .isNull), left.span) }
        if consumeKeyword("NOTNULL") { return SQLExpr(.isTest(left, .isNotNull), left.span) }
        let negated = current.isKeyword("NOT") && (peek().isKeyword("BETWEEN") || peek().isKeyword("IN")
            || peek().isKeyword("LIKE") || peek().isKeyword("ILIKE"))
        if negated { advance() }
        if consumeKeyword("BETWEEN") {
            let symmetric = consumeKeyword("SYMMETRIC")
            if !symmetric { _ = consumeKeyword("ASYMMETRIC") }
            let low = try parseBinary(minPrecedence: 21)
            try expectKeyword("AND")
            let high = try parseBinary(minPrecedence: 21)
            return SQLExpr(.between(left, low, high, negated: negated, symmetric: symmetric), left.span.merged(with: high.span))
        }
        if consumeKeyword("IN") {
            try expectSymbol("(")
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") {
                let q = try parseQuery()
                try expectSymbol(")")
                return SQLExpr(.inSubquery(left, q, negated: negated), left.span.merged(with: tokens[position - 1].span))
            }
            if current.isSymbol(")") { throw unexpected("a value in the IN list") }
            var list = [try parseExpr()]
            while consumeSymbol(",") { list.append(try parseExpr()) }
            try expectSymbol(")")
            return SQLExpr(.inList(left, list, negated: negated), left.span.merged(with: tokens[position - 1].span))
        }
        let like = current.isKeyword("LIKE"), ilike = current.isKeyword("ILIKE")
        if like || ilike {
            advance()
            let pattern = try parseBinary(minPrecedence: 21)
            var escape: SQLExpr?
            if consumeKeyword("ESCAPE") { escape = try parseUnary() }
            return SQLExpr(.like(left, pattern, negated: negated, caseInsensitive: ilike, escape: escape),
                           left.span.merged(with: tokens[position - 1].span))
        }
        if negated { position = start }
        return nil
    }

    /// Unary minus/plus, then `::type` casts.
    mutating func parseUnary() throws(PlanError) -> SQLExpr {
        let t = current
        if t.isSymbol("-") || t.isSymbol("+") {
            advance()
            try enter()
            defer { leave() }
            let operand = try parseUnary()
            // Fold a sign into a number literal so `-1` is one literal.
            if case .number(let n) = operand.kind, t.isSymbol("-") {
                return SQLExpr(.number("-" + n), t.span.merged(with: operand.span))
            }
            if t.isSymbol("+") { return operand }
            return SQLExpr(.unary("-", operand), t.span.merged(with: operand.span))
        }
        var e = try parsePrimary()
        while current.isSymbol("::") {
            advance()
            let type = try parseTypeName()
            e = SQLExpr(.cast(e, type), e.span.merged(with: type.span))
        }
        return try parseAtTimeZone(e)
    }

    /// `x AT TIME ZONE zone` (the call `timezone(zone, x)`, as PostgreSQL reads it) and
    /// `x AT LOCAL` (`timezone(x)`: the session's zone); left to right, binding tighter
    /// than arithmetic.
    mutating func parseAtTimeZone(_ operand: SQLExpr) throws(PlanError) -> SQLExpr {
        var e = operand
        while current.isKeyword("AT") {
            let at = current
            var args: [SQLExpr]
            if consumeKeywords("AT", "TIME", "ZONE") {
                var zone = try parsePrimary()
                while current.isSymbol("::") {
                    advance()
                    let type = try parseTypeName()
                    zone = SQLExpr(.cast(zone, type), zone.span.merged(with: type.span))
                }
                args = [zone, e]
            } else if consumeKeywords("AT", "LOCAL") {
                args = [e]
            } else {
                return e
            }
            let name = Ident(value: "timezone", quoted: false, span: at.span)
            e = SQLExpr(.function(FunctionCall(name: ObjectName(parts: [name]), args: args, distinct: false, filter: nil)),
                        e.span.merged(with: tokens[position - 1].span))
        }
        return e
    }

    mutating func parsePrimary() throws(PlanError) -> SQLExpr {
        let t = current
        switch t.kind {
        case .number(let n):
            advance()
            return SQLExpr(.number(n), t.span)
        case .string(let s):
            advance()
            return SQLExpr(.string(s), t.span)
        case .blob(let b):
            advance()
            return SQLExpr(.blob(b), t.span)
        case .symbol("("):
            return try parseParenthesized(t)
        case .symbol("*"):
            advance()
            return SQLExpr(.wildcard, t.span)
        case .quotedIdentifier:
            return try parseIdentifierOrCall()
        case .word(let w):
            let upper = w.uppercased()
            switch upper {
            case "NULL": advance(); return SQLExpr(.null, t.span)
            case "TRUE": advance(); return SQLExpr(.boolean(true), t.span)
            case "FALSE": advance(); return SQLExpr(.boolean(false), t.span)
            case "CASE": return try parseCase()
            case "CAST", "TRY_CAST": return try parseCastForm(t)
            case "EXISTS":
                advance()
                return try parseExists(negated: false, start: t.span)
            case "NOT" where peek().isKeyword("EXISTS"):
                advance(); advance()
                return try parseExists(negated: true, start: t.span)
            case "INTERVAL": return try parseIntervalLiteral(t)
            case "TIMESTAMP" where peek().isKeyword("WITH"):
                // `TIMESTAMP WITH TIME ZONE '…'`.
                let start = position
                advance()
                guard consumeKeywords("WITH", "TIME", "ZONE"), case .string(let s) = current.kind else {
                    position = start
                    return try parseIdentifierOrCall()
                }
                advance()
                let type = TypeName(name: "TIMESTAMPTZ", arguments: [], span: t.span)
                return SQLExpr(.typedString(type, s), t.span.merged(with: tokens[position - 1].span))
            case "DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIME":
                if case .string(let s) = peek().kind {
                    advance(); advance()
                    let type = TypeName(name: upper, arguments: [], span: t.span)
                    return SQLExpr(.typedString(type, s), t.span.merged(with: tokens[position - 1].span))
                }
                return try parseIdentifierOrCall()
            case "EXTRACT": return try parseExtract(t)
            case "CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CURRENT_TIME", "LOCALTIME":
                return try parseCurrentTime(t)
            case "SUBSTRING": return try parseSubstring(t)
            case "POSITION": return try parsePosition(t)
            case "TRIM": return try parseTrim(t)
            case "LEFT", "RIGHT":
                // Reserved words (as in PostgreSQL) that also name functions.
                guard peek().isSymbol("(") else {
                    let word = upper.lowercased()
                    throw PlanError(.syntax, "'\(word)' is a reserved word; quote it: \"\(word)\"", at: t.span)
                }
                return try parseIdentifierOrCall()
            default:
                if Parser.reserved.contains(upper) { throw unexpected("an expression") }
                return try parseIdentifierOrCall()
            }
        case .endOfInput:
            throw unexpected("an expression")
        default:
            throw unexpected("an expression")
        }
    }

    mutating func parseExists(negated: Bool, start: SourceSpan) throws(PlanError) -> SQLExpr {
        try expectSymbol("(")
        let q = try parseQuery()
        try expectSymbol(")")
        return SQLExpr(.exists(q, negated: negated), start.merged(with: tokens[position - 1].span))
    }

    mutating func parseCase() throws(PlanError) -> SQLExpr {
        let start = advance().span
        var operand: SQLExpr?
        if !current.isKeyword("WHEN") { operand = try parseExpr() }
        var branches: [(SQLExpr, SQLExpr)] = []
        while consumeKeyword("WHEN") {
            let w = try parseExpr()
            try expectKeyword("THEN")
            branches.append((w, try parseExpr()))
        }
        if branches.isEmpty { throw unexpected("WHEN") }
        let elseExpr = consumeKeyword("ELSE") ? try parseExpr() : nil
        try expectKeyword("END")
        return SQLExpr(.caseWhen(operand: operand, branches: branches, elseExpr: elseExpr),
                       start.merged(with: tokens[position - 1].span))
    }

    /// `a`, `t.a`, `f(x)`, `count(DISTINCT x) FILTER (WHERE …)`, `f(x) IGNORE NULLS OVER (…)`.
    mutating func parseIdentifierOrCall() throws(PlanError) -> SQLExpr {
        if current.isKeyword("ARRAY"), peek().isSymbol("[") {
            // percentile_cont(ARRAY[0.25, 0.75]) and the like: the named error arrays give.
            throw PlanError(.unsupported, "ARRAY[…] is not supported: planscope has no array (LIST) type yet", at: current.span)
        }
        var parts = [try parseAnyIdent()]
        while current.isSymbol(".") {
            advance()
            parts.append(try parseAnyIdent("column name"))
        }
        let nameSpan = ObjectName(parts: parts).span
        guard current.isSymbol("(") else { return SQLExpr(.identifier(parts), nameSpan) }
        advance()
        try enter()
        defer { leave() }
        var distinct = false
        if consumeKeyword("DISTINCT") { distinct = true } else { _ = consumeKeyword("ALL") }
        var args: [SQLExpr] = []
        if !current.isSymbol(")") {
            repeat { args.append(try parseExpr()) } while consumeSymbol(",")
        }
        // DuckDB accepts the null treatment inside the parentheses too: `first_value(x IGNORE NULLS)`.
        var ignoreNulls = parseNullTreatment() ?? false
        var orderBy: [OrderItem] = []
        if !args.isEmpty, consumeKeywords("ORDER", "BY") { orderBy = try parseOrderItems() }
        try expectSymbol(")")
        var withinGroup: [OrderItem]?
        if current.isKeyword("WITHIN"), peek().isKeyword("GROUP") {
            advance(); advance()
            try expectSymbol("(")
            try expectKeyword("ORDER")
            try expectKeyword("BY")
            withinGroup = try parseOrderItems()
            try expectSymbol(")")
        }
        if let treatment = parseNullTreatment() { ignoreNulls = treatment }
        var filter: SQLExpr?
        if current.isKeyword("FILTER"), peek().isSymbol("(") {
            advance(); advance()
            try expectKeyword("WHERE")
            filter = try parseExpr()
            try expectSymbol(")")
        }
        var over: WindowSpec?
        if consumeKeyword("OVER") { over = try parseOver() }
        let call = FunctionCall(name: ObjectName(parts: parts), args: args, distinct: distinct, filter: filter,
                                orderBy: orderBy, withinGroup: withinGroup, ignoreNulls: ignoreNulls, over: over)
        return SQLExpr(.function(call), nameSpan.merged(with: tokens[position - 1].span))
    }
}
