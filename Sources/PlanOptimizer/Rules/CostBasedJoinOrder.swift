import PlanCore

/// Orders a chain of inner joins by estimated size: the largest input is scanned (the
/// probe side) and the others join it most-selective-connected-first (the fraction of
/// its table an input keeps after its filters, looking one input ahead; ties: the smaller
/// input), so rows are
/// dropped as early as possible and hash tables are built on the small sides.
///
///     Inner Join: o.k = l.k                    Inner Join: o.c = c.c
///       Inner Join: c.c = o.c          ──►       Inner Join: l.k = o.k
///         TableScan: c   (15k rows)                TableScan: l  (600k rows)
///         TableScan: o   (150k rows)               TableScan: o  (150k rows)
///       TableScan: l     (600k rows)             TableScan: c    (15k rows)
///
/// Estimates are ``LogicalPlan/estimatedRows`` (a scan's own count, a quarter per filter
/// conjunct, a tenth through an aggregate, the larger side through a join). A Projection
/// restores the original column order. Chains with cross joins are left to
/// `eliminate_cross_join`.
public struct CostBasedJoinOrder: OptimizerRule {
    public let name = "cost_based_join_order"
    public var applyOrder: ApplyOrder? { .topDown }
    public var requires: [String] { ["eliminate_cross_join"] }
    public init() {}

    /// The estimate joins are ordered by (``LogicalPlan/estimatedRows``).
    static func estimate(_ p: LogicalPlan) -> Double { p.estimatedRows }

    /// The fraction of its table's rows an input keeps through its filters (1 for
    /// anything but filtered scans under projections and aliases): joined on its key, a
    /// filtered dimension keeps about that fraction of the probe side's rows.
    static func selectivity(_ p: LogicalPlan) -> Double {
        let all = p.unfilteredRows
        return all > 0 ? min(1, estimate(p) / all) : 1
    }

    /// Whether a join sits anywhere in `p` (then its inputs may need ordering too).
    static func holdsJoin(_ p: LogicalPlan) -> Bool {
        switch p {
        case .join, .crossJoin: return true
        default: return p.inputs.contains(where: holdsJoin) || p.subqueries.contains { holdsJoin($0.plan) }
        }
    }

    /// The largest input first, then the most selective input connected to those joined
    /// (with one input of lookahead up to 16 inputs); nil when the inputs are not all
    /// connected by equalities.
    static func greedyOrder(_ leaves: [LogicalPlan], graph: inout JoinGraph) throws(PlanError) -> LogicalPlan? {
        let sizes = leaves.map(Self.estimate)
        let kept = leaves.map(Self.selectivity)
        // Start from the largest input; then the smallest input connected to what is joined.
        var remaining = Array(leaves.indices)
        guard let first = remaining.max(by: { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) }) else { return nil }
        remaining.removeAll { $0 == first }
        var current = leaves[first]
        var joined = Array(repeating: false, count: leaves.count)
        joined[first] = true
        while !remaining.isEmpty {
            let connected = graph.connected(to: joined)
            // Would need a cross join: keep the written order.
            // One step of lookahead (up to 16 inputs, when some input is filtered): an
            // input counts as selective as the most selective input it would connect next
            // (a supplier leads to a filtered nation).
            var score = kept
            if leaves.count <= 16, kept.contains(where: { $0 < 1 }) {
                for c in connected {
                    var after = joined
                    after[c] = true
                    let reach = graph.connected(to: after).subtracting(connected)
                    score[c] = kept[c] * (reach.map { kept[$0] }.min() ?? 1)
                }
            }
            guard let next = connected.min(by: { a, b in
                score[a] != score[b] ? score[a] < score[b] : (sizes[a] < sizes[b] || (sizes[a] == sizes[b] && a < b))
            }) else { return nil }
            remaining.removeAll { $0 == next }
            current = try graph.join(current, joined: &joined, leaf: next)
        }
        return current
    }

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .join(let top) = plan, top.joinType == .inner, !EliminateCrossJoin.holdsCrossJoin(plan) else { return .no(plan) }
        // Ordered by an earlier pass of this call and unchanged since: the same answer.
        if let known = context.memo.orderedJoin(plan) { return known }
        let (result, exact) = try order(plan, context: context)
        context.memo.remember(plan, gives: result)
        // The cheapest tree gives itself on the next pass (under a restoring projection, the
        // tree inside it is what the next pass meets); a greedy one is ordered again.
        if result.changed, exact {
            let made: LogicalPlan
            if case .projection(let p) = result.value, case .join = p.input { made = p.input } else { made = result.value }
            context.memo.remember(made, gives: Transformed(made, changed: false, recursion: result.recursion == .jump ? Self.recursion(over: made) : result.recursion))
        }
        return result
    }

    /// How the walk goes on below an ordered tree: its inner joins are part of it, so
    /// visiting each of them again would order N shrinking copies of it (quadratic); they
    /// are skipped unless some input holds a join of its own to order.
    static func recursion(over tree: LogicalPlan) -> TreeNodeRecursion {
        let graph = JoinGraph(tree)
        let nested = graph.leaves.contains(where: holdsJoin) || graph.conditions.contains { $0.containsSubquery }
        return nested ? .continue : .jump
    }

    /// The ordered tree, and whether it was ordered exactly.
    func order(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> (Transformed<LogicalPlan>, exact: Bool) {
        var graph = JoinGraph(plan)
        let leaves = graph.leaves
        guard leaves.count >= 3 else { return (.no(plan), false) }
        let nested = leaves.contains(where: Self.holdsJoin) || graph.conditions.contains { $0.containsSubquery }
        let skipInner: TreeNodeRecursion = nested ? .continue : .jump
        var current: LogicalPlan
        var exact: ExactJoinOrder?
        var pairs = 0
        if let neighbours = graph.neighbours() {
            let key = JoinSearchKey(estimates: leaves.map(\.estimatedRows), neighbours: neighbours, divisors: graph.joinDivisors())
            if let known = context.memo.search(key) {
                exact = known
            } else {
                do throws(ExactJoinOrder.Refusal) {
                    let search = try ExactJoinOrder(estimates: key.estimates, neighbours: neighbours, divisors: key.divisors)
                    context.memo.recordOrdering(exact: true, pairs: search.pairs)
                    context.memo.remember(key, search: search)
                    exact = search
                } catch {
                    if error == .overBudget { pairs = ExactJoinOrder.pairBudget + 1 }
                }
            }
        }
        if let exact {
            // A tree as cheap as the best stays as it is (ties would otherwise flip between
            // equally good orders on every pass).
            if exact.bestCost >= exact.cost(of: plan) * (1 - 1e-9) {
                return (Transformed(plan, changed: false, recursion: skipInner), true)
            }
            current = try exact.tree(over: exact.all, leaves: leaves, graph: &graph)
        } else {
            context.memo.recordOrdering(exact: false, pairs: pairs)
            guard let greedy = try Self.greedyOrder(leaves, graph: &graph) else { return (.no(plan), false) }
            current = greedy
        }
        current = try graph.finish(current, original: plan)
        // Already in this order (the tree itself, or the tree under a restoring projection): leave it.
        let ordered = exact != nil
        if current == plan { return (Transformed(plan, changed: false, recursion: skipInner), ordered) }
        if case .projection(let p) = current, p.input == plan { return (Transformed(plan, changed: false, recursion: skipInner), ordered) }
        return (Transformed(current, changed: true, recursion: .jump), ordered)
    }
}
