import PlanCore

/// Joins a Window directly over another into one when every call of both shares one
/// partition and order, and the upper calls do not read the lower ones' columns (Spark's
/// `CollapseWindow`): the rows are then sorted once for all of them.
///
///     Window: windowExpr=[[rank() OVER (PARTITION BY t.a ORDER BY t.b …)]]
///       Window: windowExpr=[[row_number() OVER (PARTITION BY t.a ORDER BY t.b …)]]
///         TableScan: t
///                                  ──►
///     Window: windowExpr=[[row_number() OVER (…), rank() OVER (…)]]
///       TableScan: t
///
/// The binder makes one Window a call; calls whose sorts differ stay apart.
public struct CollapseWindow: OptimizerRule {
    public let name = "collapse_window"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .window(let upper) = plan, case .window(let lower) = upper.input,
              upper.partitionLimit == nil, lower.partitionLimit == nil else { return .no(plan) }
        let calls = lower.calls + upper.calls
        guard let spec = calls.first?.spec, calls.allSatisfy({ $0.spec == spec }) else { return .no(plan) }
        let added = Set(lower.schema.fields[lower.input.schema.count...].map(\.column))
        guard upper.windowExprs.allSatisfy({ $0.columnRefs.allSatisfy { !added.contains($0) } }) else { return .no(plan) }
        return .yes(.window(try Window(lower.windowExprs + upper.windowExprs, input: lower.input)))
    }
}
