import PlanCore

/// Removes a Limit that limits nothing and empties one that keeps no rows.
///
///     Limit: skip=0, fetch=None   ──►  (its input)
///     Limit: skip=…, fetch=0      ──►  EmptyRelation: rows=0
public struct EliminateLimit: OptimizerRule {
    public let name = "eliminate_limit"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .limit(let l) = plan else { return .no(plan) }
        if l.fetch == 0 { return .yes(.emptyRelation(EmptyRelation(produceOneRow: false, schema: l.input.schema))) }
        if l.skip == 0 && l.fetch == nil { return .yes(l.input) }
        return .no(plan)
    }
}
