import PlanCore

/// Into a table scan, as its provider classifies each conjunct: every offered conjunct is
/// recorded with its answer (the contract report lists them all); only exact ones leave
/// the Filter above, inexact ones stay in both places, unsupported ones stay above.
extension FilterPush {
    func into(_ t: TableScan) throws(PlanError) -> Transformed<LogicalPlan>? {
        let offered = movable.filter { f in !t.filters.contains { $0.expr == f } }
        if offered.isEmpty { return nil }
        let answers = t.source.source?.supportsFiltersPushdown(offered.map(\.unqualifiedColumns)) ?? offered.map { _ in .unsupported }
        var scanFilters = t.filters
        var stay = fixed
        for (f, answer) in zip(offered, answers) {
            scanFilters.append(ScanFilter(f, answer))
            if answer != .exact { stay.append(f) }
        }
        if scanFilters == t.filters { return nil }
        let scan = try TableScan(tableName: t.tableName, sourceSchema: Schema(t.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                 source: t.source.source, projection: t.projection, filters: scanFilters, fetch: t.fetch)
        let alreadyInexact = movable.filter { f in t.filters.contains { $0.expr == f && $0.pushdown != .exact } && !stay.contains(f) }
        return try above(.tableScan(scan), stay + alreadyInexact)
    }
}
