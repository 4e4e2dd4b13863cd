import PlanCore

/// Drops `WHERE true` and replaces `WHERE false` / `WHERE NULL` by an empty relation.
///
///     Filter: Boolean(false)        EmptyRelation: rows=0
///       TableScan: t          ──►
///
/// Runs after `simplify_expressions`, which folds predicates to literals.
public struct EliminateFilter: OptimizerRule {
    public let name = "eliminate_filter"
    public var applyOrder: ApplyOrder? { .bottomUp }
    /// Without constant folding a predicate is rarely a literal.
    public var requires: [String] { ["simplify_expressions"] }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan else { return .no(plan) }
        switch f.predicate {
        case .literal(.boolean(true)): return .yes(f.input)
        case .literal(.boolean(false)), .literal(.null), .cast(.literal(.null), _):
            return .yes(.emptyRelation(EmptyRelation(produceOneRow: false, schema: f.input.schema)))
        default: return .no(plan)
        }
    }
}
