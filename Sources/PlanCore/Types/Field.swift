/// One column of a schema: an optional qualifier (table or alias), a name, a type and
/// whether it may hold NULL.
public struct Field: Hashable, Sendable, Codable {
    public var qualifier: String?
    public var name: String
    public var dataType: DataType
    public var nullable: Bool

    public init(qualifier: String? = nil, name: String, dataType: DataType, nullable: Bool = true) {
        self.qualifier = qualifier
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
    }

    /// `qualifier.name`, or `name` when unqualified.
    public var qualifiedName: String {
        if let qualifier { return "\(qualifier).\(name)" }
        return name
    }

    /// The column expression that reads this field.
    public var column: Column { Column(relation: qualifier, name: name) }

    public func withQualifier(_ qualifier: String?) -> Field {
        var copy = self
        copy.qualifier = qualifier
        return copy
    }
}
