import PlanCore

/// Computes once a subplan the query repeats — a CTE referenced twice, as TPC-H Q15's
/// `revenue` (its aggregate in the join and in the `max` subquery), or a join a HAVING
/// subquery repeats (Q11) — and shares its rows between the uses:
///
///     Filter: revenue.total_revenue = (<subquery>)          Filter: revenue.total_revenue = (<subquery>)
///       Subquery:                                             Subquery:
///         Aggregate: aggr=[[max(total_revenue)]]                Aggregate: aggr=[[max(total_revenue)]]
///           Aggregate: groupBy=[[l_suppkey]] …         ──►        SharedSubplan: id=1
///       Inner Join: …                                                 Aggregate: groupBy=[[l_suppkey]] …
///         Aggregate: groupBy=[[l_suppkey]] …                  Inner Join: …
///                                                               SharedSubplan: id=1
///                                                                 Aggregate: groupBy=[[l_suppkey]] …
///
/// What is shared: the largest subtrees that occur at least twice (in the plan and in its
/// subqueries' plans, compared as values) whose root is an aggregate, a join, a window,
/// a DISTINCT or a set operation, that read no outer column, no recursive query's work
/// table, and are estimated at most ``maxRows`` rows (their rows are held for the whole
/// query; when the memory limit refuses them, each use computes its own). planscope has no
/// volatile functions (`now()` is fixed per statement), so two equal subtrees always give
/// the same rows. Runs last, once projections are pruned: two uses that need different
/// columns of a CTE differ above its aggregate and are shared from there down.
public struct ShareRepeatedSubplans: OptimizerRule {
    public let name = "share_repeated_subplans"
    public var applyOrder: ApplyOrder? { nil }
    public var parameters: [String: String] { ["max_rows": "\(Int(Self.maxRows))"] }
    public init() {}

    /// Subplans estimated above this many rows are computed by each use.
    static let maxRows = 1_000_000.0

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        // One walk gathers the candidates and whether some table (or VALUES list) is read
        // twice: a repeated subplan reads its leaves twice, so most plans stop there.
        var candidates: [LogicalPlan] = []
        var tables: Set<String> = []
        var values: Set<LogicalPlan> = []
        var leafReadTwice = false
        var nextID = 1
        Self.walk(plan) { node in
            switch node {
            case .extension(let e):
                if let shared = e.node as? SharedSubplan {
                    nextID = max(nextID, shared.id + 1)
                    return false
                }
            case .tableScan(let t): leafReadTwice = !tables.insert(t.tableName).inserted || leafReadTwice
            case .values: leafReadTwice = !values.insert(node).inserted || leafReadTwice
            case .aggregate, .join, .window, .distinct, .setOperation: candidates.append(node)
            default: break
            }
            return true
        }
        guard leafReadTwice, candidates.count > 1 else { return .no(plan) }
        var counts: [LogicalPlan: Int] = [:]
        counts.reserveCapacity(candidates.count)
        for node in candidates { counts[node, default: 0] += 1 }
        // The costlier checks only for the nodes that repeat.
        let repeated = Set(counts.compactMap { node, n in n > 1 && Self.isShareable(node) ? node : nil })
        guard !repeated.isEmpty else { return .no(plan) }
        // The largest repeats: top-down, a repeated node is counted and its inside is not.
        var outermost: [LogicalPlan: Int] = [:]
        var order: [LogicalPlan] = []
        Self.walk(plan) { node in
            guard repeated.contains(node) else { return !Self.isShared(node) }
            if outermost[node] == nil { order.append(node) }
            outermost[node, default: 0] += 1
            return false
        }
        var ids: [LogicalPlan: Int] = [:]
        for node in order where outermost[node, default: 0] > 1 {
            ids[node] = nextID
            nextID += 1
        }
        guard !ids.isEmpty else { return .no(plan) }
        return try Self.share(plan, ids)
    }

    /// Whether a repeated node may be computed once for every place it occurs.
    static func isShareable(_ node: LogicalPlan) -> Bool {
        guard node.estimatedRows <= maxRows else { return false }
        return !node.contains { inner in
            if case .extension(let e) = inner, e.node is WorkTableScan { return true }
            return inner.expressions.contains(where: \.isCorrelated)
        }
    }

    static func isShared(_ node: LogicalPlan) -> Bool {
        if case .extension(let e) = node, e.node is SharedSubplan { true } else { false }
    }

    /// Visits `plan` top-down, and the plans of the subqueries in each node's expressions
    /// after the node; `visit` returns whether to go below the node.
    static func walk(_ plan: LogicalPlan, _ visit: (LogicalPlan) -> Bool) {
        guard visit(plan) else { return }
        switch plan {
        case .tableScan, .values, .emptyRelation, .subqueryAlias, .limit, .distinct, .setOperation, .crossJoin:
            break  // no expressions, or none a subquery can be in
        default:
            walkSubqueries(of: plan, visit)
        }
        for child in plan.children { walk(child, visit) }
    }

    /// Walks the plans of the subqueries in `node`'s own expressions.
    static func walkSubqueries(of node: LogicalPlan, _ visit: (LogicalPlan) -> Bool) {
        for e in node.expressions where e.containsSubquery {
            e.visit { x in
                switch x {
                case .exists(let s, _), .inSubquery(_, let s, _), .scalarSubquery(let s): walk(s.plan, visit)
                default: break
                }
                return .continue
            }
        }
    }

    /// `plan` with each outermost occurrence of a node in `ids` under a ``SharedSubplan``.
    static func share(_ plan: LogicalPlan, _ ids: [LogicalPlan: Int]) throws(PlanError) -> Transformed<LogicalPlan> {
        if isShared(plan) { return .no(plan) }
        if let id = ids[plan] { return .yes(.extension(Extension(SharedSubplan(id: id, input: plan)))) }
        var changed = false
        var children: [LogicalPlan] = []
        for child in plan.children {
            let t = try share(child, ids)
            changed = changed || t.changed
            children.append(t.value)
        }
        let node = changed ? try plan.withChildren(children) : plan
        let own = try node.mapOwnSubqueryPlans { (sub: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in try share(sub, ids) }
        return Transformed(own.value, changed: changed || own.changed)
    }
}
