import PlanCore

/// Below an aggregate: a conjunct that reads only group keys filters whole groups, so it
/// can filter the rows before grouping (the keys replaced by their expressions).
extension FilterPush {
    func through(_ a: Aggregate) throws(PlanError) -> Transformed<LogicalPlan>? {
        var map: [Column: Expr] = [:]
        for (i, g) in a.groupBy.enumerated() { map[a.schema.fields[i].column] = g.unaliased }
        var down: [Expr] = [], stay = fixed
        for c in movable {
            if !c.columnRefs.isEmpty, c.columnRefs.allSatisfy({ map[$0] != nil }) { down.append(c.replacingColumns(map)) } else { stay.append(c) }
        }
        if down.isEmpty { return nil }
        return try above(.aggregate(try Aggregate(groupBy: a.groupBy, aggregates: a.aggregates,
                                                  input: try Self.filtered(a.input, down))), stay)
    }
}
