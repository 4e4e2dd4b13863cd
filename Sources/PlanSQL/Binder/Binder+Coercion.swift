import PlanCore

/// The binder's coercions: wherever values of different types meet, the bound plan gets
/// the `CAST(…)` the executor performs (``TypeCoercion`` decides which), so plans show
/// every conversion; `simplify_expressions` folds the casts of literals.
extension Binder {
    /// An expression planner's result with the binder's comparison rules applied to every
    /// comparison in it, as if the user had written it.
    func comparisonsCoerced(_ e: Expr, span: SourceSpan, scope: Scope) throws(PlanError) -> Expr {
        try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            guard case .binary(let a, let op, let b) = x, op.isComparison else { return .no(x) }
            let (ca, cb) = try comparable(a, span, b, span, scope: scope)
            return ca == a && cb == b ? .no(x) : .yes(.binary(ca, op, cb))
        }.value
    }

    /// `a op b` for a comparison, with the casts it needs.
    func comparable(_ a: Expr, _ aSpan: SourceSpan, _ b: Expr, _ bSpan: SourceSpan, scope: Scope) throws(PlanError) -> (Expr, Expr) {
        guard var at = try? a.dataType(in: scope.schema), var bt = try? b.dataType(in: scope.schema) else { return (a, b) }
        var a = a, b = b
        (a, at) = try textAsNumber(a, at, aSpan, meeting: bt)
        (b, bt) = try textAsNumber(b, bt, bSpan, meeting: at)
        return TypeCoercion.comparison(a, at, b, bt)
    }

    /// A value compared with several others (IN lists, BETWEEN, a CASE operand and its
    /// WHEN values), with the casts the comparisons need.
    func comparable(_ value: Expr, _ span: SourceSpan, _ others: [(Expr, SourceSpan)], scope: Scope) throws(PlanError) -> (Expr, [Expr]) {
        let unchanged = (value, others.map(\.0))
        guard var vt = try? value.dataType(in: scope.schema) else { return unchanged }
        var value = value
        var typed: [(Expr, DataType)] = []
        for (e, s) in others {
            guard var t = try? e.dataType(in: scope.schema) else { return unchanged }
            var e = e
            (e, t) = try textAsNumber(e, t, s, meeting: vt)
            (value, vt) = try textAsNumber(value, vt, span, meeting: t)
            typed.append((e, t))
        }
        return TypeCoercion.comparison(value, vt, typed)
    }

    /// Text compared with a number is read as that number (docs/sql-semantics.md): the
    /// text side gets a CAST to the widest type of the number's kind, so its own digits
    /// never overflow (`s = 1` casts `s` row by row). Text written as a literal is read
    /// at once, so `'abc' = 1` is an error at its position; when its value fits the
    /// number's own type exactly it is cast straight to that type (`CAST(Utf8("5") AS
    /// Int32)`), which leaves the number's side uncast.
    func textAsNumber(_ e: Expr, _ t: DataType, _ span: SourceSpan, meeting other: DataType) throws(PlanError) -> (Expr, DataType) {
        guard t.isString, other.isNumeric else { return (e, t) }
        let wide: DataType
        if other.isInteger { wide = .int64 }
        else if case .decimal(_, let s) = other { wide = .decimal(precision: DataType.maxDecimalPrecision, scale: s) }
        else { wide = .float64 }
        if case .literal(let v) = e {
            let parsed: ScalarValue
            do { parsed = try ScalarOps.cast(v, to: wide) } catch { throw error.located(at: span) }
            if let fitted = TypeCoercion.exactValue(parsed, as: other), (try? ScalarOps.cast(v, to: other)) == fitted {
                return (.cast(e, other), other)
            }
        }
        return (.cast(e, wide), wide)
    }

    /// The THEN and ELSE results of a CASE cast to the type they are unified in.
    func caseResults(_ thens: [Expr], _ elseExpr: Expr?, span: SourceSpan, scope: Scope) throws(PlanError) -> ([Expr], Expr?) {
        let results = thens + (elseExpr.map { [$0] } ?? [])
        guard let unified = unifiedResults(results, scope: scope) else { return (thens, elseExpr) }
        return (Array(unified.prefix(thens.count)), elseExpr == nil ? nil : unified.last)
    }

    /// Values that become one result, each cast to their common type; nil when they have
    /// none (the type check reports it).
    func unifiedResults(_ values: [Expr], scope: Scope) -> [Expr]? {
        var types: [DataType] = []
        var common: DataType = .null
        for v in values {
            guard let t = try? v.dataType(in: scope.schema), let c = DataType.commonType(common, t) else { return nil }
            types.append(t)
            common = c
        }
        return zip(values, types).map { TypeCoercion.unified($0, $1, to: common) }
    }

    /// A scalar function's arguments cast where the function unifies them
    /// (`coalesce`, `greatest`, `least`, `mod`).
    func coercedArguments(_ function: ScalarFunction, _ args: [Expr], scope: Scope) -> Expr {
        switch function {
        case .mod where args.contains(where: { (try? $0.dataType(in: scope.schema))?.isFloat == true }):
            // No mod of doubles (PostgreSQL): left as written, for the error to name the types.
            return .scalarFunction(function, args)
        case .coalesce, .greatest, .least, .mod:
            return .scalarFunction(function, unifiedResults(args, scope: scope) ?? args)
        default:
            return .scalarFunction(function, args)
        }
    }

    /// `plan` with each output column cast to the type at the same position of `schema`
    /// (the two sides of a set operation, conformed to its common types).
    func conformed(_ plan: LogicalPlan, to schema: Schema) -> LogicalPlan {
        let fields = plan.schema.fields
        var exprs: [Expr] = []
        var changed = false
        for (f, target) in zip(fields, schema.fields) {
            let e = TypeCoercion.unified(.column(f.column), f.dataType, to: target.dataType)
            if e == .column(f.column) { exprs.append(e) } else {
                exprs.append(e.alias(f.name))
                changed = true
            }
        }
        guard changed, let projection = try? Projection(exprs, input: plan) else { return plan }
        return .projection(projection)
    }

    /// VALUES rows with each cell cast to its column's type.
    func conformed(_ values: Values) -> Values {
        let types = values.schema.fields.map(\.dataType)
        let rows = values.rows.map { row in
            zip(row, types).map { e, t in TypeCoercion.unified(e, (try? e.dataType(in: .empty)) ?? t, to: t) }
        }
        return (try? Values(rows: rows)) ?? values
    }
}
