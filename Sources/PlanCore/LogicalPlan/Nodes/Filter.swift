/// Keeps the rows for which `predicate` is true.
public struct Filter: Hashable, Sendable {
    public let predicate: Expr
    public let input: LogicalPlan

    public init(_ predicate: Expr, input: LogicalPlan) throws(PlanError) {
        let t = try predicate.dataType(in: input.schema)
        guard t == .boolean || t == .null else {
            throw PlanError(.typeMismatch, "filter predicate must be boolean, got \(t.sqlName)")
        }
        self.predicate = predicate
        self.input = input
    }
}
