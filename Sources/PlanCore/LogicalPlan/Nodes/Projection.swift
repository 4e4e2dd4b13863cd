/// Computes one output column per expression.
public struct Projection: Hashable, Sendable {
    public let exprs: [Expr]
    public let input: LogicalPlan
    public let schema: Schema

    public init(_ exprs: [Expr], input: LogicalPlan) throws(PlanError) {
        self.exprs = exprs
        self.input = input
        schema = Schema(try exprs.map { (e: Expr) throws(PlanError) -> Field in try e.outputField(in: input.schema) })
    }
}

extension Expr {
    /// The field an expression produces as a projection or aggregate output: a column
    /// keeps its qualifier and name, an alias names it, anything else is named after its
    /// display text (as DataFusion does).
    public func outputField(in schema: Schema) throws(PlanError) -> Field {
        let type = try dataType(in: schema)
        let nullable = self.nullable(in: schema)
        switch self {
        case .column(let c):
            if let f = schema.field(for: c) { return f }
            return Field(qualifier: c.relation, name: c.name, dataType: type, nullable: nullable)
        case .alias(_, let name):
            return Field(name: name, dataType: type, nullable: nullable)
        default:
            return Field(name: description, dataType: type, nullable: nullable)
        }
    }
}
