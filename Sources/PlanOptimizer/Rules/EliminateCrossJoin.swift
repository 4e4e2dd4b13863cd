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
        var leaves: [LogicalPlan] = []
        var conditions: [Expr] = []
        func flatten(_ p: LogicalPlan) {
            switch p {
            case .crossJoin(let c): flatten(c.left); flatten(c.right)
            case .join(let j) where j.joinType == .inner:
                flatten(j.left); flatten(j.right)
                conditions += j.on.map { .binary($0.left, .eq, $0.right) }
                if let f = j.filter { conditions += f.conjuncts }
            default: leaves.append(p)
            }
        }
        flatten(tree)
        guard leaves.count >= 2 else { return .no(plan) }
        conditions += predicate?.conjuncts ?? []
        var used = Set<Int>()
        func connects(_ c: Expr, _ a: Schema, _ b: Schema) -> JoinKey? {
            guard case .binary(let l, .eq, let r) = c, !c.containsSubquery, !c.isCorrelated,
                  !l.columnRefs.isEmpty, !r.columnRefs.isEmpty else { return nil }
            if l.isBound(by: a), r.isBound(by: b) { return JoinKey(l, r) }
            if r.isBound(by: a), l.isBound(by: b) { return JoinKey(r, l) }
            return nil
        }
        var current = leaves[0]
        var remainingLeaves = Array(leaves.dropFirst())
        var changedShape = false
        while !remainingLeaves.isEmpty {
            var pick: Int?
            for (i, leaf) in remainingLeaves.enumerated() {
                if conditions.indices.contains(where: { !used.contains($0) && connects(conditions[$0], current.schema, leaf.schema) != nil }) {
                    pick = i
                    break
                }
            }
            let index = pick ?? 0
            if index != 0 { changedShape = true }
            let leaf = remainingLeaves.remove(at: index)
            var keys: [JoinKey] = []
            for (ci, c) in conditions.enumerated() where !used.contains(ci) {
                if let k = connects(c, current.schema, leaf.schema) { keys.append(k); used.insert(ci) }
            }
            current = keys.isEmpty ? .crossJoin(CrossJoin(left: current, right: leaf))
                                   : .join(try Join(left: current, right: leaf, joinType: .inner, on: keys))
        }
        let rest = conditions.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        var result = current
        if let p = Expr.conjunction(rest) { result = .filter(try Filter(p, input: result)) }
        if changedShape || result.schema.fields.map(\.qualifiedName) != tree.schema.fields.map(\.qualifiedName) {
            result = .projection(try Projection(tree.outputColumns, input: result))
        }
        if result == plan { return .no(plan) }
        return .yes(result)
    }
}
