import PlanCore

/// Removes columns nobody reads: table scans read only the columns used above them,
/// aggregates drop unused aggregate expressions, windows unused calls (and themselves
/// when none is left), projections drop unused items, and a
/// projection that only repeats its input's columns disappears.
///
///     Projection: t.a                      Projection: t.a
///       Filter: t.b > Int64(1)        ──►    Filter: t.b > Int64(1)
///         TableScan: t                         TableScan: t projection=[a, b]
///
/// Walks the tree itself with the set of columns each node must produce; the plan's
/// own output is never changed.
public struct OptimizeProjections: OptimizerRule {
    public let name = "optimize_projections"
    public var applyOrder: ApplyOrder? { nil }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        let required = Set(plan.schema.fields.map(\.column))
        var result = try prune(plan, required: required, isRoot: true)
        if result.schema != plan.schema {
            if Set(result.schema.fields.map(\.qualifiedName)).isSuperset(of: plan.schema.fields.map(\.qualifiedName)),
               plan.schema.fields.map(\.qualifiedName) != result.schema.fields.map(\.qualifiedName) {
                result = .projection(try Projection(plan.outputColumns, input: result))
            }
        }
        return result == plan ? .no(plan) : .yes(result)
    }

    static func refs(_ exprs: [Expr]) -> Set<Column> {
        var out = Set<Column>()
        for e in exprs { out.formUnion(e.columnsIncludingSubqueries) }
        return out
    }

    /// `plan` producing at least `required` (it may produce more).
    func prune(_ plan: LogicalPlan, required: Set<Column>, isRoot: Bool = false) throws(PlanError) -> LogicalPlan {
        switch plan {
        case .tableScan(let t):
            var wanted = required.union(Self.refs(t.filters.map(\.expr)))
            wanted = wanted.filter { t.sourceSchema.index(of: $0) != nil }
            var indices = t.sourceSchema.fields.indices.filter { wanted.contains(t.sourceSchema.fields[$0].column) }
            if indices.isEmpty, !t.sourceSchema.fields.isEmpty { indices = [0] }
            if let p = t.projection, p == indices { return plan }
            if t.projection == nil, indices.count == t.sourceSchema.count { return plan }
            return .tableScan(try TableScan(tableName: t.tableName, sourceSchema: Schema(t.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                            source: t.source.source, projection: indices, filters: t.filters, fetch: t.fetch))
        case .projection(let p):
            var exprs = p.exprs
            if !isRoot {
                let kept = p.exprs.indices.filter { required.contains(p.schema.fields[$0].column) }
                exprs = (kept.isEmpty ? [0] : kept).map { p.exprs[$0] }
            }
            let input = try prune(p.input, required: Self.refs(exprs))
            // A projection that passes its input through unchanged is redundant (at the root
            // too when its input is a projection with the same output: two alike in a row).
            var inputIsProjection = false
            if case .projection = input { inputIsProjection = true }
            if !isRoot || inputIsProjection, exprs.allSatisfy({ if case .column = $0 { true } else { false } }),
               exprs.map({ $0 }) == input.outputColumns, !isRoot || input.schema == p.schema {
                return input
            }
            return .projection(try Projection(exprs, input: input))
        case .filter(let f):
            return .filter(try Filter(f.predicate, input: try prune(f.input, required: required.union(Self.refs([f.predicate])))))
        case .aggregate(let a):
            var aggregates = a.aggregates
            if !isRoot {
                aggregates = a.aggregates.enumerated().filter { required.contains(a.schema.fields[a.groupBy.count + $0.offset].column) }.map(\.element)
            }
            let input = try prune(a.input, required: Self.refs(a.groupBy + aggregates))
            return .aggregate(try Aggregate(groupBy: a.groupBy, aggregates: aggregates, input: input))
        case .window(let w):
            // Calls nobody reads are dropped, and the window with them when none is left (a
            // window with a partition limit drops rows: it stays whole).
            var exprs = w.windowExprs
            let width = w.input.schema.count
            if !isRoot, w.partitionLimit == nil {
                exprs = w.windowExprs.indices.filter { required.contains(w.schema.fields[width + $0].column) }.map { w.windowExprs[$0] }
            }
            let below = required.filter { w.input.schema.index(of: $0) != nil }.union(Self.refs(exprs))
            let input = try prune(w.input, required: below)
            if exprs.isEmpty { return input }
            return .window(try Window(exprs, input: input, partitionLimit: w.partitionLimit))
        case .join(let j):
            let needed = required.union(Self.refs(j.on.flatMap { [$0.left, $0.right] } + (j.filter.map { [$0] } ?? [])))
            let left = try prune(j.left, required: needed.filter { j.left.schema.index(of: $0) != nil })
            let right = try prune(j.right, required: needed.filter { j.right.schema.index(of: $0) != nil })
            return .join(try Join(left: left, right: right, joinType: j.joinType, on: j.on, filter: j.filter, nullAware: j.nullAware))
        case .crossJoin(let c):
            let left = try prune(c.left, required: required.filter { c.left.schema.index(of: $0) != nil })
            let right = try prune(c.right, required: required.filter { c.right.schema.index(of: $0) != nil })
            return .crossJoin(CrossJoin(left: left, right: right))
        case .sort(let s):
            return .sort(try Sort(s.exprs, input: try prune(s.input, required: required.union(Self.refs(s.exprs.map(\.expr)))), fetch: s.fetch))
        case .extension(let e):
            // A node that can narrow itself says what its inputs must keep; otherwise it
            // may read any column of its inputs: prune only below them.
            if !isRoot, let narrowed = e.node.narrowed(to: required), narrowed.inputColumns.count == e.node.inputs.count {
                var inputs: [LogicalPlan] = []
                for (input, columns) in zip(e.node.inputs, narrowed.inputColumns) { inputs.append(try prune(input, required: columns)) }
                return .extension(Extension(try narrowed.node.withInputs(inputs)))
            }
            let inputs = try e.node.inputs.map { (input: LogicalPlan) throws(PlanError) -> LogicalPlan in
                try prune(input, required: Set(input.schema.fields.map(\.column)))
            }
            return .extension(Extension(try e.node.withInputs(inputs)))
        case .limit(let l):
            return .limit(Limit(skip: l.skip, fetch: l.fetch, input: try prune(l.input, required: required)))
        case .subqueryAlias(let a):
            var inner = Set<Column>()
            for (o, i) in zip(a.schema.fields, a.input.schema.fields) where required.contains(o.column) { inner.insert(i.column) }
            return .subqueryAlias(SubqueryAlias(a.alias, input: try prune(a.input, required: inner)))
        case .distinct, .setOperation, .values, .emptyRelation, .dml, .ddl, .statement, .explain:
            // Every column matters to DISTINCT and set operations: prune below them with all
            // their columns required.
            let children = try plan.inputs.map { (c: LogicalPlan) throws(PlanError) -> LogicalPlan in
                try prune(c, required: Set(c.schema.fields.map(\.column)), isRoot: true)
            }
            return children == plan.inputs ? plan : try plan.withChildren(children)
        }
    }
}
