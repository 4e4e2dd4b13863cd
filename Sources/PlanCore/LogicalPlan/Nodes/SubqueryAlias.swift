/// Renames a relation: every output field is re-qualified with `alias`.
public struct SubqueryAlias: Hashable, Sendable {
    public let alias: String
    public let input: LogicalPlan
    public let schema: Schema

    public init(_ alias: String, input: LogicalPlan) {
        self.alias = alias
        self.input = input
        // Two input columns that become the same `alias.name` keep apart as `name#2`.
        schema = input.schema.qualified(by: alias).withDistinctNames()
    }
}

/// Literal rows (`VALUES (1, 'a'), (2, 'b')`). Columns are named `column1`, `column2`…
public struct Values: Hashable, Sendable {
    public let rows: [[Expr]]
    public let schema: Schema

    public init(rows: [[Expr]]) throws(PlanError) {
        guard let width = rows.first?.count, width > 0 else {
            throw PlanError(.invalidPlan, "VALUES needs at least one row with at least one column")
        }
        var types = Array(repeating: DataType.null, count: width)
        var nullable = Array(repeating: false, count: width)
        for (r, row) in rows.enumerated() {
            guard row.count == width else {
                throw PlanError(.invalidPlan, "VALUES lists must all be the same length (row \(r + 1) has \(row.count), expected \(width))")
            }
            for (i, e) in row.enumerated() {
                let t = try e.dataType(in: .empty)
                guard let c = DataType.commonType(types[i], t) else {
                    throw PlanError(.typeMismatch, "VALUES column \(i + 1) mixes \(types[i].sqlName) and \(t.sqlName)")
                }
                types[i] = c
                nullable[i] = nullable[i] || e.nullable(in: .empty)
            }
        }
        self.rows = rows
        schema = Schema((0..<width).map { Field(name: "column\($0 + 1)", dataType: types[$0], nullable: nullable[$0]) })
    }
}

/// No rows (or exactly one row with no columns, for `SELECT 1`).
public struct EmptyRelation: Hashable, Sendable {
    public let produceOneRow: Bool
    public let schema: Schema
    public init(produceOneRow: Bool, schema: Schema = .empty) {
        self.produceOneRow = produceOneRow
        self.schema = schema
    }
}
