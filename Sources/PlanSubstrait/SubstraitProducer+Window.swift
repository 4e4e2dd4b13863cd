import PlanCore

extension SubstraitProducer {
    /// A Window node as Substrait's consistent-partition window relations: one for each run
    /// of calls sharing PARTITION BY and ORDER BY, stacked (each adds its calls' columns
    /// after its input's, so the columns come out in the node's order). A partition limit
    /// (the per-partition top-k of `window_topk_per_partition`) is written as what it
    /// keeps: a filter `row_number() <= k` over the window.
    mutating func window(_ w: Window, outer: [Schema]) throws(PlanError) -> Rel {
        let schema = w.input.schema
        let calls = w.calls
        var out = try rel(w.input, outer: outer)
        var start = 0
        while start < calls.count {
            let first = calls[start]
            var end = start + 1
            while end < calls.count, calls[end].partitionBy == first.partitionBy, calls[end].orderBy == first.orderBy { end += 1 }
            var functions: [ConsistentPartitionWindowRel.Function] = []
            for call in calls[start..<end] { functions.append(try windowFunction(call, schema, outer)) }
            let partitions = try first.partitionBy.map { (e: Expr) throws(PlanError) -> Expression in try expr(e, schema, outer) }
            let names = Array(w.schema.names.prefix(schema.count + end))
            out = .window(ConsistentPartitionWindowRel(common: RelCommon(outputNames: names), input: out, windowFunctions: functions,
                                                       partitionExpressions: partitions.isEmpty ? nil : partitions,
                                                       sorts: first.orderBy.isEmpty ? nil : try sortFields(first.orderBy, schema, outer)))
            start = end
        }
        guard let k = w.partitionLimit else { return out }
        guard let i = calls.firstIndex(where: { $0.function == .rowNumber }) else {
            throw PlanError(.unsupported, "Substrait export: a Window with partition_limit=\(k) and no row_number() has no Substrait form (the limit is written as a filter on its row number)")
        }
        let rowNumber = Expression.selection(.field(schema.count + i))
        let limit = Expression.literal(literalValue { $0.i64 = ProtoInt64(Int64(k)) })
        return .filter(FilterRel(common: RelCommon(outputNames: w.schema.names), input: out,
                                 condition: call(.binary(.ltEq), [rowNumber, limit], output: try type(.boolean, nullable: false))))
    }

    /// One call of a window relation: the function (Substrait's window functions from
    /// functions_arithmetic, aggregates as in an aggregate relation), its arguments,
    /// DISTINCT as the invocation, and its frame. What Substrait 0.85 cannot say — FILTER,
    /// EXCLUDE, GROUPS with offsets, RANGE offsets that are not integers — fails closed.
    mutating func windowFunction(_ c: WindowCall, _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> ConsistentPartitionWindowRel.Function {
        func missing(_ what: String) -> PlanError {
            PlanError(.unsupported, "Substrait export: window \(Expr.window(c)): \(what)")
        }
        let f: SubstraitFunction
        if case .aggregate(let a) = c.function { f = .aggregate(a) } else { f = .window(c.function, ignoreNulls: c.ignoreNulls) }
        let (units, lower, upper) = try frameBounds(c.frame, missing)
        var values = c.args
        if let filter = c.filter {
            // Substrait's window functions have no filter. An aggregate that skips NULLs
            // gives the same over `CASE WHEN filter THEN x END` (count(*): of 1).
            guard case .aggregate(let a) = c.function, Self.skipsNulls(a), c.args.count <= 1 else {
                throw missing("FILTER has no Substrait form (a Substrait 0.85 window function has no filter)")
            }
            values = [.caseWhen(CaseWhen(branches: [.init(when: filter, then: c.args.first ?? .literal(.int64(1)))], elseExpr: nil))]
        }
        let args = try values.map { (x: Expr) throws(PlanError) -> FunctionArgument in FunctionArgument(value: try expr(x, schema, outer)) }
        let call = Expr.window(c)
        var invocation: String?
        if case .aggregate = c.function { invocation = c.distinct ? "AGGREGATION_INVOCATION_DISTINCT" : "AGGREGATION_INVOCATION_ALL" }
        return ConsistentPartitionWindowRel.Function(
            functionReference: functionAnchor(f), arguments: args.isEmpty ? nil : args,
            outputType: try type(try call.dataType(in: schema), nullable: call.nullable(in: schema)),
            phase: "AGGREGATION_PHASE_INITIAL_TO_RESULT", invocation: invocation,
            lowerBound: lower, upperBound: upper, boundsType: units)
    }

    /// Whether an aggregate's value is that of its non-NULL inputs (count(*) counting rows
    /// is written as a count of 1s), so a FILTER can be written as a CASE choosing NULL.
    /// An aggregate not listed (added later) fails closed until it is known to skip NULLs.
    static func skipsNulls(_ a: PlanCore.AggregateFunction) -> Bool {
        let skipping: Set<PlanCore.AggregateFunction> = [.count, .sum, .avg, .min, .max, .boolAnd, .boolOr, .stddev, .variance]
        return skipping.contains(a)
    }

    /// A frame as Substrait's bounds type and bounds. GROUPS whose ends are unbounded or
    /// the current row is the same frame as RANGE (both end at a peer group's edge).
    func frameBounds(_ frame: WindowFrame, _ missing: (String) -> PlanError) throws(PlanError) -> (String, WindowBound, WindowBound) {
        if frame.exclusion != .noOthers {
            throw missing("EXCLUDE \(frame.exclusion.rawValue) has no Substrait form (Substrait 0.85's window bounds have no exclusion)")
        }
        func hasOffset(_ b: WindowFrame.Bound) -> Bool {
            switch b {
            case .preceding, .following: true
            default: false
            }
        }
        let units: String
        switch frame.units {
        case .rows: units = "BOUNDS_TYPE_ROWS"
        case .range: units = "BOUNDS_TYPE_RANGE"
        case .groups:
            guard !hasOffset(frame.start), !hasOffset(frame.end) else {
                throw missing("GROUPS with an offset has no Substrait form (Substrait 0.85's bounds types are ROWS and RANGE)")
            }
            units = "BOUNDS_TYPE_RANGE"
        }
        func bound(_ b: WindowFrame.Bound) throws(PlanError) -> WindowBound {
            switch b {
            case .unboundedPreceding, .unboundedFollowing: return .unboundedBound
            case .currentRow: return .currentRowBound
            case .preceding(let v), .following(let v):
                guard let n = v.int64Value, n >= 0 else {
                    throw missing("the \(frame.units.rawValue) offset \(v.sqlLiteral) has no Substrait form (Substrait 0.85's frame offsets are integers)")
                }
                // Substrait's offsets are positive: an offset of 0 is the current row (the
                // same frame end for ROWS, and for RANGE the edge of the current row's peers).
                if n == 0 { return .currentRowBound }
                if case .preceding = b { return .preceding(n) }
                return .following(n)
            }
        }
        return (units, try bound(frame.start), try bound(frame.end))
    }
}
