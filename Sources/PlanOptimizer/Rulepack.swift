import PlanCore
import PlanManifest

/// A named, ordered list of optimizer rules. The one place rules are registered.
public struct Rulepack: Sendable {
    public let name: String
    public let summary: String
    public let rules: [any OptimizerRule]

    /// Every rule planscope has, in the default order. Order constraints:
    /// - `simplify_expressions` first, so later rules see folded literals;
    /// - `decorrelate_predicate_subquery` before `eliminate_cross_join` and
    ///   `push_down_filter`, so the joins it creates are pushed through too;
    /// - `eliminate_cross_join` before `push_down_filter`, which would otherwise push
    ///   conjuncts into a cross-join order chosen by the query text;
    /// - `eliminate_outer_join` before `push_down_filter`, which can then push into both sides;
    /// - `push_down_limit` after `push_down_filter`: filters can't be pushed past limits;
    /// - `window_topk_per_partition` after `push_down_filter`, which brings a row-number
    ///   filter over a subquery down onto its window, and after `collapse_window`, so the
    ///   calls of one sort share the limit;
    /// - `filter_aggregate_by_join_keys` after `scalar_subquery_to_join` (whose joins on
    ///   group keys it filters) and `push_down_filter` (so the filters that make a key input
    ///   small are on its scan), before `push_down_semi_join`, which moves the semi join it
    ///   adds into the aggregate input's inner joins;
    /// - `push_down_semi_join` after `push_down_filter` (which places the semi joins
    ///   decorrelation made) and before `cost_based_join_order`, which then orders the
    ///   inner joins around the reduced side;
    /// - `cost_based_join_order` after `push_down_filter`, so its estimates see the filters;
    /// - `optimize_projections` once the plan's shape has settled;
    /// - `share_repeated_subplans` last: it compares the uses of a CTE as they are read, so
    ///   after their filters are pushed and their columns pruned.
    public static let all: [any OptimizerRule] = [
        SimplifyExpressions(),
        EliminateFilter(),
        EliminateLimit(),
        RewriteDisjunctivePredicate(),
        DecorrelatePredicateSubquery(),
        ScalarSubqueryToJoin(),
        EliminateCrossJoin(),
        EliminateOuterJoin(),
        PushDownFilter(),
        CollapseWindow(),
        WindowTopKPerPartition(),
        PushDownLimit(),
        FilterAggregateByJoinKeys(),
        PushDownSemiJoin(),
        CostBasedJoinOrder(),
        PropagateEmptyRelation(),
        SingleDistinctToGroupBy(),
        CommonSubexprEliminate(),
        OptimizeProjections(),
        ShareRepeatedSubplans(),
    ]

    public static let packs: [Rulepack] = [
        Rulepack(name: "default", summary: "every rule, in the default order", rules: all),
        Rulepack(name: "none", summary: "no rules: the plan as bound", rules: []),
        Rulepack(name: "pushdown", summary: "only moves filters, limits and column lists towards the data",
                 rules: all.filter { ["push_down_filter", "push_down_limit", "optimize_projections"].contains($0.name) }),
    ]

    public static func named(_ name: String) -> Rulepack? { packs.first { $0.name == name } }
    public static var allRuleNames: [String] { all.map(\.name) }

    /// SHA-256 over the rule names, their order and parameters, and the disabled rules.
    public func fingerprint(disabled: Set<String> = []) -> Fingerprint {
        Fingerprint(of: .object([
            ("rulepack", .string(name)),
            ("rules", .array(rules.map { r in
                .object([("name", .string(r.name)),
                         ("parameters", .object(r.parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                         ("enabled", .bool(!disabled.contains(r.name)))])
            })),
        ]))
    }

    public var optimizer: Optimizer { Optimizer(rules: rules) }
}
