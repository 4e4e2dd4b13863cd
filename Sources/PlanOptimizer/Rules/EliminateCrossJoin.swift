import PlanCore

/// Turns a Filter over a tree of cross joins and inner joins into inner joins on the
/// equalities that connect the inputs, choosing an order in which each new input is
/// connected to the ones already joined (cross joins only where nothing connects).
///
///     Filter: a.x = c.x AND b.y = c.y          Inner Join: b.y = c.y
///       Cross Join:                     ──►      Inner Join: a.x = c.x
///         Cross Join:                              TableScan: a
///           TableScan: a                           TableScan: c
///           TableScan: b                         TableScan: b
///         TableScan: c
///
/// Other conjuncts stay in a Filter above for `push_down_filter`; a Projection restores
/// the original column order when the join order changed it.
public struct EliminateCrossJoin: OptimizerRule {
    public let name = "eliminate_cross_join"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    /// True if the inner-join tree rooted here contains a cross join.
    static func holdsCrossJoin(_ p: LogicalPlan) -> Bool {
        switch p {
        case .crossJoin: return true
        case .join(let j) where j.joinType == .inner: return holdsCrossJoin(j.left) || holdsCrossJoin(j.right)
        default: return false
        }
    }

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        // A Filter over a join tree, or a join tree that still holds a cross join.
        let predicate: Expr?
        let tree: LogicalPlan
        switch plan {
        case .filter(let f):
            switch f.input {
            case .crossJoin: break
            case .join(let j) where j.joinType == .inner && Self.holdsCrossJoin(f.input): break
            default: return .no(plan)
            }
            predicate = f.predicate
            tree = f.input
        case .crossJoin, .join:
            guard Self.holdsCrossJoin(plan) else { return .no(plan) }
            predicate = nil
            tree = plan
        default:
            return .no(plan)
        }
        var graph = JoinGraph(tree, filter: predicate)
        guard graph.leaves.count >= 2 else { return .no(plan) }
        var current = graph.leaves[0]
        var joined = Array(repeating: false, count: graph.leaves.count)
        joined[0] = true
        var remaining = Array(graph.leaves.indices.dropFirst())
        var changedShape = false
        while !remaining.isEmpty {
            // The first input connected to those already joined (else the next one).
            let connected = graph.connected(to: joined)
            let index = remaining.firstIndex { connected.contains($0) } ?? 0
            if index != 0 { changedShape = true }
            current = try graph.join(current, joined: &joined, leaf: remaining.remove(at: index))
        }
        let result = try graph.finish(current, original: tree, forceProjection: changedShape)
        if result == plan { return .no(plan) }
        return .yes(result)
    }
}
