import PlanCore

extension SimplifyExpressions {
    /// An OR of `c = literal` terms on one column becomes `c IN (…)`, and an AND of
    /// `c <> literal` terms `c NOT IN (…)` (DuckDB rewrites the same way), so generated SQL
    /// with thousands of alternatives (`x = 1 OR x = 2 OR …`) is one hashed list rather
    /// than a chain evaluated term by term. Only non-NULL literals of one type are taken:
    /// then both forms give TRUE, FALSE and NULL for the same rows. The list keeps the
    /// terms' order and takes the place of the first of them; other terms stay as they are.
    /// It applies from ``inListTerms`` terms on one column: hand-written filters of a few
    /// alternatives keep the shape they were written in (and the OR terms other rules
    /// derive from them, such as `rewrite_disjunctive_predicate`'s, stay comparable).
    static let inListTerms = 16

    static func equalitiesAsInList(_ op: LogicalOperator, _ operands: [Expr]) -> Expr? {
        let wanted: BinaryOperator = op == .or ? .eq : .notEq
        var byColumn: [Expr: [Int]] = [:]
        var types: [Expr: DataType] = [:]
        var mixed: Set<Expr> = []
        for (i, e) in operands.enumerated() {
            guard case .binary(let c, let o, .literal(let v)) = e, o == wanted, !v.isNull, case .column = c else { continue }
            if let t = types[c], t != v.dataType { mixed.insert(c) }
            types[c] = v.dataType
            byColumn[c, default: []].append(i)
        }
        let lists = byColumn.filter { $0.value.count >= inListTerms && !mixed.contains($0.key) }
        guard !lists.isEmpty else { return nil }
        var firstOf: [Int: Expr] = [:]
        var taken = Set<Int>()
        for (column, indices) in lists {
            let items = indices.map { i -> Expr in
                if case .binary(_, _, let literal) = operands[i] { return literal }
                return operands[i]
            }
            firstOf[indices[0]] = .inList(column, items, negated: op == .and)
            taken.formUnion(indices)
        }
        var out: [Expr] = []
        for (i, e) in operands.enumerated() {
            if let list = firstOf[i] { out.append(list) } else if !taken.contains(i) { out.append(e) }
        }
        return Expr.chain(op, out)
    }
}
