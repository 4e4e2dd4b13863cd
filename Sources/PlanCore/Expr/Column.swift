/// A reference to a column by optional relation (table or alias) and name.
public struct Column: Hashable, Sendable, Codable {
    public var relation: String?
    public var name: String

    public init(relation: String? = nil, name: String) {
        self.relation = relation
        self.name = name
    }

    /// `relation.name` or `name`.
    public var flatName: String {
        if let relation { return "\(relation).\(name)" }
        return name
    }
}

extension Column: CustomStringConvertible {
    public var description: String { flatName }
}
