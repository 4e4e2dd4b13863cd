import PlanCore

/// Aggregate calls: `f([DISTINCT] args [ORDER BY …]) [WITHIN GROUP (ORDER BY …)]
/// [FILTER (WHERE …)]`, with PostgreSQL's rules for where an order may be written, and the
/// constant arguments (`string_agg`'s delimiter, a percentile's fraction) checked as written.
extension Binder {
    mutating func bindAggregateCall(_ agg: AggregateFunction, _ call: FunctionCall, scope: Scope,
                                    span: SourceSpan) throws(PlanError) -> Expr {
        let name = call.name.normalized
        try checkOrderForm(agg, call, name: name, span: span)
        var args: [Expr] = []
        if call.args.count == 1, case .wildcard = call.args[0].kind {
            guard agg == .count else {
                throw PlanError(.syntax, "\(name)(*) is not valid; only count(*) takes '*'", at: span)
            }
            if call.distinct { throw PlanError(.syntax, "count(DISTINCT *) is not valid", at: span) }
        } else {
            let arity = agg.writtenArity
            guard arity.contains(call.args.count), agg != .count || !call.args.isEmpty else {
                let n = agg == .count ? 1 : arity.lowerBound
                var message = "function \(name) takes \(n == 0 ? "no" : "\(n)") argument\(n == 1 ? "" : "s"), got \(call.args.count)"
                if agg.isOrderedSet { message += " (its value goes in WITHIN GROUP (ORDER BY …))" }
                throw PlanError(.arity, message, at: span)
            }
            for a in call.args {
                args.append(try bindExpr(a, scope: scope, allowAggregates: false, clause: "aggregate argument"))
            }
        }
        var orderBy: [SortExpr] = []
        for o in call.withinGroup ?? call.orderBy {
            let e = try bindExpr(o.expr, scope: scope, allowAggregates: false, clause: "aggregate argument").unaliased
            orderBy.append(SortExpr(e, ascending: o.ascending, nullsFirst: o.nullsFirst))
        }
        if call.distinct, let (k, _) = orderBy.enumerated().first(where: { o in !args.contains { $0.unaliased == o.element.expr } }) {
            throw PlanError(.invalidPlan, "in an aggregate with DISTINCT, ORDER BY expressions must appear in the argument list",
                            at: call.orderBy[k].expr.span)
        }
        let filter = try call.filter.map { (f: SQLExpr) throws(PlanError) -> Expr in
            try bindPredicate(f, scope: scope, clause: "FILTER")
        }
        let bound = AggregateCall(agg, args, distinct: call.distinct, filter: filter, orderBy: orderBy)
        let types = try located(span) { () throws(PlanError) in
            try bound.signatureArgs.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: scope.schema) }
        }
        if case .failure(let e) = agg.returnType(types) { throw PlanError(.typeMismatch, e.message, at: span) }
        try checkConstantArguments(agg, args, spans: call.args.map(\.span))
        return .aggregate(bound)
    }

    /// WITHIN GROUP only on the ordered-set aggregates, and required there; no DISTINCT or
    /// second ORDER BY with it; exactly one value in it.
    private func checkOrderForm(_ agg: AggregateFunction, _ call: FunctionCall, name: String, span: SourceSpan) throws(PlanError) {
        guard let within = call.withinGroup else {
            if agg.isOrderedSet {
                throw PlanError(.invalidPlan, "WITHIN GROUP is required for ordered-set aggregate \(name): write \(name)(…) WITHIN GROUP (ORDER BY x)", at: span)
            }
            return
        }
        guard agg.isOrderedSet else {
            throw PlanError(.invalidPlan, "\(name) is not an ordered-set aggregate, so it cannot have WITHIN GROUP (the ordered-set aggregates are percentile_cont, percentile_disc and mode)", at: span)
        }
        if !call.orderBy.isEmpty {
            throw PlanError(.invalidPlan, "ORDER BY is not allowed in the arguments of ordered-set aggregate \(name): its order is WITHIN GROUP (ORDER BY …)", at: call.orderBy[0].expr.span)
        }
        if call.distinct { throw PlanError(.invalidPlan, "cannot use DISTINCT with WITHIN GROUP (\(name))", at: span) }
        if within.count != 1 {
            throw PlanError(.arity, "\(name) takes exactly one WITHIN GROUP (ORDER BY …) expression, got \(within.count)", at: span)
        }
    }

    /// `string_agg`'s delimiter and a percentile's fraction: constants (NULL allowed), a
    /// fraction between 0 and 1.
    private func checkConstantArguments(_ agg: AggregateFunction, _ args: [Expr], spans: [SourceSpan]) throws(PlanError) {
        switch agg {
        case .stringAgg:
            guard args.count == 2, spans.count == 2 else { return }
            guard AggregateCall.constant(args[1]) != nil else {
                throw PlanError(.unsupported, "string_agg's delimiter must be a constant", at: spans[1])
            }
        case .percentileCont, .percentileDisc:
            guard let arg = args.first, let at = spans.first else { return }
            guard let value = AggregateCall.constant(arg) else {
                throw PlanError(.unsupported, "\(agg.rawValue)'s fraction must be a constant between 0 and 1", at: at)
            }
            if value.isNull { return }
            guard let f = value.doubleValue, f >= 0, f <= 1 else {
                throw PlanError(.invalidPlan, "percentile value \(value.sqlText) is not between 0 and 1", at: at)
            }
        default: return
        }
    }
}
