extension Expr: CustomStringConvertible {
    /// The expression as plans show it (DataFusion's style): `t.a + Int64(1) > t.b`.
    public var description: String { render(parentPrecedence: 0) }

    private var precedence: Int {
        switch self {
        case .binary(_, let op, _): op.precedence
        case .between, .like, .inList, .inSubquery: 20
        case .isTest: 15
        case .not: 12
        default: 100
        }
    }

    private func render(parentPrecedence: Int) -> String {
        let text: String
        switch self {
        case .column(let c): return c.flatName
        case .outerColumn(let c, _): return "outer_ref(\(c.flatName))"
        case .literal(let v): return v.description
        case .alias(let e, let name): return "\(e) AS \(name)"
        case .not(let e): text = "NOT \(e.render(parentPrecedence: 12))"
        case .negative(let e): return "(- \(e))"
        case .binary(let l, let op, let r):
            // Left-associative: the right side needs parentheses at equal precedence.
            text = "\(l.render(parentPrecedence: op.precedence)) \(op.rawValue) \(r.render(parentPrecedence: op.precedence + 1))"
        case .isTest(let e, let t): text = "\(e.render(parentPrecedence: 16)) \(t.rawValue)"
        case .between(let e, let lo, let hi, let n):
            text = "\(e.render(parentPrecedence: 21)) \(n ? "NOT " : "")BETWEEN \(lo.render(parentPrecedence: 21)) AND \(hi.render(parentPrecedence: 21))"
        case .like(let l):
            var s = "\(l.expr.render(parentPrecedence: 21)) \(l.negated ? "NOT " : "")\(l.caseInsensitive ? "ILIKE" : "LIKE") \(l.pattern.render(parentPrecedence: 21))"
            if let esc = l.escape { s += " ESCAPE '\(esc)'" }
            text = s
        case .inList(let e, let list, let n):
            text = "\(e.render(parentPrecedence: 21)) \(n ? "NOT " : "")IN ([\(list.map(\.description).joined(separator: ", "))])"
        case .caseWhen(let c):
            var s = "CASE"
            if let o = c.operand { s += " \(o)" }
            for b in c.branches { s += " WHEN \(b.when) THEN \(b.then)" }
            if let e = c.elseExpr { s += " ELSE \(e)" }
            return s + " END"
        case .cast(let e, let t): return "CAST(\(e) AS \(t.displayName))"
        case .scalarFunction(let f, let args):
            return "\(f.rawValue)(\(args.map(\.description).joined(separator: ", ")))"
        case .aggregate(let call):
            var s = "\(call.function.rawValue)("
            if call.distinct { s += "DISTINCT " }
            s += call.args.isEmpty ? "*" : call.args.map(\.description).joined(separator: ", ")
            s += ")"
            if let f = call.filter { s += " FILTER (WHERE \(f))" }
            return s
        case .exists(_, let n): return "\(n ? "NOT " : "")EXISTS (<subquery>)"
        case .inSubquery(let e, _, let n): text = "\(e.render(parentPrecedence: 21)) \(n ? "NOT " : "")IN (<subquery>)"
        case .scalarSubquery: return "(<subquery>)"
        }
        return precedence < parentPrecedence ? "(\(text))" : text
    }
}
