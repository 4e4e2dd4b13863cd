import PlanCore

/// A filter that rejects NULLs from the outer join's nullable side makes the join inner:
/// the padded rows it would add are filtered out anyway.
///
///     Filter: u.d > Int64(1)                 Filter: u.d > Int64(1)
///       Left Join: t.a = u.a          ──►      Inner Join: t.a = u.a
///
/// A conjunct counts as NULL-rejecting when it is a comparison, LIKE, IN or
/// `IS NOT NULL` over the side's columns with no CASE, coalesce or IS NULL inside it.
public struct EliminateOuterJoin: OptimizerRule {
    public let name = "eliminate_outer_join"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    static func rejectsNulls(_ c: Expr, from schema: Schema) -> Bool {
        let cols = c.columnRefs
        guard cols.contains(where: { schema.index(of: $0) != nil }) else { return false }
        let unsafe = c.contains { e in
            switch e {
            case .caseWhen, .isTest(_, .isNull), .isTest(_, .isUnknown), .isTest(_, .isNotTrue), .isTest(_, .isNotFalse),
                 .scalarFunction(.coalesce, _), .scalarFunction(.nullif, _), .scalarFunction(.concat, _),
                 .binary(_, .or, _), .not, .exists, .inSubquery, .scalarSubquery:
                return true
            default: return false
            }
        }
        if unsafe { return false }
        switch c {
        case .binary(_, let op, _) where op.isComparison: return true
        case .like, .inList, .between, .isTest(_, .isNotNull): return true
        default: return false
        }
    }

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let f) = plan, case .join(let j) = f.input else { return .no(plan) }
        let conjuncts = f.predicate.conjuncts
        let rejectsRight = conjuncts.contains { Self.rejectsNulls($0, from: j.right.schema) }
        let rejectsLeft = conjuncts.contains { Self.rejectsNulls($0, from: j.left.schema) }
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
