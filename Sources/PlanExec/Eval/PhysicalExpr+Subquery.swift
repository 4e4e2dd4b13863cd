import PlanCore

extension PhysicalExpr {
    /// EXISTS, IN (subquery) and scalar subqueries. Uncorrelated ones run once; correlated
    /// ones run once per distinct combination of outer values, with the outer values
    /// bound as literals into the subquery's plan. Results are kept in `cache`.
    func evaluateSubquery(_ expr: Expr, schema: Schema, probe probeExpr: PhysicalExpr?, _ batch: RecordBatch,
                          cache: inout SubqueryCache) throws -> ColumnVector {
        let subquery: Subquery
        var probe: ColumnVector?
        switch expr {
        case .exists(let s, _), .scalarSubquery(let s): subquery = s
        case .inSubquery(_, let s, _):
            subquery = s
            probe = try probeExpr?.evaluate(batch, cache: &cache)
        default: throw PlanError(.execution, "not a subquery: \(expr)")
        }
        let refs = subquery.outerReferences.compactMap { c in schema.index(of: c).map { (c, $0) } }
        var b = ColumnBuilder(dataType, capacity: batch.rowCount)
        for row in 0..<batch.rowCount {
            try context.checkCancelled()
            let key = refs.map { batch.columns[$0.1].value(row) }
            let result: SubqueryResult
            if let cached = cache.result(self, key) {
                result = cached
            } else {
                result = try subqueryResult(expr, subquery, refs: refs, key: key)
                cache.store(result, self, key)
            }
            switch expr {
            case .inSubquery(_, _, let negated):
                let x = probe?.value(row) ?? .null
                guard case .values(let set, let hasNull, let count) = result else { break }
                if count == 0 { b.append(.boolean(negated)); continue }
                if x.isNull { b.appendNull(); continue }
                if set.contains(PhysicalExpr.normalizeKey(x)) || set.contains(where: { ScalarOps.compare($0, x) == 0 }) {
                    b.append(.boolean(!negated))
                } else if hasNull {
                    b.appendNull()
                } else {
                    b.append(.boolean(negated))
                }
            case .exists(_, let negated):
                guard case .values(_, _, let count) = result else { break }
                b.append(.boolean((count > 0) != negated))
            default:
                guard case .scalar(let v) = result else { break }
                b.append(try ScalarOps.cast(v, to: dataType))
            }
        }
        return b.finish()
    }

    enum SubqueryResult: Sendable {
        case scalar(ScalarValue)
        case values(Set<ScalarValue>, hasNull: Bool, count: Int)
    }

    /// Runs the subquery with the outer values `key` bound.
    private func subqueryResult(_ expr: Expr, _ subquery: Subquery, refs: [(Column, Int)], key: [ScalarValue]) throws -> SubqueryResult {
        var plan = subquery.plan
        if !refs.isEmpty {
            plan = try context.withMaterializedScans(plan)
            var bindings: [Column: ScalarValue] = [:]
            for (i, (c, _)) in refs.enumerated() { bindings[c] = key[i] }
            plan = try plan.transformAllExpressions { (e: Expr) throws(PlanError) -> Expr in
                if case .outerColumn(let c, let t) = e, let v = bindings[c] {
                    return v.isNull ? .cast(.literal(.null), t) : .literal(v)
                }
                return e
            }
        }
        if case .exists = expr { plan = .limit(Limit(fetch: 1, input: plan)) }
        let batches = try context.run(plan)
        let result: SubqueryResult
        switch expr {
        case .scalarSubquery:
            let rows = batches.reduce(0) { $0 + $1.rowCount }
            if rows > 1 { throw PlanError(.execution, "more than one row returned by a subquery used as an expression") }
            let v = batches.first(where: { $0.rowCount > 0 }).map { $0.columns[0].value(0) } ?? .null
            result = .scalar(v)
        default:
            var set = Set<ScalarValue>()
            var hasNull = false
            var count = 0
            for b in batches {
                count += b.rowCount
                if case .inSubquery = expr {
                    for i in 0..<b.rowCount {
                        let v = b.columns[0].value(i)
                        if v.isNull { hasNull = true } else { set.insert(PhysicalExpr.normalizeKey(v)) }
                    }
                }
            }
            result = .values(set, hasNull: hasNull, count: count)
        }
        return result
    }
}
