/// Groups rows by `groupBy` and computes `aggregates` per group. Output: the group
/// columns, then one column per aggregate.
public struct Aggregate: Hashable, Sendable {
    public let groupBy: [Expr]
    public let aggregates: [Expr]
    public let input: LogicalPlan
    public let schema: Schema

    public init(groupBy: [Expr], aggregates: [Expr], input: LogicalPlan) throws(PlanError) {
        for a in aggregates {
            guard case .aggregate = a.unaliased else {
                throw PlanError(.invalidPlan, "aggregate expression expected, got \(a)")
            }
        }
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.input = input
        var fields: [Field] = []
        for e in groupBy + aggregates { fields.append(try e.outputField(in: input.schema)) }
        // Group keys or aggregates that display alike (`(<subquery>) + t.a` twice) keep apart as `name#2`.
        schema = Schema(fields).withDistinctNames()
    }
}
