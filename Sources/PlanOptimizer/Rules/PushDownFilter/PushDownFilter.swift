import PlanCore

/// Moves filter conjuncts as close to the data as they can go while keeping results:
///
///     Filter: t.a > Int64(1)                 Projection: t.a + Int64(1) AS b
///       Projection: t.a + Int64(1) AS b ──►    Filter: t.a > Int64(1)
///         TableScan: t                           TableScan: t
///
/// - through projections (column references replaced by the projected expressions),
///   aliases (qualifiers mapped), sorts and DISTINCT;
/// - below an aggregate when they read only group keys, below a window when they read
///   only columns every call partitions by;
/// - into join inputs: both sides of inner and cross joins, only the preserved side of
///   LEFT/RIGHT joins, never through FULL joins; equalities across a cross join turn it
///   into an inner join; single-side conjuncts of an inner join's ON move to that side,
///   and of an outer join's ON to its NULL-padded side (``JoinSides``);
/// - into both inputs of UNION ALL;
/// - into table scans as the provider classifies them: exact filters leave the Filter,
///   inexact ones stay in both places, unsupported ones stay above.
/// Conjuncts with subqueries stay where they are (decorrelation handles them).
///
/// This file is the dispatch; each node kind a filter moves through has its own file in
/// this folder (as DuckDB's `optimizer/pushdown/` has one per operator).
public struct PushDownFilter: OptimizerRule {
    public let name = "push_down_filter"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        switch plan {
        case .join(let j) where j.filter != nil: return try pushOnCondition(of: j)
        case .filter(let filter): return try push(FilterPush(filter), original: plan)
        default: return .no(plan)
        }
    }

    /// A Filter's conjuncts moved into (or through) its input, by the input's kind.
    func push(_ f: FilterPush, original plan: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> {
        if case .filter(let inner) = f.input { return try f.merge(into: inner).map(Transformed.yes) ?? .no(plan) }
        guard !f.movable.isEmpty else { return .no(plan) }
        switch f.input {
        case .projection(let p): return try f.through(p) ?? .no(plan)
        case .subqueryAlias(let a): return try f.through(a)
        case .sort(let s) where s.fetch == nil: return try f.through(s)
        case .distinct(let d): return try f.through(d)
        case .aggregate(let a): return try f.through(a) ?? .no(plan)
        case .window(let w): return try f.through(w) ?? .no(plan)
        case .crossJoin(let cj): return try f.into(cj) ?? .no(plan)
        case .join(let j): return try f.into(j) ?? .no(plan)
        case .setOperation(let u) where u.kind == .union && u.all: return try f.into(u)
        case .tableScan(let t): return try f.into(t) ?? .no(plan)
        case .extension(let ext): return try f.into(ext) ?? .no(plan)
        default: return .no(plan)
        }
    }
}

/// The conjuncts of one Filter on their way down: those that may move (no subquery, not
/// correlated) and those that stay where they are.
struct FilterPush {
    let input: LogicalPlan
    let conjuncts: [Expr]
    let movable: [Expr]
    let fixed: [Expr]

    init(_ filter: Filter) {
        input = filter.input
        conjuncts = filter.predicate.conjuncts
        movable = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated }
        fixed = conjuncts.filter { $0.containsSubquery || $0.isCorrelated }
    }

    /// `input` under a Filter of `rest` (none: `input` itself).
    func above(_ input: LogicalPlan, _ rest: [Expr]) throws(PlanError) -> Transformed<LogicalPlan> {
        guard let p = Expr.conjunction(rest) else { return .yes(input) }
        return .yes(.filter(try Filter(p, input: input)))
    }

    /// `input` filtered by `preds`, merged into a Filter already there without repeating a
    /// conjunct it has.
    static func filtered(_ input: LogicalPlan, _ preds: [Expr]) throws(PlanError) -> LogicalPlan {
        if case .filter(let existing) = input {
            let have = existing.predicate.conjuncts
            let extra = preds.filter { !have.contains($0) }
            guard let p = Expr.conjunction(have + extra), !extra.isEmpty else { return input }
            return .filter(try Filter(p, input: existing.input))
        }
        guard let p = Expr.conjunction(preds) else { return input }
        return .filter(try Filter(p, input: input))
    }

    /// A Filter over a Filter: one Filter with both's conjuncts (each once).
    func merge(into inner: Filter) throws(PlanError) -> LogicalPlan? {
        let have = inner.predicate.conjuncts
        let merged = have + conjuncts.filter { !have.contains($0) }
        guard let p = Expr.conjunction(merged) else { return nil }
        return .filter(try Filter(p, input: inner.input))
    }
}
