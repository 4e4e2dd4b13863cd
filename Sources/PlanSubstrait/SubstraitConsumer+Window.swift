import PlanCore

extension SubstraitConsumer {
    /// A window function's parts as both forms carry them: the relation's function
    /// (`WindowRelFunction`) and DataFusion's expression (`Expression.WindowFunction`).
    struct WindowParts {
        var functionReference: Int?
        var arguments: [FunctionArgument]?
        var phase: String?
        var invocation: String?
        var boundsType: String?
        var lowerBound: WindowBound?
        var upperBound: WindowBound?
    }

    /// A consistent-partition window relation as a Window node: its input's columns, then
    /// one per function, all partitioned and ordered as the relation says.
    mutating func window(_ w: ConsistentPartitionWindowRel, names: [String]?, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        let input = try child(w.input, "input", outer: outer)
        let schema = input.schema
        var partitionBy: [Expr] = []
        for (i, e) in (w.partitionExpressions ?? []).enumerated() {
            path.append("partitionExpressions[\(i)]")
            defer { path.removeLast() }
            partitionBy.append(try expr(e, schema, outer))
        }
        let orderBy = try sortExprs(w.sorts ?? [], schema, outer)
        var calls: [Expr] = []
        for (i, f) in (w.windowFunctions ?? []).enumerated() {
            path.append("windowFunctions[\(i)]")
            defer { path.removeLast() }
            let parts = WindowParts(functionReference: f.functionReference, arguments: f.arguments, phase: f.phase, invocation: f.invocation,
                                    boundsType: f.boundsType, lowerBound: f.lowerBound, upperBound: f.upperBound)
            calls.append(.window(try windowCall(parts, partitionBy: partitionBy, orderBy: orderBy, schema, outer)))
        }
        guard !calls.isEmpty else { throw error("a window relation needs at least one window function", kind: .invalidPlan) }
        let callNames = names.flatMap { $0.count == schema.count + calls.count ? Array($0.suffix(calls.count)) : nil }
        let node = LogicalPlan.window(try windowNode(try named(calls, callNames, schema), input: input))
        guard let mapping = w.common?.emit?.outputMapping else { return node }
        let fields = node.schema.fields
        var columns: [Expr] = []
        for i in mapping {
            guard fields.indices.contains(i) else { throw error("emit refers to output \(i) of \(fields.count)") }
            columns.append(.column(fields[i].column))
        }
        return .projection(try Projection(columns, input: node))
    }

    /// DataFusion's form: window functions as a project relation's expressions. Returns the
    /// projection's input — a Window node over `input` computing them, or `input` when there
    /// are none — and, by expression index, the column each call's value is in. A window
    /// function nested inside another expression is not read.
    mutating func windowsInProject(_ exprs: [Expression], input: LogicalPlan, outer: [Schema]) throws(PlanError) -> (LogicalPlan, [Int: Column]) {
        var calls: [Expr] = []
        var indices: [Int] = []
        for (i, e) in exprs.enumerated() {
            guard case .windowFunction(let f) = e else { continue }
            path.append("expressions[\(i)]")
            defer { path.removeLast() }
            var partitionBy: [Expr] = []
            for p in f.partitions ?? [] { partitionBy.append(try expr(p, input.schema, outer)) }
            let orderBy = try sortExprs(f.sorts ?? [], input.schema, outer)
            let parts = WindowParts(functionReference: f.functionReference, arguments: f.arguments, phase: f.phase, invocation: f.invocation,
                                    boundsType: f.boundsType, lowerBound: f.lowerBound, upperBound: f.upperBound)
            calls.append(.window(try windowCall(parts, partitionBy: partitionBy, orderBy: orderBy, input.schema, outer)))
            indices.append(i)
        }
        guard !calls.isEmpty else { return (input, [:]) }
        let node = try windowNode(calls, input: input)
        var columns: [Int: Column] = [:]
        for (k, i) in indices.enumerated() { columns[i] = node.schema.fields[input.schema.count + k].column }
        return (.window(node), columns)
    }

    /// The Window node of `calls`; a call it refuses (an argument of the wrong type) is an
    /// error naming the place.
    func windowNode(_ calls: [Expr], input: LogicalPlan) throws(PlanError) -> Window {
        do { return try Window(calls, input: input) } catch { throw self.error(error.message, kind: error.kind) }
    }

    /// One window call: the function (a Substrait window function, planscope's
    /// `<name>_ignore_nulls`, or an aggregate), its arguments, DISTINCT, and its frame.
    mutating func windowCall(_ f: WindowParts, partitionBy: [Expr], orderBy: [SortExpr], _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> WindowCall {
        let function: WindowFunction
        var ignoreNulls = false
        switch try self.function(f.functionReference ?? 0) {
        case .aggregate(let a): function = .aggregate(a)
        case .window(let w, let ignoring): function = w; ignoreNulls = ignoring
        default: throw error("function '\(functions[f.functionReference ?? 0]?.name ?? "?")' is not a window or aggregate function")
        }
        if let phase = f.phase, phase != "AGGREGATION_PHASE_INITIAL_TO_RESULT", phase != "AGGREGATION_PHASE_UNSPECIFIED" {
            throw error("window function phase \(phase) is not supported (only INITIAL_TO_RESULT)")
        }
        var distinct = false
        switch f.invocation ?? "AGGREGATION_INVOCATION_UNSPECIFIED" {
        case "AGGREGATION_INVOCATION_UNSPECIFIED", "AGGREGATION_INVOCATION_ALL": break
        case "AGGREGATION_INVOCATION_DISTINCT":
            guard case .aggregate = function else { throw error("DISTINCT is only allowed in aggregate functions, not \(function.name)") }
            distinct = true
        case let i: throw error("invocation \(i) is not supported")
        }
        let args = try arguments(f.arguments ?? [], schema, outer)
        let frame = try windowFrame(f, orderBy: orderBy, schema)
        return WindowCall(function, args, distinct: distinct, ignoreNulls: ignoreNulls, partitionBy: partitionBy, orderBy: orderBy, frame: frame)
    }

    /// A frame from Substrait's bounds type and bounds, checked as the binder checks one
    /// written in SQL. A missing bound is the partition's edge; an unspecified bounds type
    /// is RANGE with an order and ROWS without (DataFusion's reading).
    func windowFrame(_ f: WindowParts, orderBy: [SortExpr], _ schema: Schema) throws(PlanError) -> WindowFrame {
        let units: WindowFrame.Units
        switch f.boundsType ?? "BOUNDS_TYPE_UNSPECIFIED" {
        case "BOUNDS_TYPE_ROWS": units = .rows
        case "BOUNDS_TYPE_RANGE": units = .range
        case "BOUNDS_TYPE_UNSPECIFIED": units = orderBy.isEmpty ? .rows : .range
        case let t: throw error("bounds type \(t) is not supported")
        }
        func bound(_ b: WindowBound?, lower: Bool) throws(PlanError) -> WindowFrame.Bound {
            let which = lower ? "lowerBound" : "upperBound"
            guard let b else { return lower ? .unboundedPreceding : .unboundedFollowing }
            let kinds = [b.preceding != nil, b.following != nil, b.currentRow != nil, b.unbounded != nil].filter { $0 }.count
            guard kinds == 1 else { throw error("\(which) needs exactly one of preceding, following, currentRow, unbounded", kind: .invalidPlan) }
            if b.unbounded != nil { return lower ? .unboundedPreceding : .unboundedFollowing }
            if b.currentRow != nil { return .currentRow }
            let n = (b.preceding ?? b.following)?.offset?.value ?? 0
            guard n >= 0 else { throw error("\(which): a frame offset must not be negative, got \(n)", kind: .invalidPlan) }
            if units == .range {
                guard orderBy.count == 1, try orderBy[0].expr.dataType(in: schema).isNumeric else {
                    throw error("\(which): RANGE with an offset needs exactly one numeric sort key", kind: .invalidPlan)
                }
            }
            return b.preceding != nil ? .preceding(.int64(n)) : .following(.int64(n))
        }
        let start = try bound(f.lowerBound, lower: true), end = try bound(f.upperBound, lower: false)
        switch (start, end) {
        case (.currentRow, .preceding), (.following, .preceding), (.following, .currentRow):
            throw error("the frame's lower bound (\(start.description)) is after its upper bound (\(end.description))", kind: .invalidPlan)
        default:
            return WindowFrame(units, start: start, end: end)
        }
    }
}
