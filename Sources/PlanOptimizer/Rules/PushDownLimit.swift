import PlanCore

/// Moves row limits towards the data: into a Sort as a top-k fetch, below projections,
/// and into table scans as a fetch hint. The Limit itself stays where it was needed.
///
///     Limit: skip=0, fetch=10          Limit: skip=0, fetch=10
///       Sort: t.a ASC NULLS LAST  ──►    Sort: t.a ASC NULLS LAST, fetch=10
public struct PushDownLimit: OptimizerRule {
    public let name = "push_down_limit"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .limit(let l) = plan, let fetch = l.fetch, let wanted = l.rowsNeeded else { return .no(plan) }
        switch l.input {
        case .sort(let s):
            if let f = s.fetch, f <= wanted { return .no(plan) }
            return .yes(.limit(Limit(skip: l.skip, fetch: fetch, input: .sort(try Sort(s.exprs, input: s.input, fetch: wanted)))))
        case .projection(let p):
            if case .limit = p.input { return .no(plan) }
            return .yes(.projection(try Projection(p.exprs, input: .limit(Limit(skip: l.skip, fetch: fetch, input: p.input)))))
        case .tableScan(let t):
            if let f = t.fetch, f <= wanted { return .no(plan) }
            if !t.filters.isEmpty { return .no(plan) }
            let scan = try TableScan(tableName: t.tableName, sourceSchema: Schema(t.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                     source: t.source.source, projection: t.projection, filters: t.filters, fetch: wanted)
            return .yes(.limit(Limit(skip: l.skip, fetch: fetch, input: .tableScan(scan))))
        case .limit(let inner):
            // Two limits: one with the combined skip and the smaller fetch.
            // Saturating: a skip past Int.max rows skips everything, as any skip past the end.
            let skip = Limit.saturatingSum(inner.skip, l.skip)
            let innerRemaining = inner.fetch.map { max(0, $0 - l.skip) }  // safe: both ≥ 0
            let combined = innerRemaining.map { min($0, fetch) } ?? fetch
            return .yes(.limit(Limit(skip: skip, fetch: combined, input: inner.input)))
        case .extension(let e):
            // Into the inputs a user-defined node says a limit bounds (a LEFT interval_align:
            // each left row gives at least one row, so `wanted` left rows are enough).
            let limits = e.node.inputLimits(forRows: wanted)
            guard limits.count == e.node.inputs.count else { return .no(plan) }
            var changed = false
            let inputs = zip(e.node.inputs, limits).map { input, limit -> LogicalPlan in
                guard let limit else { return input }
                if case .limit(let inner) = input, inner.skip == 0, let f = inner.fetch, f <= limit { return input }
                changed = true
                return .limit(Limit(skip: 0, fetch: limit, input: input))
            }
            guard changed else { return .no(plan) }
            return .yes(.limit(Limit(skip: l.skip, fetch: fetch, input: .extension(Extension(try e.node.withInputs(inputs))))))
        default:
            return .no(plan)
        }
    }
}
