import PlanCore

/// A filter that rejects NULLs from the outer join's nullable side makes the join inner:
/// the padded rows it would add are filtered out anyway.
///
///     Filter: u.d > Int64(1)                 Filter: u.d > Int64(1)
///       Left Join: t.a = u.a          ──►      Inner Join: t.a = u.a
///
/// The filter must be never TRUE when the side's columns are all NULL, as
/// ``Expr/rejectsNulls(from:)`` decides (`greatest(u.d, 10) > 5` is TRUE for a padded row,
/// so it keeps the join outer).
public struct EliminateOuterJoin: OptimizerRule {
    public let name = "eliminate_outer_join"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan, case .join(let j) = f.input else { return .no(plan) }
        let rejectsRight = f.predicate.rejectsNulls(from: j.right.schema)
        let rejectsLeft = f.predicate.rejectsNulls(from: j.left.schema)
        let newType: JoinType
        switch j.joinType {
        case .left where rejectsRight: newType = .inner
        case .right where rejectsLeft: newType = .inner
        case .full where rejectsLeft && rejectsRight: newType = .inner
        case .full where rejectsLeft: newType = .left
        case .full where rejectsRight: newType = .right
        default: return .no(plan)
        }
        let join = try Join(left: j.left, right: j.right, joinType: newType, on: j.on, filter: j.filter, nullAware: j.nullAware)
        // Nullability narrows; names and types stay.
        return .yes(.filter(try Filter(f.predicate, input: .join(join))))
    }
}
