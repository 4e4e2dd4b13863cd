import PlanCore

extension Binder {
    /// The clauses a window call may appear in (and, inside them, in scalar expressions).
    static let windowClauses: Set<String> = ["SELECT", "ORDER BY", "QUALIFY"]

    /// Binds `f(args) [IGNORE NULLS] [FILTER (WHERE …)] OVER (…)`.
    mutating func bindWindowCall(_ call: FunctionCall, over: WindowSpec, scope: Scope, allowAggregates: Bool, clause: String,
                                 span: SourceSpan) throws(PlanError) -> Expr {
        let name = call.name.normalized
        guard Binder.windowClauses.contains(clause) else {
            if clause == "window argument" { throw PlanError(.invalidPlan, "window function calls cannot be nested", at: span) }
            throw PlanError(.invalidPlan, "window functions are not allowed in \(clause)", at: span)
        }
        guard call.name.parts.count == 1, let function = WindowFunction(sqlName: name) else {
            if ScalarFunction(sqlName: name) != nil {
                throw PlanError(.invalidPlan, "OVER specified, but \(name) is not a window function nor an aggregate function", at: span)
            }
            var message = "unknown window function '\(name)'"
            let names = Array(WindowFunction.windowOnly.keys) + AggregateFunction.allCases.map(\.rawValue)
            if let hint = closestName(to: name, in: names) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.unknownName, message, at: call.name.span)
        }
        var isAggregate = false
        if case .aggregate(let agg) = function {
            isAggregate = true
            // PostgreSQL's limits: no ordered-set aggregate as a window function, no ORDER BY
            // inside a window aggregate's arguments (the window's ORDER BY orders its frame).
            if agg.isOrderedSet || call.withinGroup != nil {
                throw PlanError(.unsupported, "OVER is not supported for ordered-set aggregate \(name)", at: span)
            }
            if !call.orderBy.isEmpty {
                throw PlanError(.unsupported, "ORDER BY inside the arguments of a window aggregate is not supported (\(name)); the window's ORDER BY orders its frame", at: span)
            }
        } else if call.withinGroup != nil || !call.orderBy.isEmpty {
            throw PlanError(.syntax, "ORDER BY and WITHIN GROUP are only allowed for aggregate functions", at: span)
        }
        if call.distinct && !isAggregate { throw PlanError(.syntax, "DISTINCT is only allowed in aggregate functions", at: span) }
        if call.filter != nil && !isAggregate { throw PlanError(.syntax, "FILTER is only allowed for aggregate functions", at: span) }
        if call.ignoreNulls && !function.acceptsIgnoreNulls {
            throw PlanError(.syntax, "IGNORE NULLS is only allowed for lag, lead, first_value, last_value and nth_value", at: span)
        }
        var args: [Expr] = []
        if call.args.count == 1, case .wildcard = call.args[0].kind {
            guard case .aggregate(.count) = function else {
                throw PlanError(.syntax, "\(name)(*) is not valid; only count(*) takes '*'", at: span)
            }
            if call.distinct { throw PlanError(.syntax, "count(DISTINCT *) is not valid", at: span) }
        } else {
            if case .aggregate(.count) = function, call.args.isEmpty {
                throw PlanError(.arity, "function count takes 1 argument, got 0", at: span)
            }
            for a in call.args {
                args.append(try bindExpr(a, scope: scope, allowAggregates: allowAggregates, clause: "window argument"))
            }
        }
        if case .aggregate(.stringAgg) = function, args.count == 2, AggregateCall.constant(args[1]) == nil {
            throw PlanError(.unsupported, "string_agg's delimiter must be a constant", at: call.args[1].span)
        }
        let types = try located(span) { () throws(PlanError) in
            try args.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: scope.schema) }
        }
        if case .failure(let e) = function.returnType(types) { throw PlanError(.typeMismatch, e.message, at: span) }
        // lag/lead's default takes the value's type (both cast to their common type).
        if function == .lag || function == .lead, args.count == 3, types[0] != types[2],
           let common = DataType.commonType(types[0], types[2]) {
            if types[0] != common { args[0] = .cast(args[0], common) }
            if types[2] != common { args[2] = .cast(args[2], common) }
        }
        let filter = try call.filter.map { (f: SQLExpr) throws(PlanError) -> Expr in try bindPredicate(f, scope: scope, clause: "FILTER") }
        let spec = try resolvedWindow(over)
        var partitionBy: [Expr] = []
        for p in spec.partitionBy {
            partitionBy.append(try bindExpr(p, scope: scope, allowAggregates: allowAggregates, clause: "window argument").unaliased)
        }
        var orderBy: [SortExpr] = []
        for o in spec.orderBy {
            let e = try bindExpr(o.expr, scope: scope, allowAggregates: allowAggregates, clause: "window argument").unaliased
            orderBy.append(SortExpr(e, ascending: o.ascending, nullsFirst: o.nullsFirst))
        }
        let frame = try spec.frame.map { (f: FrameClause) throws(PlanError) -> WindowFrame in
            try bindFrame(f, orderBy: orderBy, scope: scope)
        } ?? .default
        return .window(WindowCall(function, args, distinct: call.distinct, filter: filter, ignoreNulls: call.ignoreNulls,
                                  partitionBy: partitionBy, orderBy: orderBy, frame: frame))
    }

    /// The window `spec` with the named window it refers to filled in (PostgreSQL's rules:
    /// it may add an ORDER BY the named one lacks, and a frame; never a PARTITION BY).
    func resolvedWindow(_ spec: WindowSpec) throws(PlanError) -> WindowSpec {
        guard let baseName = spec.base else { return spec }
        guard let base = namedWindows[baseName.normalized] else {
            throw PlanError(.unknownName, "window \"\(baseName.value)\" does not exist", at: baseName.span)
        }
        let resolvedBase = base  // resolved when the WINDOW clause was bound
        if !spec.partitionBy.isEmpty {
            throw PlanError(.invalidPlan, "cannot override PARTITION BY clause of window \"\(baseName.value)\"", at: spec.span)
        }
        if !spec.orderBy.isEmpty && !resolvedBase.orderBy.isEmpty {
            throw PlanError(.invalidPlan, "cannot override ORDER BY clause of window \"\(baseName.value)\"", at: spec.span)
        }
        var out = resolvedBase
        out.base = nil
        if !spec.orderBy.isEmpty { out.orderBy = spec.orderBy }
        if let f = spec.frame { out.frame = f }
        out.span = spec.span
        return out
    }

    /// A frame clause with constant offsets, checked as PostgreSQL checks it.
    mutating func bindFrame(_ f: FrameClause, orderBy: [SortExpr], scope: Scope) throws(PlanError) -> WindowFrame {
        switch (f.start, f.end) {
        case (.unboundedFollowing, _): throw PlanError(.invalidPlan, "frame start cannot be UNBOUNDED FOLLOWING", at: f.span)
        case (_, .unboundedPreceding): throw PlanError(.invalidPlan, "frame end cannot be UNBOUNDED PRECEDING", at: f.span)
        case (.currentRow, .preceding): throw PlanError(.invalidPlan, "frame starting from current row cannot have preceding rows", at: f.span)
        case (.following, .preceding), (.following, .currentRow):
            throw PlanError(.invalidPlan, "frame starting from following row cannot have preceding rows", at: f.span)
        default: break
        }
        if f.units == .groups && orderBy.isEmpty {
            throw PlanError(.invalidPlan, "GROUPS mode requires an ORDER BY clause", at: f.span)
        }
        func bound(_ b: FrameClause.Bound, _ which: String) throws(PlanError) -> WindowFrame.Bound {
            switch b {
            case .unboundedPreceding: return .unboundedPreceding
            case .unboundedFollowing: return .unboundedFollowing
            case .currentRow: return .currentRow
            case .preceding(let e): return .preceding(try offset(e, which))
            case .following(let e): return .following(try offset(e, which))
            }
        }
        func offset(_ e: SQLExpr, _ which: String) throws(PlanError) -> ScalarValue {
            var bound = try bindExprUnchecked(e, scope: scope, allowAggregates: false, clause: "frame offset")
            if case .cast(.literal(let v), let t) = bound, let c = try? ScalarOps.cast(v, to: t) { bound = .literal(c) }
            guard case .literal(let v) = bound else {
                throw PlanError(.unsupported, "frame \(which) offset must be a constant", at: e.span)
            }
            if v.isNull { throw PlanError(.invalidPlan, "frame \(which) offset must not be null", at: e.span) }
            switch f.units {
            case .rows, .groups:
                guard let n = v.int64Value else {
                    throw PlanError(.typeMismatch, "\(f.units.rawValue) frame \(which) offset must be an integer", at: e.span)
                }
                if n < 0 { throw PlanError(.invalidPlan, "frame \(which) offset must not be negative", at: e.span) }
            case .range:
                guard orderBy.count == 1 else {
                    throw PlanError(.invalidPlan, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", at: f.span)
                }
                let key = try located(e.span) { () throws(PlanError) in try orderBy[0].expr.dataType(in: scope.schema) }
                if key.isNumeric {
                    guard v.dataType.isNumeric else {
                        throw PlanError(.typeMismatch, "RANGE offset for a \(key.sqlName) key must be a number, got \(v.dataType.sqlName)", at: e.span)
                    }
                } else if key == .date || key == .timestamp || key == .timestampTZ {
                    guard case .interval(let i) = v else {
                        throw PlanError(.typeMismatch, "RANGE offset for a \(key.sqlName) key must be an interval, got \(v.dataType.sqlName)", at: e.span)
                    }
                    // Frames move on UTC's clock: the same as the session's for time-only
                    // offsets, and for days and months only when the session is in UTC.
                    if key == .timestampTZ, !timeZone.isUTC, i.months != 0 || i.days != 0 {
                        throw PlanError(.unsupported, "RANGE with a day or month offset over a TIMESTAMPTZ key is supported only with execution.time_zone = 'UTC' (write the offset in hours, or order by the key AT TIME ZONE '\(timeZone.name)')", at: e.span)
                    }
                } else {
                    throw PlanError(.unsupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type \(key.sqlName)", at: f.span)
                }
                if let negative = ScalarOps.compare(v, v.dataType == .interval ? .interval(Interval()) : .int64(0)), negative < 0 {
                    throw PlanError(.invalidPlan, "invalid preceding or following size in window function", at: e.span)
                }
            }
            return v
        }
        return WindowFrame(f.units, start: try bound(f.start, "starting"), end: try bound(f.end, "ending"), exclusion: f.exclusion)
    }

    /// `plan` with a Window node for each distinct window call in `exprs` (one node a call,
    /// stacked, calls of one sort next to each other; `collapse_window` joins those), and
    /// `exprs` rewritten to read the columns they add.
    func windows(_ plan: LogicalPlan, exprs: inout [Expr], span: SourceSpan) throws(PlanError) -> LogicalPlan {
        var calls: [Expr] = []
        for e in exprs {
            e.visit { node in
                if case .window = node {
                    if !calls.contains(node) { calls.append(node) }
                    return .jump
                }
                return .continue
            }
        }
        guard !calls.isEmpty else { return plan }
        // Calls of one partition and order next to each other (in the order they first appear).
        func keys(_ e: Expr) -> WindowCall.Spec? { if case .window(let w) = e { w.spec } else { nil } }
        var sorts: [WindowCall.Spec?] = []
        for c in calls where !sorts.contains(keys(c)) { sorts.append(keys(c)) }
        calls = sorts.flatMap { k in calls.filter { keys($0) == k } }
        var out = plan
        var columns: [Expr: Expr] = [:]
        for call in calls {
            let input = out
            let window = try located(span) { () throws(PlanError) in try Window([call], input: input) }
            columns[call] = .column(window.schema.fields[window.schema.count - 1].column)
            out = .window(window)
        }
        for i in exprs.indices {
            exprs[i] = try exprs[i].transformDown { (node: Expr) -> Transformed<Expr> in
                if let c = columns[node] { return Transformed(c, changed: true, recursion: .jump) }
                return .no(node)
            }.value
        }
        return out
    }
}
