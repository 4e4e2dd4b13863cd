import PlanCore

/// Into both inputs of UNION ALL, each conjunct with the output's columns mapped to that
/// input's.
extension FilterPush {
    func into(_ u: SetOperation) throws(PlanError) -> Transformed<LogicalPlan> {
        func mapped(_ side: LogicalPlan) -> [Expr] {
            var map: [Column: Expr] = [:]
            for (o, i) in zip(u.schema.fields, side.schema.fields) { map[o.column] = .column(i.column) }
            return movable.map { $0.replacingColumns(map) }
        }
        return try above(.setOperation(try SetOperation(.union, all: true, left: try Self.filtered(u.left, mapped(u.left)),
                                                        right: try Self.filtered(u.right, mapped(u.right)))), fixed)
    }
}
