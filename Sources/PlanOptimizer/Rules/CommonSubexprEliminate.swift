import PlanCore

/// Computes a subexpression that an aggregate's calls repeat once, in a projection below
/// it (a projection's own repeats are left alone: see its fixture):
///
///     Aggregate: aggr=[[sum(l.p * (1 - l.d)), sum(l.p * (1 - l.d) * (1 + l.t))]]
///       TableScan: l
///                       ──►
///     Aggregate: aggr=[[sum(__common_expr_1) AS sum(l.p * (1 - l.d)), sum(__common_expr_1 * (1 + l.t)) AS …]]
///       Projection: l.p, l.d, l.t, …, l.p * (1 - l.d) AS __common_expr_1
///         TableScan: l
///
/// Expressions under CASE, AND, OR or coalesce are not hoisted (they may never be
/// evaluated for some rows, and hoisting could raise their errors). Output names are kept.
public struct CommonSubexprEliminate: OptimizerRule {
    public let name = "common_sub_expression_eliminate"
    public init() {}

    /// What a subtree holds, gathered bottom-up once (asking each node about its whole
    /// subtree would make a long chain quadratic).
    private struct Facts {
        var outer = false, aggregate = false, subquery = false, columns = false
        var size = 1
        mutating func add(_ o: Facts) {
            outer = outer || o.outer; aggregate = aggregate || o.aggregate
            subquery = subquery || o.subquery; columns = columns || o.columns
            size += o.size
        }
        static func of(_ e: Expr) -> Facts {
            Facts(outer: e.isCorrelated, aggregate: e.containsAggregate, subquery: e.containsSubquery,
                  columns: !e.columnRefs.isEmpty, size: 1)
        }
    }

    /// Subexpressions larger than this are not candidates (hashing every node of a long
    /// chain as a key would be quadratic; sharing one that large is rare).
    static let largestCandidate = 256

    /// Subexpressions worth sharing, counted, in first-seen order.
    static func count(_ exprs: [Expr]) -> [(Expr, Int)] {
        var order: [Expr] = []
        var counts: [Expr: Int] = [:]
        func walk(_ e: Expr) -> Facts {
            switch e {
            case .caseWhen, .logical, .scalarFunction(.coalesce, _), .exists, .inSubquery, .scalarSubquery:
                return Facts.of(e)
            case .column: return Facts(columns: true)
            case .outerColumn: return Facts(outer: true)
            case .literal: return Facts()
            case .aggregate(let call):
                var facts = Facts(aggregate: true)
                for x in call.args { facts.add(walk(x)) }
                if let f = call.filter { facts.add(Facts.of(f)) }
                return facts
            case .alias(let x, _):
                return walk(x)
            default:
                var facts = Facts()
                for child in e.children { facts.add(walk(child)) }
                if !facts.outer && !facts.aggregate && !facts.subquery && facts.columns && facts.size <= largestCandidate {
                    if counts[e] == nil { order.append(e) }
                    counts[e, default: 0] += 1
                }
                return facts
            }
        }
        for e in exprs { _ = walk(e) }
        let repeated = order.filter { (counts[$0] ?? 0) >= 2 }
        // Drop a candidate that only ever occurs inside a larger repeated one.
        return repeated.filter { c in
            !repeated.contains { other in other != c && (counts[other] ?? 0) >= (counts[c] ?? 0) && other.contains { $0 == c } }
        }.map { ($0, counts[$0] ?? 0) }
    }

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .aggregate(let a) = plan else { return .no(plan) }
        let candidates = Self.count(a.aggregates)
        if candidates.isEmpty { return .no(plan) }
        var n = 1
        var map: [Expr: Expr] = [:]
        var extra: [Expr] = []
        for (c, _) in candidates {
            while a.input.schema.fields.contains(where: { $0.name == "__common_expr_\(n)" }) { n += 1 }
            let name = "__common_expr_\(n)"
            map[c] = .column(Column(name: name))
            extra.append(c.alias(name))
            n += 1
        }
        let below = LogicalPlan.projection(try Projection(a.input.outputColumns + extra, input: a.input))
        var aggregates: [Expr] = []
        for (i, e) in a.aggregates.enumerated() {
            let replaced = try e.transformDown { (x: Expr) throws(PlanError) -> Transformed<Expr> in
                if let r = map[x] { return Transformed(r, changed: true, recursion: .jump) }
                return .no(x)
            }.value
            aggregates.append(replaced == e ? e : replaced.alias(a.schema.fields[a.groupBy.count + i].name))
        }
        return .yes(.aggregate(try Aggregate(groupBy: a.groupBy, aggregates: aggregates, input: below)))
    }
}
