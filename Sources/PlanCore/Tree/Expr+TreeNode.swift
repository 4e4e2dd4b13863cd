extension Expr: TreeNode {
    /// Direct sub-expressions (subquery plans are not expression children).
    public var children: [Expr] {
        switch self {
        case .column, .outerColumn, .literal, .exists, .scalarSubquery: return []
        case .alias(let e, _), .not(let e), .negative(let e), .isTest(let e, _), .cast(let e, _): return [e]
        case .binary(let l, _, let r): return [l, r]
        case .logical(_, let operands): return operands
        case .between(let e, let lo, let hi, _): return [e, lo, hi]
        case .like(let l): return [l.expr, l.pattern]
        case .inList(let e, let list, _): return [e] + list
        case .caseWhen(let c):
            var out: [Expr] = []
            if let o = c.operand { out.append(o) }
            for b in c.branches { out.append(b.when); out.append(b.then) }
            if let e = c.elseExpr { out.append(e) }
            return out
        case .scalarFunction(_, let args): return args
        case .aggregate(let call): return call.args + (call.filter.map { [$0] } ?? []) + call.orderBy.map(\.expr)
        case .window(let w): return w.args + (w.filter.map { [$0] } ?? []) + w.partitionBy + w.orderBy.map(\.expr)
        case .inSubquery(let e, _, _): return [e]
        }
    }

    public func withChildren(_ c: [Expr]) throws(PlanError) -> Expr {
        guard c.count == children.count else {
            throw PlanError(.invalidPlan, "expression rebuilt with \(c.count) children, expected \(children.count)")
        }
        switch self {
        case .column, .outerColumn, .literal, .exists, .scalarSubquery: return self
        case .alias(_, let name): return .alias(c[0], name: name)
        case .not: return .not(c[0])
        case .negative: return .negative(c[0])
        case .isTest(_, let t): return .isTest(c[0], t)
        case .cast(_, let t): return .cast(c[0], t)
        case .binary(_, let op, _): return .binary(c[0], op, c[1])
        case .logical(let op, _): return .logical(op, c)
        case .between(_, _, _, let n): return .between(c[0], low: c[1], high: c[2], negated: n)
        case .like(var l): l.expr = c[0]; l.pattern = c[1]; return .like(l)
        case .inList(_, _, let n): return .inList(c[0], Array(c[1...]), negated: n)
        case .caseWhen(let old):
            var i = 0
            var operand: Expr?
            if old.operand != nil { operand = c[0]; i = 1 }
            var branches: [CaseWhen.Branch] = []
            for _ in old.branches { branches.append(.init(when: c[i], then: c[i + 1])); i += 2 }
            let elseExpr = old.elseExpr != nil ? c[i] : nil
            return .caseWhen(CaseWhen(operand: operand, branches: branches, elseExpr: elseExpr))
        case .scalarFunction(let f, _): return .scalarFunction(f, c)
        case .aggregate(var call):
            let n = call.args.count
            call.args = Array(c[..<n])
            var i = n
            if call.filter != nil { call.filter = c[n]; i += 1 }
            for k in call.orderBy.indices { call.orderBy[k].expr = c[i + k] }
            return .aggregate(call)
        case .window(var w):
            var i = w.args.count
            w.args = Array(c[..<i])
            if w.filter != nil { w.filter = c[i]; i += 1 }
            w.partitionBy = Array(c[i..<(i + w.partitionBy.count)])
            i += w.partitionBy.count
            for k in w.orderBy.indices { w.orderBy[k].expr = c[i + k] }
            return .window(w)
        case .inSubquery(_, let s, let n): return .inSubquery(c[0], s, negated: n)
        }
    }

    /// The subqueries directly inside this expression tree.
    public var subqueries: [Subquery] {
        var out: [Subquery] = []
        visit { e in
            switch e {
            case .exists(let s, _), .inSubquery(_, let s, _), .scalarSubquery(let s): out.append(s)
            default: break
            }
            return .continue
        }
        return out
    }
}
