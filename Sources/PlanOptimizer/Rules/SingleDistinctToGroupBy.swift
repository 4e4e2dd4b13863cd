import PlanCore

/// When every aggregate is `f(DISTINCT x)` over the same column, the distinct values are
/// found by grouping instead of by a hash set per group:
///
///     Aggregate: groupBy=[[t.a]], aggr=[[count(DISTINCT t.b)]]
///       TableScan: t
///                       ──►
///     Aggregate: groupBy=[[t.a]], aggr=[[count(t.b) AS count(DISTINCT t.b)]]
///       Aggregate: groupBy=[[t.a, t.b]], aggr=[[]]
///         TableScan: t
///
/// Applies to count, sum, min, max and avg without FILTER, with plain column keys.
public struct SingleDistinctToGroupBy: OptimizerRule {
    public let name = "single_distinct_to_group_by"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .aggregate(let a) = plan, !a.aggregates.isEmpty,
              a.groupBy.allSatisfy({ if case .column = $0 { true } else { false } }) else { return .no(plan) }
        var argument: Expr?
        for e in a.aggregates {
            guard case .aggregate(let call) = e.unaliased, call.distinct, call.filter == nil, call.args.count == 1,
                  [.count, .sum, .min, .max, .avg].contains(call.function), case .column = call.args[0] else { return .no(plan) }
            if let argument, argument != call.args[0] { return .no(plan) }
            argument = call.args[0]
        }
        guard let x = argument else { return .no(plan) }
        let keys = a.groupBy.contains(x) ? a.groupBy : a.groupBy + [x]
        let inner = LogicalPlan.aggregate(try Aggregate(groupBy: keys, aggregates: [], input: a.input))
        let outerAggregates = a.aggregates.enumerated().map { i, e -> Expr in
            guard case .aggregate(var call) = e.unaliased else { return e }
            call.distinct = false
            return Expr.aggregate(call).alias(a.schema.fields[a.groupBy.count + i].name)
        }
        return .yes(.aggregate(try Aggregate(groupBy: a.groupBy, aggregates: outerAggregates, input: inner)))
    }
}
