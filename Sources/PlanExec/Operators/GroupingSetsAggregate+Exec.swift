import PlanCore

/// Grouping sets run as one hash aggregate per set over the same input (each parallel as
/// any aggregate is, DISTINCT and FILTER included), the keys outside the set NULL and the
/// set's `__grouping_id` a literal, the sets' rows appended in the order written.
extension GroupingSetsAggregate: ExecutableLogicalNode {
    public func lowered() throws(PlanError) -> LogicalPlan {
        var branches: [LogicalPlan] = []
        for set in sets {
            let aggregate = try Aggregate(groupBy: set.map { keys[$0] }, aggregates: aggregates, input: input)
            var exprs: [Expr] = []
            for (i, field) in schema.fields.prefix(keys.count).enumerated() {
                if let k = set.firstIndex(of: i) {
                    exprs.append(Expr.column(aggregate.schema.fields[k].column).alias(field.name))
                } else {
                    exprs.append(Expr.cast(.literal(.null), field.dataType).alias(field.name))
                }
            }
            for (j, field) in schema.fields.dropFirst(keys.count).prefix(aggregates.count).enumerated() {
                exprs.append(Expr.column(aggregate.schema.fields[set.count + j].column).alias(field.name))
            }
            exprs.append(Expr.literal(.int64(groupingId(of: set))).alias(Self.groupingIdName))
            branches.append(.projection(try Projection(exprs, input: .aggregate(aggregate))))
        }
        var plan = branches[0]
        for b in branches.dropFirst() { plan = .setOperation(try SetOperation(.union, all: true, left: plan, right: b)) }
        return plan
    }
}
