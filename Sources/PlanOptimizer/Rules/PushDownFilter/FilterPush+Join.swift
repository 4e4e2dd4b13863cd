import PlanCore

/// Into join inputs (``JoinSides/forWhere(_:)``): both sides of inner and cross joins,
/// with equalities across becoming join keys and a predicate on one key column copied to
/// the other; only the preserved side of LEFT (semi, anti) and RIGHT joins, the rest
/// staying above; nothing through FULL joins.
extension FilterPush {
    func into(_ cj: CrossJoin) throws(PlanError) -> Transformed<LogicalPlan>? {
        let split = JoinPredicates.split(movable, left: cj.left.schema, right: cj.right.schema)
        var l = split.leftOnly, r = split.rightOnly
        Self.inferAcross(split.keys, &l, &r)
        let left = try Self.filtered(cj.left, l), right = try Self.filtered(cj.right, r)
        if split.keys.isEmpty {
            if l.isEmpty && r.isEmpty { return nil }
            return try above(.crossJoin(CrossJoin(left: left, right: right)), split.rest + fixed)
        }
        return try above(.join(try Join(left: left, right: right, joinType: .inner, on: split.keys)), split.rest + fixed)
    }

    func into(_ j: Join) throws(PlanError) -> Transformed<LogicalPlan>? {
        let split = JoinPredicates.split(movable, left: j.left.schema, right: j.right.schema)
        var l = split.leftOnly, r = split.rightOnly
        let keys = split.keys, rest = split.rest
        let asConditions = keys.map { Expr.binary($0.left, .eq, $0.right) }
        switch JoinSides.forWhere(j.joinType) {
        case (true, true):
            Self.inferAcross(j.on + keys, &l, &r)
            let join = try Join(left: try Self.filtered(j.left, l), right: try Self.filtered(j.right, r), joinType: .inner,
                                on: j.on + keys, filter: j.filter, nullAware: j.nullAware)
            return try above(.join(join), rest + fixed)
        case (true, false):
            if l.isEmpty { return nil }
            let join = try Join(left: try Self.filtered(j.left, l), right: j.right, joinType: j.joinType, on: j.on,
                                filter: j.filter, nullAware: j.nullAware)
            return try above(.join(join), r + asConditions + rest + fixed)
        case (false, true):
            if r.isEmpty { return nil }
            let join = try Join(left: j.left, right: try Self.filtered(j.right, r), joinType: j.joinType, on: j.on, filter: j.filter)
            return try above(.join(join), l + asConditions + rest + fixed)
        case (false, false):
            return nil
        }
    }

    /// Across `a = b` join keys, a predicate on `a` alone holds for `b` too (and back):
    /// `t.k = u.k AND t.k > 5` also gives `u.k > 5`.
    static func inferAcross(_ keys: [JoinKey], _ l: inout [Expr], _ r: inout [Expr]) {
        for key in keys {
            guard case .column(let a) = key.left, case .column(let b) = key.right else { continue }
            for c in l where c.columnRefs == [a] && !c.containsSubquery {
                let derived = c.replacingColumns([a: .column(b)])
                if !r.contains(derived) { r.append(derived) }
            }
            for c in r where c.columnRefs == [b] && !c.containsSubquery {
                let derived = c.replacingColumns([b: .column(a)])
                if !l.contains(derived) { l.append(derived) }
            }
        }
    }
}
