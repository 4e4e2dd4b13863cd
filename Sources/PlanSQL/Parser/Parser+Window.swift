import PlanCore

extension Parser {
    /// `OVER name` or `OVER ( [base] [PARTITION BY …] [ORDER BY …] [frame] )`, after OVER.
    mutating func parseOver() throws(PlanError) -> WindowSpec {
        if !current.isSymbol("(") {
            let name = try parseIdent("window name or '('")
            return WindowSpec(base: name, partitionBy: [], orderBy: [], frame: nil, span: name.span)
        }
        return try parseWindowSpec()
    }

    /// `( [base] [PARTITION BY …] [ORDER BY …] [frame] )`.
    mutating func parseWindowSpec() throws(PlanError) -> WindowSpec {
        let start = current.span
        try expectSymbol("(")
        var base: Ident?
        if case .word(let w) = current.kind, !["PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS"].contains(w.uppercased()) {
            base = try parseIdent("window name")
        } else if case .quotedIdentifier = current.kind {
            base = try parseIdent("window name")
        }
        var partitionBy: [SQLExpr] = []
        if consumeKeywords("PARTITION", "BY") {
            repeat { partitionBy.append(try parseExpr()) } while consumeSymbol(",")
        }
        var orderBy: [OrderItem] = []
        if consumeKeywords("ORDER", "BY") { orderBy = try parseOrderItems() }
        let frame = try parseFrame()
        try expectSymbol(")")
        return WindowSpec(base: base, partitionBy: partitionBy, orderBy: orderBy, frame: frame,
                          span: start.merged(with: tokens[position - 1].span))
    }

    /// `ROWS | RANGE | GROUPS [BETWEEN start AND end | start] [EXCLUDE …]`, or nil.
    mutating func parseFrame() throws(PlanError) -> FrameClause? {
        let start = current.span
        let units: WindowFrame.Units
        if consumeKeyword("ROWS") { units = .rows }
        else if consumeKeyword("RANGE") { units = .range }
        else if consumeKeyword("GROUPS") { units = .groups }
        else { return nil }
        let from: FrameClause.Bound, to: FrameClause.Bound
        if consumeKeyword("BETWEEN") {
            from = try parseFrameBound()
            try expectKeyword("AND")
            to = try parseFrameBound()
        } else {
            from = try parseFrameBound()
            to = .currentRow
        }
        var exclusion = WindowFrame.Exclusion.noOthers
        if consumeKeyword("EXCLUDE") {
            if consumeKeywords("CURRENT", "ROW") { exclusion = .currentRow }
            else if consumeKeyword("GROUP") { exclusion = .group }
            else if consumeKeyword("TIES") { exclusion = .ties }
            else if consumeKeywords("NO", "OTHERS") { exclusion = .noOthers }
            else { throw unexpected("CURRENT ROW, GROUP, TIES or NO OTHERS") }
        }
        return FrameClause(units: units, start: from, end: to, exclusion: exclusion,
                           span: start.merged(with: tokens[position - 1].span))
    }

    /// `UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING | CURRENT ROW | offset PRECEDING | offset FOLLOWING`.
    mutating func parseFrameBound() throws(PlanError) -> FrameClause.Bound {
        if consumeKeyword("UNBOUNDED") {
            if consumeKeyword("PRECEDING") { return .unboundedPreceding }
            if consumeKeyword("FOLLOWING") { return .unboundedFollowing }
            throw unexpected("PRECEDING or FOLLOWING")
        }
        if consumeKeywords("CURRENT", "ROW") { return .currentRow }
        let offset = try parseExpr()
        if consumeKeyword("PRECEDING") { return .preceding(offset) }
        if consumeKeyword("FOLLOWING") { return .following(offset) }
        throw unexpected("PRECEDING or FOLLOWING")
    }

    /// `IGNORE NULLS` / `RESPECT NULLS` (where a value window function allows it).
    mutating func parseNullTreatment() -> Bool? {
        if current.isKeyword("IGNORE"), peek().isKeyword("NULLS") { advance(); advance(); return true }
        if current.isKeyword("RESPECT"), peek().isKeyword("NULLS") { advance(); advance(); return false }
        return nil
    }
}
