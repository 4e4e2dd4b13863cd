/// UNION, INTERSECT or EXCEPT, with or without ALL.
public struct SetOperation: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case union = "Union", intersect = "Intersect", except = "Except"
    }
    public let kind: Kind
    public let all: Bool
    public let left: LogicalPlan
    public let right: LogicalPlan
    /// The left input's names; each type is the common type of both sides.
    public let schema: Schema

    public init(_ kind: Kind, all: Bool, left: LogicalPlan, right: LogicalPlan) throws(PlanError) {
        let l = left.schema.fields, r = right.schema.fields
        guard l.count == r.count else {
            throw PlanError(.invalidPlan, "each \(kind.rawValue.uppercased()) query must have the same number of columns (\(l.count) vs \(r.count))")
        }
        var fields: [Field] = []
        for (a, b) in zip(l, r) {
            guard let t = DataType.commonType(a.dataType, b.dataType) else {
                throw PlanError(.typeMismatch, "\(kind.rawValue.uppercased()) types \(a.dataType.sqlName) and \(b.dataType.sqlName) cannot be matched (column \(a.name))")
            }
            fields.append(Field(qualifier: a.qualifier, name: a.name, dataType: t, nullable: a.nullable || b.nullable))
        }
        self.kind = kind
        self.all = all
        self.left = left
        self.right = right
        schema = Schema(fields)
    }
}
