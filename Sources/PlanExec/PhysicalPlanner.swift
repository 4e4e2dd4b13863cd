import PlanCore

/// Turns a logical plan into a tree of physical operators.
///
/// Choices made here (not optimizer rules, so they hold with every rule off):
/// equi-join keys are cast to a common type; a Filter directly over a cross join is
/// executed as a hash join on the equality conjuncts that connect its two sides, with
/// single-side conjuncts evaluated below it; a Limit over a Sort becomes a top-k sort.
public struct PhysicalPlanner {
    /// Subplans already planned (a user-defined node's inputs inside its lowered plan).
    private var planned: [LogicalPlan: any PhysicalOperator] = [:]

    /// The work tables of the recursive queries being planned, by name (innermost wins).
    var workTables: [String: WorkTable] = [:]

    /// The data-skipping mechanisms scans may use (`pushdown.parquet.*`).
    public var pruning: ScanPruning
    /// When the statement started: `now()` and `current_date` become this value's
    /// literals before planning (``LogicalPlan/fixingStatementTime(_:)``).
    public var statementTime: Int64

    public init(pruning: ScanPruning = ScanPruning(), statementTime: Int64 = StatementTime.now()) {
        self.pruning = pruning
        self.statementTime = statementTime
    }

    /// Plans and runs `plan`, returning every batch (scans prune as the context says).
    public static func execute(_ plan: LogicalPlan, context: ExecutionContext) throws -> [RecordBatch] {
        try PhysicalPlanner(pruning: context.pruning, statementTime: context.statementTime).plan(plan).collect(context)
    }

    /// A context running with `options` whose subqueries are planned and run by this planner.
    public static func makeContext(_ options: ExecutionOptions = ExecutionOptions()) -> ExecutionContext {
        ExecutionContext(options) { plan, context in try PhysicalPlanner.execute(plan, context: context) }
    }

    public func plan(_ logical: LogicalPlan) throws -> any PhysicalOperator {
        try plan(try logical.fixingStatementTime(statementTime), needing: nil)
    }

    /// `logical` planned so that it produces at least the columns in `needing` (nil: all
    /// of its columns): a join whose parent reads only some of its columns gathers only
    /// those (join keys and filter-only columns are dropped there, not copied per row).
    func plan(_ logical: LogicalPlan, needing: Set<Column>?) throws -> any PhysicalOperator {
        if !planned.isEmpty, let op = planned[logical] { return op }
        let op: any PhysicalOperator
        if case .join(let n) = logical { op = try planJoin(n, needing: needing) } else { op = try planNode(logical) }
        if op.metrics.estimatedRows == nil, logical.estimateIsKnown { op.metrics.estimatedRows = logical.estimatedRows }
        return op
    }

    /// The columns `exprs` read (nil when one is a subquery's: those need every column).
    static func columns(_ exprs: [Expr]) -> Set<Column>? {
        if exprs.contains(where: \.containsSubquery) { return nil }
        return Set(exprs.flatMap(\.columnRefs))
    }

    /// A join producing the columns in `needing` (nil: all), its inputs asked only for
    /// those plus the keys' and the filter's columns.
    func planJoin(_ n: Join, needing: Set<Column>?) throws -> any PhysicalOperator {
        var leftNeeds: Set<Column>?, rightNeeds: Set<Column>?
        var narrowed: Set<Column>?
        if let needing, n.joinType != .leftSemi, n.joinType != .leftAnti, !(n.filter?.containsSubquery ?? false),
           needing.allSatisfy({ n.schema.index(of: $0) != nil }) {
            narrowed = needing
            let wanted = needing.union(n.on.flatMap { $0.left.columnRefs + $0.right.columnRefs } + (n.filter?.columnRefs ?? []))
            leftNeeds = wanted.filter { n.left.schema.index(of: $0) != nil }
            rightNeeds = wanted.filter { n.right.schema.index(of: $0) != nil }
        }
        let left = try plan(n.left, needing: leftNeeds), right = try plan(n.right, needing: rightNeeds)
        var schema = n.schema
        var keep: [Int]?
        if let narrowed {
            // Fields as the logical join types them (outer joins make a side nullable).
            let combined = left.schema.joined(with: right.schema)
            func typed(_ i: Int) -> Field { n.schema.field(for: combined.fields[i].column) ?? combined.fields[i] }
            let kept = Set(narrowed.compactMap { combined.index(of: $0) }).sorted()
            if kept.count == narrowed.count, kept.count < combined.count {
                keep = kept
                schema = Schema(kept.map(typed))
            } else if combined.count != n.schema.count {
                schema = Schema(combined.fields.indices.map(typed))
            }
        }
        let (nullSafe, filter) = nullSafeKeys(n)
        let keys = try castKeys(n.on + nullSafe, left: n.left.schema, right: n.right.schema)
        if n.joinType == .left, !keys.isEmpty, !(n.filter?.containsSubquery ?? false),
           n.left.estimatedRows * 2 < n.right.estimatedRows {
            // A LEFT join whose preserved side is clearly the smaller one runs as a RIGHT
            // join with the sides swapped: the smaller side is hashed, the larger one
            // streams past it, and the output columns are put back in the logical order.
            let l = left.schema.count, r = right.schema.count
            let order = (keep ?? Array(0..<(l + r))).map { $0 < l ? r + $0 : $0 - l }
            return JoinExec(left: right, right: left, joinType: .right, keys: keys.map { JoinKey($0.right, $0.left) },
                            filter: filter, nullAware: false, schema: schema, outputColumns: order, sidesSwapped: true,
                            runtimeFilters: pruning.runtimeFilters,
                            reusesBuild: reusesBuild(n.left))
        }
        return JoinExec(left: left, right: right, joinType: n.joinType,
                        keys: keys,
                        filter: filter, nullAware: n.nullAware, schema: schema,
                        buildLeft: JoinExec.buildsLeft(n, left: n.left.estimatedRows, right: n.right.estimatedRows),
                        outputColumns: keep, runtimeFilters: pruning.runtimeFilters,
                        reusesBuild: reusesBuild(n.right))
    }

    func planNode(_ logical: LogicalPlan) throws -> any PhysicalOperator {
        switch logical {
        case .tableScan(let n):
            guard let provider = n.source.source as? any TableProvider else {
                throw PlanError(.execution, "table '\(n.tableName)' has no data source attached")
            }
            let pushed = n.filters.filter { $0.pushdown != .unsupported }.map { ScanFilter($0.expr.unqualifiedColumns, $0.pushdown) }
            return ScanExec(table: n.tableName, provider: provider, projection: n.projection, filters: pushed,
                            offered: n.filters, limit: n.fetch, schema: n.schema, pruning: pruning)
        case .projection(let n):
            return ProjectionExec(n.exprs, input: try plan(n.input, needing: Self.columns(n.exprs)), schema: n.schema)
        case .filter(let n):
            if case .crossJoin(let cj) = n.input {
                return try planFilteredCrossJoin(n.predicate.conjuncts, cj)
            }
            return FilterExec(n.predicate, input: try plan(n.input))
        case .aggregate(let n):
            var calls: [AggregateCall] = []
            for a in n.aggregates {
                guard case .aggregate(let call) = a.unaliased else {
                    throw PlanError(.execution, "aggregate expression expected, got \(a)")
                }
                calls.append(call)
            }
            return HashAggregateExec(groupBy: n.groupBy, aggregates: calls,
                                     input: try plan(n.input, needing: Self.columns(n.groupBy + n.aggregates)), schema: n.schema)
        case .window(let n):
            var input = try plan(n.input)
            if let k = n.partitionLimit, let first = n.calls.first {
                input = PartitionTopKExec(partitionBy: first.partitionBy, orderBy: first.orderBy, limit: k, input: input)
                if logical.estimateIsKnown { input.metrics.estimatedRows = logical.estimatedRows }
            }
            return WindowExec(n.calls, input: input, schema: n.schema)
        case .join(let n):
            return try planJoin(n, needing: nil)
        case .crossJoin(let n):
            return CrossJoinExec(left: try plan(n.left), right: try plan(n.right), schema: n.schema)
        case .sort(let n):
            return SortExec(n.exprs, fetch: n.fetch, input: try plan(n.input))
        case .limit(let n):
            if case .sort(let s) = n.input, let fetch = n.fetch, let wanted = n.rowsNeeded {
                let k = s.fetch.map { min($0, wanted) } ?? wanted
                return LimitExec(skip: n.skip, fetch: fetch, input: SortExec(s.exprs, fetch: k, input: try plan(s.input)))
            }
            return LimitExec(skip: n.skip, fetch: n.fetch, input: try plan(n.input))
        case .setOperation(let n):
            return SetOperationExec(n.kind, all: n.all, left: try plan(n.left), right: try plan(n.right), schema: n.schema)
        case .distinct(let n):
            return DistinctExec(input: try plan(n.input))
        case .subqueryAlias(let n):
            return RenameExec(input: try plan(n.input), schema: n.schema)
        case .values(let n):
            return ValuesExec(rows: n.rows, schema: n.schema)
        case .emptyRelation(let n):
            return ValuesExec(emptyRows: n.produceOneRow ? 1 : 0, schema: n.schema)
        case .extension(let e):
            if let shared = e.node as? SharedSubplan { return SharedSubplanExec(id: shared.id, input: try plan(shared.input)) }
            if let op = try planRecursion(e.node) { return op }
            guard let node = e.node as? any ExecutableLogicalNode else {
                throw PlanError(.unsupported, "\(e.node.name) has no physical operator")
            }
            let inputs = try node.inputs.map(plan)
            var planner = self
            planner.planned.merge(zip(node.inputs, inputs)) { first, _ in first }
            return ExtensionExec(name: node.name + "Exec", detail: node.detail, inner: try planner.plan(try node.lowered()),
                                 inputs: inputs, offered: node.offeredFilters, schema: node.schema)
        case .dml, .ddl, .statement, .explain:
            throw PlanError(.execution, "\(logical.nodeLine) is a statement, not a query")
        }
    }

    /// Wraps each key side in a cast to the pair's common type, so equal values hash equal.
    func castKeys(_ keys: [JoinKey], left: Schema, right: Schema) throws -> [JoinKey] {
        try keys.map { k in
            let lt = try k.left.dataType(in: left), rt = try k.right.dataType(in: right)
            guard let common = DataType.commonType(lt, rt) else {
                throw PlanError(.execution, "join keys \(k.left) and \(k.right) have no common type")
            }
            return JoinKey(lt == common ? k.left : .cast(k.left, common), rt == common ? k.right : .cast(k.right, common))
        }
    }

    /// `input` with only the rows for which every one of `conjuncts` holds: a filter
    /// operator, or the lowering of a cross join below, as planning `Filter(input)` would
    /// give, its estimate the Filter's (no logical node is made here).
    func planFiltered(_ conjuncts: [Expr], _ input: LogicalPlan) throws -> any PhysicalOperator {
        guard let predicate = Expr.conjunction(conjuncts) else { return try plan(input) }
        let op: any PhysicalOperator
        if case .crossJoin(let cj) = input {
            op = try planFilteredCrossJoin(predicate.conjuncts, cj)
        } else {
            op = FilterExec(predicate, input: try plan(input))
        }
        if op.metrics.estimatedRows == nil, input.estimateIsKnown {
            op.metrics.estimatedRows = input.estimatedRows(keeping: predicate.conjuncts)
        }
        return op
    }

    /// Filter(conjuncts) over CrossJoin(l, r): single-side conjuncts go below, equalities
    /// across become hash-join keys, the rest a join filter.
    func planFilteredCrossJoin(_ conjuncts: [Expr], _ cj: CrossJoin) throws -> any PhysicalOperator {
        let ls = cj.left.schema, rs = cj.right.schema
        // A conjunct every branch of an OR shares is implied by the OR: use it as a key too.
        var all = conjuncts
        for c in conjuncts {
            for implied in c.sharedConjuncts where !all.contains(implied) { all.append(implied) }
        }
        let split = JoinPredicates.split(all, left: ls, right: rs, correlated: .stayAbove)
        let leftOnly = split.leftOnly, rightOnly = split.rightOnly, keys = split.keys, rest = split.rest
        let left = try planFiltered(leftOnly, cj.left)
        let right = try planFiltered(rightOnly, cj.right)
        if keys.isEmpty {
            let cross = CrossJoinExec(left: left, right: right, schema: cj.schema)
            guard let p = Expr.conjunction(rest) else { return cross }
            return FilterExec(p, input: cross)
        }
        let join = JoinExec(left: left, right: right, joinType: .inner, keys: try castKeys(keys, left: ls, right: rs),
                            filter: nil, nullAware: false, schema: cj.schema, runtimeFilters: pruning.runtimeFilters)
        guard let p = Expr.conjunction(rest) else { return join }
        return FilterExec(p, input: join)
    }
}

