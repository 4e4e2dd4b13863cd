import PlanCore

extension Binder {
    /// `FETCH FIRST n ROWS WITH TIES` over the query's sorted rows: a ``LimitWithTies``
    /// directly over the Sort (below the Projection that drops ORDER BY columns not
    /// selected, so the ties are judged on every ORDER BY key). Without ORDER BY,
    /// PostgreSQL's error.
    func limitWithTies(skip: Int, fetch: Int, over plan: LogicalPlan, query: Query) throws(PlanError) -> LogicalPlan {
        let noOrder = PlanError(.invalidPlan, "WITH TIES cannot be specified without ORDER BY clause", at: query.limit?.span ?? query.span)
        switch plan {
        case .sort(let sort):
            return .extension(Extension(try LimitWithTies(skip: skip, fetch: fetch, orderBy: sort.exprs, input: plan)))
        case .projection(let p):
            guard case .sort(let sort) = p.input else { throw noOrder }
            let ties = LogicalPlan.extension(Extension(try LimitWithTies(skip: skip, fetch: fetch, orderBy: sort.exprs, input: p.input)))
            return .projection(try Projection(p.exprs, input: ties))
        default:
            throw noOrder
        }
    }
}
