/// The ordered fields a plan node produces.
public struct Schema: Hashable, Sendable, Codable {
    public var fields: [Field]

    public init(_ fields: [Field]) { self.fields = fields }
    public static let empty = Schema([])

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }
    /// `qualifier.name` of every field.
    public var qualifiedNames: Set<String> { Set(fields.map(\.qualifiedName)) }

    /// Every field re-qualified with `qualifier` (what `FROM t AS x` does).
    public func qualified(by qualifier: String?) -> Schema {
        Schema(fields.map { $0.withQualifier(qualifier) })
    }

    /// The fields of `self` followed by those of `other` (a join's output).
    public func joined(with other: Schema) -> Schema { Schema(fields + other.fields) }

    /// Fields whose qualified names repeat an earlier field's renamed `name#2`, `name#3` …
    /// so every column can be told apart by name.
    public func withDistinctNames() -> Schema {
        var seen = Set<String>()
        var out = fields
        for i in out.indices {
            if seen.contains(out[i].qualifiedName) {
                let taken = Set(out.filter { $0.qualifier == out[i].qualifier }.map(\.name))
                out[i].name = Field.distinctName(out[i].name, avoiding: taken)
            }
            seen.insert(out[i].qualifiedName)
        }
        return Schema(out)
    }

    /// Names as people see them (``Field/displayName``).
    public var displayNames: [String] { fields.map(\.displayName) }

    /// Every field made nullable (the outer side of an outer join).
    public func allNullable() -> Schema {
        Schema(fields.map { var f = $0; f.nullable = true; return f })
    }

    /// The outcome of looking a column up by qualifier and name.
    public enum Lookup: Equatable, Sendable {
        case found(Int)
        case notFound
        case ambiguous([String])
    }

    /// Finds the field a column names (names exactly as stored: a bound column). An
    /// unqualified name matches any qualifier; several matches make it ambiguous.
    public func lookup(_ column: Column) -> Lookup {
        // The planner's hot path (every rule asks where columns are): one pass comparing
        // names in place, no Field copied; several matches go the general way.
        var found = -1
        var several = false
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices where fields[i].name == column.name {
                if let relation = column.relation, fields[i].qualifier != relation { continue }
                if found >= 0 { several = true; return }
                found = i
            }
        }
        if several {
            return lookup(NameReference(column.name, exact: true), relation: column.relation.map { NameReference($0, exact: true) })
        }
        return found >= 0 ? .found(found) : .notFound
    }

    /// Finds the field a name written in a query refers to: an unquoted name (or
    /// qualifier) matches in any case, a quoted one exactly. Two fields the name matches
    /// (`a` and `A` for an unquoted `a`) make it ambiguous, listing both.
    public func lookup(_ name: NameReference, relation: NameReference?) -> Lookup {
        var matches: [Int] = []
        for (i, field) in fields.enumerated() where name.matches(field.name) {
            if let relation, !(field.qualifier.map(relation.matches) ?? false) { continue }
            matches.append(i)
        }
        if matches.count == 1 { return .found(matches[0]) }
        if matches.isEmpty { return .notFound }
        // The same qualified field twice (e.g. USING-merged) is still one column.
        let distinctNames = Set(matches.map { fields[$0].qualifiedName })
        if distinctNames.count == 1 { return .found(matches[0]) }
        return .ambiguous(matches.map { fields[$0].qualifiedName }.sorted())
    }

    /// The index of the field `column` names, if it names exactly one.
    public func index(of column: Column) -> Int? {
        if case .found(let i) = lookup(column) { return i }
        return nil
    }

    public func field(for column: Column) -> Field? {
        index(of: column).map { fields[$0] }
    }
}

/// A name as a query writes it. Identifiers keep their case; an unquoted one refers to a
/// name in any case, a quoted one (`"UserName"`) only to that exact name.
public struct NameReference: Hashable, Sendable {
    public var text: String
    /// Quoted: matches only the same text.
    public var exact: Bool

    public init(_ text: String, exact: Bool) {
        self.text = text
        self.exact = exact
    }

    public func matches(_ name: String) -> Bool {
        exact ? name == text : name.lowercased() == text.lowercased()
    }
}
