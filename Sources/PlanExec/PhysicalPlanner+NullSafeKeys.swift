import PlanCore

extension PhysicalPlanner {
    /// A join's `l IS NOT DISTINCT FROM r` conjuncts (each side reading one input) as hash
    /// keys rather than a residual filter: two keys each, `(l IS NULL) = (r IS NULL)` and
    /// `coalesce(l, z) = coalesce(r, z)` with `z` any value of their type, which equal
    /// exactly when `l` and `r` are not distinct — so such a join hashes instead of
    /// comparing every pair of rows. Returns the extra keys and the filter left over.
    func nullSafeKeys(_ n: Join) -> (keys: [JoinKey], filter: Expr?) {
        guard let filter = n.filter, !n.nullAware, !filter.containsSubquery else { return ([], n.filter) }
        var keys: [JoinKey] = []
        var rest: [Expr] = []
        for c in filter.conjuncts {
            guard case .binary(let a, .isNotDistinctFrom, let b) = c, let pair = sides(a, b, n), let zero = Self.zero(pair) else {
                rest.append(c)
                continue
            }
            keys.append(JoinKey(.isTest(pair.left, .isNull), .isTest(pair.right, .isNull)))
            keys.append(JoinKey(.scalarFunction(.coalesce, [pair.left, zero]), .scalarFunction(.coalesce, [pair.right, zero])))
        }
        return (keys, Expr.conjunction(rest))
    }

    private func sides(_ a: Expr, _ b: Expr, _ n: Join) -> (left: Expr, right: Expr, type: DataType)? {
        func reads(_ e: Expr, _ s: Schema) -> Bool { !e.columnRefs.isEmpty && e.columnRefs.allSatisfy { s.index(of: $0) != nil } }
        let (l, r): (Expr, Expr)
        if reads(a, n.left.schema), reads(b, n.right.schema) { (l, r) = (a, b) }
        else if reads(b, n.left.schema), reads(a, n.right.schema) { (l, r) = (b, a) }
        else { return nil }
        guard let lt = try? l.dataType(in: n.left.schema), let rt = try? r.dataType(in: n.right.schema), lt == rt else { return nil }
        return (l, r, lt)
    }

    /// A value of the pair's type to stand in for NULL (any value does: the IS NULL key
    /// tells a NULL from it).
    private static func zero(_ pair: (left: Expr, right: Expr, type: DataType)) -> Expr? {
        let value: ScalarValue
        switch pair.type {
        case .boolean: value = .boolean(false)
        case .date: value = .date(0)
        case .timestamp: value = .timestamp(0)
        case .timestampTZ: value = .timestampTZ(0)
        case let t where t.isString: value = .string("")
        case let t where t.isNumeric:
            guard let v = try? ScalarOps.cast(.int64(0), to: t) else { return nil }
            value = v
        default: return nil
        }
        return .literal(value)
    }
}
