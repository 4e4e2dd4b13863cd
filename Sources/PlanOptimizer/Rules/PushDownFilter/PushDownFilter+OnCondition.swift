import PlanCore

/// A join's ON condition (its residual filter) pushed into the inputs it may filter
/// (``JoinSides/forOn(_:)``): an inner join's single-side conjuncts move to their side and
/// its equalities across become keys; an outer join's conjuncts on the NULL-padded side
/// filter that side first (its rows that fail them never match anyway).
extension PushDownFilter {
    func pushOnCondition(of j: Join) throws(PlanError) -> Transformed<LogicalPlan> {
        guard let f = j.filter else { return .no(.join(j)) }
        switch JoinSides.forOn(j.joinType) {
        case (true, true): return try pushInnerOn(j, f)
        case (false, true), (true, false): return try pushOuterOn(j, f)
        case (false, false): return .no(.join(j))
        }
    }

    private func pushInnerOn(_ j: Join, _ f: Expr) throws(PlanError) -> Transformed<LogicalPlan> {
        let conjuncts = f.conjuncts
        let movable = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated }
        let split = JoinPredicates.split(movable, left: j.left.schema, right: j.right.schema)
        if split.leftOnly.isEmpty && split.rightOnly.isEmpty && split.keys.isEmpty { return .no(.join(j)) }
        let fixed = conjuncts.filter { $0.containsSubquery || $0.isCorrelated }
        var left = j.left, right = j.right
        if let p = Expr.conjunction(split.leftOnly) { left = .filter(try Filter(p, input: j.left)) }
        if let p = Expr.conjunction(split.rightOnly) { right = .filter(try Filter(p, input: j.right)) }
        return .yes(.join(try Join(left: left, right: right, joinType: .inner, on: j.on + split.keys,
                                   filter: Expr.conjunction(split.rest + fixed), nullAware: j.nullAware)))
    }

    private func pushOuterOn(_ j: Join, _ f: Expr) throws(PlanError) -> Transformed<LogicalPlan> {
        let conjuncts = f.conjuncts
        let paddedIsRight = JoinSides.forOn(j.joinType).right
        let padded = paddedIsRight ? j.right : j.left
        let down = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated && !$0.columnRefs.isEmpty && $0.isBound(by: padded.schema) }
        if down.isEmpty { return .no(.join(j)) }
        let rest = conjuncts.filter { !down.contains($0) }
        guard let p = Expr.conjunction(down) else { return .no(.join(j)) }
        let filtered = LogicalPlan.filter(try Filter(p, input: padded))
        return .yes(.join(try Join(left: paddedIsRight ? j.left : filtered, right: paddedIsRight ? filtered : j.right,
                                   joinType: j.joinType, on: j.on, filter: Expr.conjunction(rest), nullAware: j.nullAware)))
    }
}
