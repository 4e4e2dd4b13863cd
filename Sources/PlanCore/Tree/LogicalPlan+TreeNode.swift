extension LogicalPlan: TreeNode {
    public var children: [LogicalPlan] { inputs }

    /// The same node over new inputs; the schema is recomputed and re-validated.
    public func withChildren(_ c: [LogicalPlan]) throws(PlanError) -> LogicalPlan {
        guard c.count == inputs.count else {
            throw PlanError(.invalidPlan, "plan node rebuilt with \(c.count) inputs, expected \(inputs.count)")
        }
        switch self {
        case .tableScan, .values, .emptyRelation, .statement: return self
        case .projection(let n): return .projection(try Projection(n.exprs, input: c[0]))
        case .filter(let n): return .filter(try Filter(n.predicate, input: c[0]))
        case .aggregate(let n): return .aggregate(try Aggregate(groupBy: n.groupBy, aggregates: n.aggregates, input: c[0]))
        case .window(let n): return .window(try Window(n.windowExprs, input: c[0], partitionLimit: n.partitionLimit))
        case .join(let n):
            return .join(try Join(left: c[0], right: c[1], joinType: n.joinType, on: n.on, filter: n.filter, nullAware: n.nullAware))
        case .crossJoin: return .crossJoin(CrossJoin(left: c[0], right: c[1]))
        case .sort(let n): return .sort(try Sort(n.exprs, input: c[0], fetch: n.fetch))
        case .limit(let n): return .limit(Limit(skip: n.skip, fetch: n.fetch, input: c[0]))
        case .setOperation(let n): return .setOperation(try SetOperation(n.kind, all: n.all, left: c[0], right: c[1]))
        case .distinct: return .distinct(Distinct(input: c[0]))
        case .subqueryAlias(let n): return .subqueryAlias(SubqueryAlias(n.alias, input: c[0]))
        case .dml(let n):
            var dml = DMLStatement(table: n.table, tableSchema: n.tableSchema, operation: n.operation, input: c[0])
            dml.onConflict = n.onConflict
            return .dml(dml)
        case .ddl(let n):
            switch n {
            case .createTable(var create):
                create.input = c[0]
                return .ddl(.createTable(create))
            case .createView(let name, _, let sql, let orReplace):
                return .ddl(.createView(name: name, input: c[0], sql: sql, orReplace: orReplace))
            default: return self
            }
        case .explain(let n): return .explain(Explain(verbose: n.verbose, analyze: n.analyze, format: n.format, plan: c[0]))
        case .extension(let n): return .extension(Extension(try n.node.withInputs(c)))
        }
    }

    /// The names of the tables the plan scans, subquery plans included (a CTE or a
    /// view of the catalog counts as the tables it reads).
    public var tablesRead: Set<String> {
        var out = Set<String>()
        visit { plan in
            if case .tableScan(let scan) = plan, scan.source.source?.tableFunction == nil { out.insert(scan.tableName) }
            for e in plan.expressions { for s in e.subqueries { out.formUnion(s.plan.tablesRead) } }
            return .continue
        }
        return out
    }

    /// Number of nodes in the plan, counting subquery plans.
    public var nodeCount: Int {
        var n = 0
        visit { plan in
            n += 1
            for e in plan.expressions { for s in e.subqueries { n += s.plan.nodeCount } }
            return .continue
        }
        return n
    }
}
