import PlanCore

/// The names visible while binding one query block's expressions.
struct Scope {
    var schema: Schema
    /// Columns a `*` does not expand to (the right side of a USING join).
    var hidden: Set<Column> = []
    /// Unqualified names merged by USING/NATURAL joins, and what they read.
    var merged: [String: Expr] = [:]

    init(schema: Schema) { self.schema = schema }

    /// What an unqualified name merged by USING/NATURAL reads, if the name refers to one.
    func merged(_ name: NameReference) -> Expr? {
        if let e = merged[name.text] { return e }
        return merged.first { name.matches($0.key) }?.value
    }
}

/// One level of correlation: the enclosing query's scope and the outer columns the
/// subquery ended up reading.
final class OuterScope {
    let scope: Scope
    var references: [Column] = []
    init(scope: Scope) { self.scope = scope }
}
