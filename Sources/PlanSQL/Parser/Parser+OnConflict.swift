import PlanCore

extension Parser {
    /// After INSERT's rows: `ON CONFLICT [(column, …)] DO NOTHING`, or nil. `DO UPDATE` and
    /// `ON CONSTRAINT name` are refused by name.
    mutating func parseOnConflict() throws(PlanError) -> OnConflict? {
        let start = current.span
        guard consumeKeywords("ON", "CONFLICT") else { return nil }
        var target: [Ident] = []
        if current.isSymbol("(") { target = try parseIdentList() }
        if current.isKeyword("ON") {
            throw PlanError(.unsupported, "ON CONFLICT ON CONSTRAINT is not supported; name the key's columns: ON CONFLICT (a, b)", at: current.span)
        }
        try expectKeyword("DO")
        if current.isKeyword("UPDATE") {
            throw PlanError(.unsupported, "ON CONFLICT DO UPDATE is not supported (only DO NOTHING)", at: current.span)
        }
        try expectKeyword("NOTHING")
        return OnConflict(target: target, span: start.merged(with: tokens[position - 1].span))
    }
}
