import PlanCore

/// A node over an input that produces no rows produces none either (except aggregates
/// without GROUP BY, which return one row, and the preserved side of outer joins).
///
///     Projection: t.a                ──►    EmptyRelation: rows=0
///       EmptyRelation: rows=0
public struct PropagateEmptyRelation: OptimizerRule {
    public let name = "propagate_empty_relation"
    public init() {}

    static func isEmpty(_ p: LogicalPlan) -> Bool {
        if case .emptyRelation(let e) = p { return !e.produceOneRow }
        return false
    }

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        let empty = LogicalPlan.emptyRelation(EmptyRelation(produceOneRow: false, schema: plan.schema))
        switch plan {
        case .projection(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .filter(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .sort(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .window(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .limit(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .distinct(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .subqueryAlias(let n) where Self.isEmpty(n.input): return .yes(empty)
        case .aggregate(let n) where Self.isEmpty(n.input) && !n.groupBy.isEmpty: return .yes(empty)
        case .crossJoin(let n) where Self.isEmpty(n.left) || Self.isEmpty(n.right): return .yes(empty)
        case .join(let n):
            switch n.joinType {
            case .inner, .leftSemi: if Self.isEmpty(n.left) || Self.isEmpty(n.right) { return .yes(empty) }
            case .left, .leftAnti: if Self.isEmpty(n.left) { return .yes(empty) }
            case .right: if Self.isEmpty(n.right) { return .yes(empty) }
            case .full: if Self.isEmpty(n.left) && Self.isEmpty(n.right) { return .yes(empty) }
            }
            return .no(plan)
        case .setOperation(let n) where n.kind != .union && Self.isEmpty(n.left):
            return .yes(empty)
        case .setOperation(let n) where n.kind == .intersect && Self.isEmpty(n.right):
            return .yes(empty)
        default:
            return .no(plan)
        }
    }
}
