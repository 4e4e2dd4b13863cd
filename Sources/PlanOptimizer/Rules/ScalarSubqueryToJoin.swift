import PlanCore

/// Rewrites a correlated scalar subquery in a filter into a left join with an aggregate
/// grouped by the correlation keys, so it runs once instead of once per row.
///
///     Filter: l.q < (<subquery>)                 Projection: <the filter's input columns>
///       Subquery:                                  Filter: l.q < __scalar_sq_1.__value
///         Projection: Float64(0.2) * avg(x.q)  ──►   Left Join: p.k = __scalar_sq_1.__key_0
///           Aggregate: groupBy=[[]], …                 …(the filter's input)
///             Filter: x.k = outer_ref(p.k)             SubqueryAlias: __scalar_sq_1
///               TableScan: x                             Projection: x.k AS __key_0, … AS __value
///                                                          Aggregate: groupBy=[[x.k]], …
///
/// Only equality correlations in the subquery's top filter are handled, and a `count`
/// result is wrapped in `coalesce(…, 0)` (no matching rows means 0, not NULL).
public struct ScalarSubqueryToJoin: OptimizerRule {
    public let name = "scalar_subquery_to_join"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .filter(let filter) = plan else { return .no(plan) }
        var found: (Subquery, LogicalPlan, Expr)?
        filter.predicate.visit { e in
            if found != nil { return .stop }
            if case .scalarSubquery(let s) = e, s.isCorrelated,
               let (right, value) = try? convert(s, leftSchema: filter.input.schema, index: Self.nextIndex(filter.input)) {
                found = (s, right, value)
                return .stop
            }
            return .continue
        }
        guard let (subquery, right, replacement) = found, case .subqueryAlias(let alias) = right else { return .no(plan) }
        // Keys: outer expressions = the alias's key columns.
        var keys: [JoinKey] = []
        for (i, outer) in Self.outerKeys(subquery).enumerated() {
            keys.append(JoinKey(outer, .column(Column(relation: alias.alias, name: "__key_\(i)"))))
        }
        let join = LogicalPlan.join(try Join(left: filter.input, right: right, joinType: .left, on: keys))
        let predicate = try filter.predicate.transformDown { (e: Expr) throws(PlanError) -> Transformed<Expr> in
            if case .scalarSubquery(let s) = e, s == subquery { return Transformed(replacement, changed: true, recursion: .jump) }
            return .no(e)
        }.value
        let filtered = LogicalPlan.filter(try Filter(predicate, input: join))
        return .yes(.projection(try Projection(filter.input.outputColumns, input: filtered)))
    }

    static func nextIndex(_ input: LogicalPlan) -> Int {
        var n = 1
        while input.schema.fields.contains(where: { $0.qualifier == "__scalar_sq_\(n)" }) { n += 1 }
        return n
    }

    /// The outer sides of the correlation equalities, as plain columns, in order.
    static func outerKeys(_ s: Subquery) -> [Expr] {
        guard case .projection(let p) = s.plan, case .aggregate(let a) = p.input, case .filter(let f) = a.input else { return [] }
        return f.predicate.conjuncts.compactMap { c -> Expr? in
            guard c.isCorrelated, case .binary(let l, .eq, let r) = c else { return nil }
            return (l.isCorrelated ? l : r).outerReferencesAsColumns()
        }
    }

    /// The aliased aggregate relation and the expression that replaces the subquery.
    func convert(_ s: Subquery, leftSchema: Schema, index: Int) throws(PlanError) -> (LogicalPlan, Expr) {
        guard case .projection(let p) = s.plan, p.exprs.count == 1, case .aggregate(let a) = p.input, a.groupBy.isEmpty,
              case .filter(let f) = a.input else { throw PlanError(.unsupported, "shape") }
        var innerKeys: [Expr] = []
        var keep: [Expr] = []
        for c in f.predicate.conjuncts {
            guard c.isCorrelated else { keep.append(c); continue }
            guard case .binary(let l, .eq, let r) = c, l.isCorrelated != r.isCorrelated else { throw PlanError(.unsupported, "non-equality correlation") }
            let (outer, inner) = l.isCorrelated ? (l, r) : (r, l)
            guard !inner.columnRefs.isEmpty, inner.isBound(by: f.input.schema),
                  outer.outerReferencesAsColumns().isBound(by: leftSchema) else { throw PlanError(.unsupported, "keys") }
            innerKeys.append(inner)
        }
        guard !innerKeys.isEmpty else { throw PlanError(.unsupported, "no keys") }
        var body = f.input
        if let k = Expr.conjunction(keep) { body = .filter(try Filter(k, input: body)) }
        guard body.escapingOuterReferences.isEmpty else { throw PlanError(.unsupported, "deeper correlation") }
        // count() (and approx_distinct()) of no rows is 0, which a left join would turn into NULL.
        var value = p.exprs[0].unaliased
        let counts = a.aggregates.enumerated().filter {
            if case .aggregate(let call) = $0.element.unaliased { return call.function.isCount }
            return false
        }.map { a.schema.fields[$0.offset].column }
        let usesCount = value.columnRefs.contains { counts.contains($0) }
        if usesCount {
            guard case .column = value else { throw PlanError(.unsupported, "expression over count") }
        }
        let grouped = LogicalPlan.aggregate(try Aggregate(groupBy: innerKeys, aggregates: a.aggregates, input: body))
        var outputs: [Expr] = []
        for i in innerKeys.indices {
            outputs.append(Expr.column(grouped.schema.fields[i].column).alias("__key_\(i)"))
        }
        // The value expression reads aggregate outputs by name; the new aggregate keeps them.
        outputs.append(value.alias("__value"))
        let alias = "__scalar_sq_\(index)"
        let right = LogicalPlan.subqueryAlias(SubqueryAlias(alias, input: .projection(try Projection(outputs, input: grouped))))
        value = .column(Column(relation: alias, name: "__value"))
        if usesCount { value = .scalarFunction(.coalesce, [value, .literal(.int64(0))]) }
        return (right, value)
    }
}
