import PlanCore

/// Below a window: a conjunct that reads only columns every call partitions by keeps or
/// drops whole partitions, and a partition's rows never see another's, so it can filter
/// the rows before the window (as DataFusion and Spark push partition-key filters).
extension FilterPush {
    func through(_ w: Window) throws(PlanError) -> Transformed<LogicalPlan>? {
        var keys: Set<Column>?
        for call in w.calls {
            let columns = Set(call.partitionBy.compactMap { if case .column(let c) = $0.unaliased { c } else { nil } })
            keys = keys.map { $0.intersection(columns) } ?? columns
        }
        guard let keys, !keys.isEmpty else { return nil }
        var down: [Expr] = [], stay = fixed
        for c in movable {
            if !c.columnRefs.isEmpty, c.columnRefs.allSatisfy(keys.contains) { down.append(c) } else { stay.append(c) }
        }
        if down.isEmpty { return nil }
        return try above(.window(try Window(w.windowExprs, input: try Self.filtered(w.input, down), partitionLimit: w.partitionLimit)), stay)
    }
}
