import PlanCore

/// GROUPING SETS, ROLLUP, CUBE and `GROUPING(…)`: the GROUP BY elements expanded to grouping
/// sets over one list of keys (PostgreSQL's rules: the elements of a GROUP BY combine as a
/// cross product, GROUPING SETS concatenate, ROLLUP gives its prefixes, CUBE every subset),
/// and each `GROUPING(…)` call, bound before the keys are known, resolved once they are.
extension Binder {
    /// A `GROUPING(…)` call while the SELECT is bound: a placeholder (an int cast of a text
    /// no query can write) until ``groupingResolved(_:keys:sets:node:span:)`` replaces it.
    static func groupingPlaceholder(_ k: Int) -> Expr { .cast(.literal(.string("\u{1}grouping \(k)")), .int32) }

    static func isGroupingPlaceholder(_ e: Expr) -> Bool { placeholderNumber(e) != nil }

    static func placeholderNumber(_ e: Expr) -> Int? {
        guard case .cast(.literal(.string(let text)), .int32) = e, text.hasPrefix("\u{1}grouping ") else { return nil }
        return Int(text.dropFirst(10))
    }

    mutating func bindGroupingCall(_ call: FunctionCall, scope: Scope, clause: String, span: SourceSpan) throws(PlanError) -> Expr {
        guard ["SELECT", "HAVING", "ORDER BY", "QUALIFY"].contains(clause) else {
            throw PlanError(.invalidPlan, "grouping operations are not allowed in \(clause)", at: span)
        }
        if call.distinct || call.filter != nil {
            throw PlanError(.syntax, "DISTINCT and FILTER are not allowed in GROUPING", at: span)
        }
        guard !call.args.isEmpty, call.args.count <= 31 else {
            throw PlanError(.arity, "GROUPING takes 1 to 31 arguments, got \(call.args.count)", at: span)
        }
        var args: [Expr] = []
        for a in call.args { args.append(try bindExpr(a, scope: scope, allowAggregates: false, clause: "GROUPING argument").unaliased) }
        groupingCalls.append((args, span))
        return Self.groupingPlaceholder(groupingCalls.count - 1)
    }

    /// The keys and grouping sets of a GROUP BY with grouping sets, and how it was written.
    mutating func bindGroupingSets(_ elements: [GroupingElement], entries: [SelectEntry],
                                   scope: Scope) throws(PlanError) -> (keys: [Expr], sets: [[Int]], form: GroupingSetsAggregate.Form) {
        var keys: [Expr] = []
        var index: [Expr: Int] = [:]
        func key(_ g: SQLExpr) throws(PlanError) -> Int {
            let bound = try bindGroupKey(g, entries: entries, scope: scope)
            if let i = index[bound] { return i }
            guard keys.count < GroupingSetsAggregate.maxKeys else {
                throw PlanError(.unsupported, "grouping sets over more than \(GroupingSetsAggregate.maxKeys) keys are not supported", at: g.span)
            }
            index[bound] = keys.count
            keys.append(bound)
            return keys.count - 1
        }
        func parts(_ list: [GroupingElement]) throws(PlanError) -> [[Int]] {
            var out: [[Int]] = []
            for p in list {
                var part: [Int] = []
                for e in p.expressions { part.append(try key(e)) }
                out.append(part)
            }
            return out
        }
        func sets(_ element: GroupingElement) throws(PlanError) -> [[Int]] {
            switch element {
            case .expr(let e): return [[try key(e)]]
            case .list(let es, _):
                var set: [Int] = []
                for e in es { set.append(try key(e)) }
                return [set]
            case .rollup(let list, let span):
                guard list.count < Self.maxGroupingSets else { throw Self.tooManySets(at: span) }
                let p = try parts(list)
                return (0...p.count).reversed().map { Array(p.prefix($0).joined()) }
            case .cube(let list, let span):
                guard list.count <= 12 else { throw PlanError(.unsupported, "CUBE is limited to 12 elements", at: span) }
                let p = try parts(list)
                // Every subset, the first part the most significant: (a, b), (a), (b), ().
                return (0..<(1 << p.count)).reversed().map { mask in
                    p.indices.filter { mask & (1 << (p.count - 1 - $0)) != 0 }.flatMap { p[$0] }
                }
            case .groupingSets(let list, let span):
                guard list.count <= Self.maxGroupingSets else { throw Self.tooManySets(at: span) }
                var out: [[Int]] = []
                for e in list {
                    out += try sets(e)
                    guard out.count <= Self.maxGroupingSets else { throw Self.tooManySets(at: span) }
                }
                return out
            }
        }
        var product: [[Int]] = [[]]
        for element in elements {
            let choices = try sets(element)
            product = product.flatMap { left in choices.map { left + $0 } }
            if product.count > Self.maxGroupingSets { throw Self.tooManySets(at: Self.span(of: element)) }
        }
        let form: GroupingSetsAggregate.Form
        switch elements.count == 1 ? elements[0] : nil {
        case .rollup(let list, _)? where list.allSatisfy(Self.isSingleKey): form = .rollup
        case .cube(let list, _)? where list.allSatisfy(Self.isSingleKey): form = .cube
        default: form = .groupingSets
        }
        return (keys, product.map { Array(Set($0)).sorted() }, form)
    }

    /// PostgreSQL's bound on the grouping sets of one GROUP BY.
    static let maxGroupingSets = 4096

    static func tooManySets(at span: SourceSpan) -> PlanError {
        PlanError(.unsupported, "too many grouping sets present (maximum \(maxGroupingSets))", at: span)
    }

    static func isSingleKey(_ e: GroupingElement) -> Bool {
        if case .expr = e { return true }
        return false
    }

    static func span(of element: GroupingElement) -> SourceSpan {
        switch element {
        case .expr(let e): e.span
        case .list(_, let span), .rollup(_, let span), .cube(_, let span), .groupingSets(_, let span): span
        }
    }

    /// `e` with each GROUPING placeholder replaced: over grouping sets a CASE on the
    /// node's `__grouping_id` (one branch per distinct set), over a plain GROUP BY 0; an
    /// argument that is no key is PostgreSQL's error.
    func groupingResolved(_ e: Expr, keys: [Expr], node: GroupingSetsAggregate?) throws(PlanError) -> Expr {
        guard !groupingCalls.isEmpty else { return e }
        return try e.transformDown { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            guard let k = Self.placeholderNumber(x), groupingCalls.indices.contains(k) else { return .no(x) }
            let (args, span) = groupingCalls[k]
            var indices: [Int] = []
            for a in args {
                guard let i = keys.firstIndex(of: a) else {
                    throw PlanError(.invalidPlan, "arguments to GROUPING must be grouping expressions of the associated query level", at: span)
                }
                indices.append(i)
            }
            guard let node else { return Transformed(.literal(.int32(0)), changed: true, recursion: .jump) }
            var branches: [CaseWhen.Branch] = []
            var seen = Set<Int64>()
            for set in node.sets where seen.insert(node.groupingId(of: set)).inserted {
                var value: Int32 = 0
                for (j, i) in indices.enumerated() where !set.contains(i) { value |= 1 << Int32(indices.count - 1 - j) }
                branches.append(CaseWhen.Branch(when: .literal(.int64(node.groupingId(of: set))), then: .literal(.int32(value))))
            }
            let resolved = Expr.caseWhen(CaseWhen(operand: .column(node.groupingIdColumn), branches: branches, elseExpr: .literal(.int32(0))))
            return Transformed(resolved, changed: true, recursion: .jump)
        }.value
    }
}
