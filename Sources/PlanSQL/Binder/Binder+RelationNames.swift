import PlanCore

extension Binder {
    /// The catalog's name for the relation `name` refers to, or — when there is none —
    /// the name as written, for a relation about to be made or an error to name.
    ///
    /// Relation names keep their case, as column names do: a quoted name matches exactly;
    /// an unquoted one matches in any case (its exact spelling first), and two relations
    /// it could name are an error listing both. So `CREATE TABLE Sales` makes `Sales`,
    /// which `sales`, `SALES` and `"Sales"` all reach (a stated difference from
    /// PostgreSQL, which folds unquoted names to lower case).
    func catalogName(_ name: ObjectName) throws(PlanError) -> String {
        guard let ident = name.last else { return name.normalized }
        let written = ident.value
        if ident.quoted { return written }
        let folded = written.lowercased()
        let matches = catalog.relationNames(foldingTo: folded)
        if matches.contains(written) { return written }
        if matches.count > 1 {
            if matches.contains(folded) { return folded }
            throw PlanError(.ambiguousName, "relation name '\(written)' is ambiguous: \(matches.map { "'\($0)'" }.joined(separator: ", ")) (quote the one you mean)",
                            at: name.span)
        }
        return matches.first ?? written
    }
}
