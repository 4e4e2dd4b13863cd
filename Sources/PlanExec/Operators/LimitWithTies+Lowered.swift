import PlanCore

/// `FETCH FIRST n ROWS WITH TIES` run as window calls over its sorted input
/// (``LimitWithTies/windowForm()``): row_number() and rank() decide which rows are kept.
extension LimitWithTies: ExecutableLogicalNode {
    public func lowered() throws(PlanError) -> LogicalPlan { try windowForm() }
}
