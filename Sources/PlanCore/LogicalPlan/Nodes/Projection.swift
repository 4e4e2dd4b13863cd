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
    /// `exprs` with an alias on each expression whose output name repeats that of an
    /// earlier, different expression (`(<subquery>)` twice, `x` as two aliases), so that
    /// every output column has its own name and is never confused with another one that
    /// displays alike. The alias is `name#2`, shown to people as `name`.
    public static func distinctlyNamed(_ exprs: [Expr], in schema: Schema) throws(PlanError) -> [Expr] {
        var out = exprs
        var earlier: [(field: Field, expr: Expr)] = []
        var taken = Set<String>()
        for (i, e) in exprs.enumerated() {
            let field = try e.outputField(in: schema)
            // Same name, and the qualifiers cannot tell them apart (equal, or one missing).
            let clash = earlier.first {
                $0.field.name == field.name && ($0.field.qualifier == field.qualifier || $0.field.qualifier == nil || field.qualifier == nil)
            }
            taken.insert(field.name)
            guard let clash, clash.expr != e.unaliased else {
                earlier.append((field, e.unaliased))
                continue
            }
            let name = Field.distinctName(field.name, avoiding: taken)
            out[i] = e.unaliased.alias(name)
            taken.insert(name)
            earlier.append((Field(name: name, dataType: field.dataType), e.unaliased))
        }
        return out
    }

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
            var field = Field(name: description, dataType: type, nullable: nullable)
            field.label = postgresName
            return field
        }
    }

    /// The column name PostgreSQL gives an unaliased select-list expression: a column's
    /// name, a function's name (`count`, `upper`), a cast's operand's or type's name,
    /// `case`, else `?column?`.
    public var postgresName: String {
        switch self {
        case .column(let c), .outerColumn(let c, _): return c.name
        case .alias(_, let name): return name
        case .scalarFunction(let f, _): return f.rawValue
        case .aggregate(let call): return call.function.rawValue
        case .window(let w): return w.function.name
        case .cast(let e, let t):
            if case .literal = e { return t.sqlName.lowercased().split(separator: "(").first.map(String.init) ?? "?column?" }
            return e.postgresName
        case .caseWhen: return "case"
        default: return "?column?"
        }
    }
}
