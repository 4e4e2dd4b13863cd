import PlanCore

/// A semi join that reads only one side of an inner join below it moves onto that side,
/// when its right input looks much smaller than that side: it then removes rows before
/// the inner join multiplies them instead of after.
///
///     LeftSemi Join: o.k = s.k                 Inner Join: l.k = o.k
///       Inner Join: l.k = o.k        ──►         TableScan: l
///         TableScan: l                           LeftSemi Join: o.k = s.k
///         TableScan: o                             TableScan: o
///       <s>                                        <s>
///
/// "Much smaller" is a fifth of the side's estimated rows: a semi join against an
/// input about as large as the side keeps most rows, and then it is cheaper where it
/// is, on the inner join's (often already filtered) output.
public struct PushDownSemiJoin: OptimizerRule {
    public let name = "push_down_semi_join"
    public var applyOrder: ApplyOrder? { .topDown }
    public var parameters: [String: String] { ["max_right_fraction": "0.2"] }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .join(let semi) = plan, semi.joinType == .leftSemi, !semi.nullAware,
              case .join(let inner) = semi.left, inner.joinType == .inner else { return .no(plan) }
        // The columns the semi join reads from its left input.
        var used = Set(semi.on.flatMap { $0.left.columnRefs })
        if let f = semi.filter { used.formUnion(f.columnRefs.filter { semi.right.schema.index(of: $0) == nil }) }
        guard !used.isEmpty else { return .no(plan) }
        let rightRows = semi.right.estimatedRows
        func reads(_ side: LogicalPlan) -> Bool { used.allSatisfy { side.schema.index(of: $0) != nil } }
        func worthIt(_ side: LogicalPlan) -> Bool { rightRows * 5 < side.estimatedRows }
        let pushed: Join
        if reads(inner.left), worthIt(inner.left) {
            pushed = try Join(left: try semiJoin(semi, over: inner.left), right: inner.right, joinType: .inner,
                              on: inner.on, filter: inner.filter, nullAware: inner.nullAware)
        } else if reads(inner.right), worthIt(inner.right) {
            pushed = try Join(left: inner.left, right: try semiJoin(semi, over: inner.right), joinType: .inner,
                              on: inner.on, filter: inner.filter, nullAware: inner.nullAware)
        } else {
            return .no(plan)
        }
        return .yes(.join(pushed))
    }

    private func semiJoin(_ semi: Join, over side: LogicalPlan) throws(PlanError) -> LogicalPlan {
        .join(try Join(left: side, right: semi.right, joinType: .leftSemi, on: semi.on, filter: semi.filter,
                       nullAware: semi.nullAware))
    }
}
