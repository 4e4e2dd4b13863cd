/// `WITH RECURSIVE name AS (static UNION [ALL] recursive)`: the static term's rows seed a
/// work table; the recursive term runs over the previous iteration's rows (its
/// ``WorkTableScan`` of `name`) until an iteration yields none. With `UNION`
/// (`is_distinct=true`) a row already produced by any iteration is dropped, so a walk over
/// a cycle ends. Shown as DataFusion shows it: `RecursiveQuery: name=r, is_distinct=false`
/// over the static and the recursive term.
///
/// An extension node: rules that know nothing of it leave it alone, so filters and
/// projections above it stop there (a filter on the recursion's output must not reach the
/// seed: the rows it removes feed later iterations), and its terms keep every column.
public struct RecursiveQuery: UserDefinedLogicalNode, Hashable {
    /// The WITH query's name.
    public let queryName: String
    public let staticTerm: LogicalPlan
    public let recursiveTerm: LogicalPlan
    /// `UNION` rather than `UNION ALL`: rows are unique across every iteration.
    public let isDistinct: Bool
    public let schema: Schema

    /// Both terms must give the same number of columns of the same types (the binder casts
    /// the recursive term's columns to the static term's); the output takes the static
    /// term's names, unqualified, nullable where either term's column is.
    public init(name: String, staticTerm: LogicalPlan, recursiveTerm: LogicalPlan, isDistinct: Bool) throws(PlanError) {
        let s = staticTerm.schema.fields, r = recursiveTerm.schema.fields
        guard s.count == r.count else {
            throw PlanError(.invalidPlan, "recursive query '\(name)': its non-recursive term has \(s.count) columns, its recursive term \(r.count)")
        }
        for (i, (a, b)) in zip(s, r).enumerated() where a.dataType != b.dataType {
            throw PlanError(.typeMismatch, "recursive query '\(name)' column \(i + 1) has type \(a.dataType.sqlName) in its "
                            + "non-recursive term but type \(b.dataType.sqlName) in its recursive term")
        }
        queryName = name
        self.staticTerm = staticTerm
        self.recursiveTerm = recursiveTerm
        self.isDistinct = isDistinct
        schema = Schema(zip(s, r).map { a, b in
            Field(name: a.name, dataType: a.dataType, nullable: a.nullable || b.nullable)
        })
    }

    public var name: String { "RecursiveQuery" }
    public var detail: String { "name=\(queryName), is_distinct=\(isDistinct)" }
    public var inputs: [LogicalPlan] { [staticTerm, recursiveTerm] }
    public var expressions: [Expr] { [] }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == 2 else {
            throw PlanError(.invalidPlan, "RecursiveQuery rebuilt with \(inputs.count) inputs, expected 2")
        }
        let rebuilt = try RecursiveQuery(name: queryName, staticTerm: inputs[0], recursiveTerm: inputs[1], isDistinct: isDistinct)
        guard rebuilt.schema.fields.map(\.dataType) == schema.fields.map(\.dataType) else {
            throw PlanError(.invalidPlan, "RecursiveQuery '\(queryName)' rebuilt with other column types")
        }
        return RecursiveQuery(keeping: schema, of: rebuilt)
    }

    private init(keeping schema: Schema, of node: RecursiveQuery) {
        queryName = node.queryName
        staticTerm = node.staticTerm
        recursiveTerm = node.recursiveTerm
        isDistinct = node.isDistinct
        self.schema = schema
    }

    /// Filters stay above: the rows a filter removes from the output still feed the next
    /// iteration.
    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? RecursiveQuery else { return false }
        return self == o
    }
}

/// The recursive term's reference to its own query: the rows the previous iteration of
/// the ``RecursiveQuery`` named `name` produced (DataFusion's work table). A leaf.
public struct WorkTableScan: UserDefinedLogicalNode, Hashable {
    /// The recursive query's name.
    public let queryName: String
    public let schema: Schema

    public init(name: String, schema: Schema) {
        queryName = name
        self.schema = schema
    }

    public var name: String { "WorkTableScan" }
    public var detail: String { queryName }
    public var inputs: [LogicalPlan] { [] }
    public var expressions: [Expr] { [] }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.isEmpty else { throw PlanError(.invalidPlan, "WorkTableScan rebuilt with \(inputs.count) inputs, expected none") }
        return self
    }

    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? WorkTableScan else { return false }
        return self == o
    }
}

extension LogicalPlan {
    /// The work table scans of the recursive query `name` in this plan, and in the plans
    /// of subqueries inside its expressions (with `inSubquery` set for those): each with
    /// the nodes from this one down to the scan.
    public func workTableReferences(_ name: String, inSubquery: Bool = false) -> [(path: [LogicalPlan], inSubquery: Bool)] {
        var found: [(path: [LogicalPlan], inSubquery: Bool)] = []
        func walk(_ plan: LogicalPlan, _ path: [LogicalPlan], _ nested: Bool) {
            if case .extension(let e) = plan {
                if let scan = e.node as? WorkTableScan, scan.queryName == name { found.append((path + [plan], nested)) }
                // A nested recursive query of the same name hides this one.
                if let r = e.node as? RecursiveQuery, r.queryName == name {
                    walk(r.staticTerm, path + [plan], nested)
                    return
                }
            }
            for sub in plan.subqueries { walk(sub.plan, path + [plan], true) }
            for input in plan.inputs { walk(input, path + [plan], nested) }
        }
        walk(self, [], inSubquery)
        return found
    }
}
