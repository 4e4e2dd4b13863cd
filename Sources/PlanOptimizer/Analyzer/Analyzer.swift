import PlanCore

/// Analyzer rules: checks that run once before optimization.
public enum Analyzer {
    public static let defaultRules: [any AnalyzerRule] = [CheckAggregates()]
}

/// Aggregate calls may appear only in an Aggregate node's aggregate list.
public struct CheckAggregates: AnalyzerRule {
    public let name = "check_aggregates"
    public init() {}

    public func analyze(_ plan: LogicalPlan) throws(PlanError) -> LogicalPlan {
        var problem: String?
        plan.visit { node in
            var exprs = node.expressions
            // An Aggregate's (or grouping sets') calls are where they belong: check inside them.
            var grouping: (keys: [Expr], calls: [Expr])?
            if case .aggregate(let a) = node { grouping = (a.groupBy, a.aggregates) }
            if case .extension(let x) = node, let g = x.node as? GroupingSetsAggregate { grouping = (g.keys, g.aggregates) }
            if let grouping {
                exprs = grouping.keys + grouping.calls.flatMap { e -> [Expr] in
                    if case .aggregate(let call) = e.unaliased { return call.args + (call.filter.map { [$0] } ?? []) }
                    return [e]
                }
            }
            for e in exprs where e.containsAggregate {
                problem = "aggregate function outside an Aggregate: \(e) in \(node.nodeLine)"
                return .stop
            }
            return .continue
        }
        if let problem { throw PlanError(.invalidPlan, problem) }
        return plan
    }
}
