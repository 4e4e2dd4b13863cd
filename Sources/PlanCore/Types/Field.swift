/// One column of a schema: an optional qualifier (table or alias), a name, a type and
/// whether it may hold NULL.
public struct Field: Hashable, Sendable, Codable {
    public var qualifier: String?
    public var name: String
    public var dataType: DataType
    public var nullable: Bool
    /// The name a result header shows for a column computed by an unaliased expression,
    /// as PostgreSQL names it (`count`, `?column?`); nil: the name itself.
    public var label: String?

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

    /// The name shown to people (result headers): the name without the `#N` that keeps
    /// two columns apart when they would otherwise share a name.
    public var displayName: String { label ?? Field.displayName(of: name) }

    /// `name` without a disambiguating `#N` suffix.
    public static func displayName(of name: String) -> String {
        guard let hash = name.lastIndex(of: "#"), hash != name.startIndex,
              name[name.index(after: hash)...].allSatisfy(\.isNumber), name.index(after: hash) != name.endIndex else { return name }
        return String(name[..<hash])
    }

    /// `base#2`, `base#3` …: the first name from `base` that `taken` does not hold.
    public static func distinctName(_ base: String, avoiding taken: Set<String>) -> String {
        var k = 2
        while taken.contains("\(base)#\(k)") { k += 1 }
        return "\(base)#\(k)"
    }

    /// The column expression that reads this field.
    public var column: Column { Column(relation: qualifier, name: name) }

    public func withQualifier(_ qualifier: String?) -> Field {
        var copy = self
        copy.qualifier = qualifier
        return copy
    }
}
