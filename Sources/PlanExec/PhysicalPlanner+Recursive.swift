import PlanCore

extension PhysicalPlanner {
    /// A ``RecursiveQuery`` and the ``WorkTableScan`` in its recursive term, linked by one
    /// ``WorkTable``; nil for any other node.
    func planRecursion(_ node: any UserDefinedLogicalNode) throws -> (any PhysicalOperator)? {
        if let n = node as? RecursiveQuery {
            let table = WorkTable()
            var inner = self
            inner.workTables[n.queryName] = table
            return RecursiveQueryExec(name: n.queryName, isDistinct: n.isDistinct, staticTerm: try plan(n.staticTerm),
                                      recursiveTerm: try inner.plan(n.recursiveTerm), workTable: table, schema: n.schema)
        }
        if let n = node as? WorkTableScan {
            guard let table = workTables[n.queryName] else {
                throw PlanError(.unsupported, "WorkTableScan of '\(n.queryName)' outside its recursive query")
            }
            return WorkTableExec(name: n.queryName, workTable: table, schema: n.schema)
        }
        return nil
    }

    /// Whether a join's build side may be hashed once for every iteration of the recursive
    /// queries being planned: it reads none of their work tables.
    func reusesBuild(_ buildSide: LogicalPlan) -> Bool {
        !workTables.isEmpty && workTables.keys.allSatisfy { buildSide.workTableReferences($0).isEmpty }
    }
}
