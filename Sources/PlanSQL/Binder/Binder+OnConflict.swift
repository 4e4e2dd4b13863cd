import PlanCore

extension Binder {
    /// A bound INSERT with its `ON CONFLICT … DO NOTHING`: the target's columns as
    /// positions in the table (whether they are a key of it is the table's to say).
    func withConflictAction(_ plan: LogicalPlan, _ onConflict: OnConflict?) throws(PlanError) -> LogicalPlan {
        guard let onConflict, case .dml(var dml) = plan else { return plan }
        var target: [Int] = []
        for c in onConflict.target {
            guard let i = try columnIndex(c, in: dml.tableSchema) else { throw unknownColumn(c.value, in: dml.tableSchema, at: c.span) }
            if !target.contains(i) { target.append(i) }
        }
        dml.onConflict = InsertConflict(target: target)
        return .dml(dml)
    }
}
