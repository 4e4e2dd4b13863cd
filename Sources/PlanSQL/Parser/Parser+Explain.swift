import PlanCore

/// EXPLAIN's options, in the three ways they are written: planscope's and DataFusion's
/// keywords (`EXPLAIN ANALYZE VERBOSE FORMAT tree …`) and PostgreSQL's list
/// (`EXPLAIN (ANALYZE, VERBOSE false, FORMAT JSON) …`).
extension Parser {
    struct ExplainOptions {
        var analyze = false
        var verbose = false
        var format: Explain.Format?
    }

    /// The options after `EXPLAIN`, up to the statement explained.
    mutating func parseExplainOptions() throws(PlanError) -> ExplainOptions {
        var options = ExplainOptions()
        if current.isSymbol("(") {
            advance()
            repeat { try parseExplainOption(into: &options) } while consumeSymbol(",")
            try expectSymbol(")")
            return options
        }
        while true {
            if consumeKeyword("ANALYZE") { options.analyze = true; continue }
            if consumeKeyword("VERBOSE") { options.verbose = true; continue }
            if consumeKeyword("FORMAT") { options.format = try parseExplainFormat(); continue }
            return options
        }
    }

    /// One `name [value]` of PostgreSQL's list.
    private mutating func parseExplainOption(into options: inout ExplainOptions) throws(PlanError) {
        let name = try parseAnyIdent("an EXPLAIN option")
        switch name.normalized {
        case "analyze": options.analyze = try parseExplainBoolean()
        case "verbose": options.verbose = try parseExplainBoolean()
        case "format": options.format = try parseExplainFormat()
        default:
            throw PlanError(.unsupported, "EXPLAIN option \(name.value.uppercased()) is not supported (supported: ANALYZE, VERBOSE, FORMAT)", at: name.span)
        }
    }

    /// An option's optional boolean: absent (true), TRUE/FALSE, ON/OFF, 1/0.
    private mutating func parseExplainBoolean() throws(PlanError) -> Bool {
        if current.isSymbol(",") || current.isSymbol(")") { return true }
        let t = advance()
        switch t.kind {
        case .word(let w):
            switch w.lowercased() {
            case "true", "on": return true
            case "false", "off": return false
            default: break
            }
        case .number(let n) where n == "1" || n == "0": return n == "1"
        default: break
        }
        throw PlanError(.syntax, "an EXPLAIN option takes a boolean value (TRUE, FALSE, ON, OFF, 1, 0)", at: t.span)
    }

    /// `TEXT` (the indent format, also written `INDENT`), `JSON` (also DataFusion's `pgjson`) or `TREE`.
    private mutating func parseExplainFormat() throws(PlanError) -> Explain.Format {
        let t = current
        let word: String
        switch t.kind {
        case .word(let w), .string(let w), .quotedIdentifier(let w): word = w.lowercased()
        default: throw unexpected("an EXPLAIN format (TEXT, JSON or TREE)")
        }
        advance()
        switch word {
        case "text", "indent": return .indent
        case "json", "pgjson": return .json
        case "tree": return .tree
        default:
            throw PlanError(.unsupported, "EXPLAIN format \(word.uppercased()) is not supported; use TEXT, JSON or TREE", at: t.span)
        }
    }
}
