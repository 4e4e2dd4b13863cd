import PlanCore

/// The binder's coercions: wherever values of different types meet, the bound plan gets
/// the `CAST(…)` the executor performs (``TypeCoercion`` decides which), so plans show
/// every conversion; `simplify_expressions` folds the casts of literals.
extension Binder {
    /// An expression planner's result with the binder's comparison rules applied to every
    /// comparison in it, as if the user had written it.
    func comparisonsCoerced(_ e: Expr, span: SourceSpan, scope: Scope) throws(PlanError) -> Expr {
        try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            guard case .binary(let a, let op, let b) = x, op.comparesValues else { return .no(x) }
            let (ca, cb) = try comparable(a, span, b, span, scope: scope)
            return ca == a && cb == b ? .no(x) : .yes(.binary(ca, op, cb))
        }.value
    }

    /// `a op b` for a comparison, with the casts it needs.
    func comparable(_ a: Expr, _ aSpan: SourceSpan, _ b: Expr, _ bSpan: SourceSpan, scope: Scope) throws(PlanError) -> (Expr, Expr) {
        guard var at = try? a.dataType(in: scope.schema), var bt = try? b.dataType(in: scope.schema) else { return (a, b) }
        var a = a, b = b
        (a, at) = try comparedUnknown(a, at, aSpan, meeting: bt)
        (b, bt) = try comparedUnknown(b, bt, bSpan, meeting: at)
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
            (e, t) = try comparedUnknown(e, t, s, meeting: vt)
            (value, vt) = try comparedUnknown(value, vt, span, meeting: t)
            (e, t) = try textAsNumber(e, t, s, meeting: vt)
            (value, vt) = try textAsNumber(value, vt, span, meeting: t)
            typed.append((e, t))
        }
        return TypeCoercion.comparison(value, vt, typed)
    }

    /// An untyped string literal compared with a value of another type takes that type
    /// (`bool_col = 'yes'`, `interval_col > '1 day'`), read now so a bad literal is an
    /// error at its position; numbers are left to ``textAsNumber(_:_:_:meeting:)``, which
    /// reads it the same way and also takes text columns (docs/sql-semantics.md).
    func comparedUnknown(_ e: Expr, _ t: DataType, _ span: SourceSpan, meeting other: DataType) throws(PlanError) -> (Expr, DataType) {
        guard TypeCoercion.isUnknown(e), TypeCoercion.resolvesUnknown(other), !other.isNumeric else { return (e, t) }
        do { return (try TypeCoercion.resolveUnknown(e, as: other), other) } catch { throw error.located(at: span) }
    }

    /// The operands of arithmetic when one is an untyped string literal: it takes the type
    /// the other operand gives it (`'1' + 1` is `1 + 1`; TypeCoercion's `unknown` rules).
    func arithmeticOperands(_ l: Expr, _ lt: DataType, _ lSpan: SourceSpan, _ op: BinaryOperator,
                            _ r: Expr, _ rt: DataType, _ rSpan: SourceSpan) throws(PlanError) -> (Expr, DataType, Expr, DataType) {
        let lu = TypeCoercion.isUnknown(l), ru = TypeCoercion.isUnknown(r)
        if lu, !ru, let t = TypeCoercion.unknownOperandType(op, other: rt) {
            do { return (try TypeCoercion.resolveUnknown(l, as: t), t, r, rt) } catch { throw error.located(at: lSpan) }
        }
        if ru, !lu, let t = TypeCoercion.unknownOperandType(op, other: lt) {
            do { return (l, lt, try TypeCoercion.resolveUnknown(r, as: t), t) } catch { throw error.located(at: rSpan) }
        }
        return (l, lt, r, rt)
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
    func caseResults(_ thens: [Expr], _ elseExpr: Expr?, spans: [SourceSpan], scope: Scope) throws(PlanError) -> ([Expr], Expr?) {
        let results = thens + (elseExpr.map { [$0] } ?? [])
        guard let unified = try unifiedResults(results, spans: spans, scope: scope) else { return (thens, elseExpr) }
        return (Array(unified.prefix(thens.count)), elseExpr == nil ? nil : unified.last)
    }

    /// Values that become one result, each cast to their common type; nil when they have
    /// none (the type check reports it). Untyped string literals among them take the
    /// common type of the others, or stay text when all are (PostgreSQL's
    /// `select_common_type`); `spans` locate a literal that does not read as that type.
    func unifiedResults(_ values: [Expr], spans: [SourceSpan], scope: Scope) throws(PlanError) -> [Expr]? {
        var values = values
        var types: [DataType] = []
        for v in values {
            guard let t = try? v.dataType(in: scope.schema) else { return nil }
            types.append(t)
        }
        let unknown = values.map(TypeCoercion.isUnknown)
        if let known = TypeCoercion.commonKnownType(types, unknown: unknown), TypeCoercion.resolvesUnknown(known) {
            for i in values.indices where unknown[i] {
                do { values[i] = try TypeCoercion.resolveUnknown(values[i], as: known) } catch {
                    throw error.located(at: i < spans.count ? spans[i] : .none)
                }
                types[i] = known
            }
        }
        var common: DataType = .null
        for t in types {
            guard let c = DataType.commonType(common, t) else { return nil }
            common = c
        }
        return zip(values, types).map { TypeCoercion.unified($0, $1, to: common) }
    }

    /// A scalar function's arguments cast where the function unifies them
    /// (`coalesce`, `greatest`, `least`, `mod`, `nullif`), and untyped string literals
    /// read as the type the function takes at their position (`abs('-5')`).
    func coercedArguments(_ function: ScalarFunction, _ args: [Expr], spans: [SourceSpan], scope: Scope) throws(PlanError) -> Expr {
        var args = args
        for i in args.indices where TypeCoercion.isUnknown(args[i]) {
            guard let t = function.unknownArgumentType(at: i, count: args.count) else { continue }
            do { args[i] = try TypeCoercion.resolveUnknown(args[i], as: t) } catch { throw error.located(at: spans[i]) }
        }
        switch function {
        case .mod where args.contains(where: { (try? $0.dataType(in: scope.schema))?.isFloat == true }):
            // No mod of doubles (PostgreSQL): left as written, for the error to name the types.
            return .scalarFunction(function, args)
        case .coalesce, .greatest, .least, .mod:
            return .scalarFunction(function, try unifiedResults(args, spans: spans, scope: scope) ?? args)
        case .nullif where args.count == 2:
            // As `a = b` resolves them: an untyped literal takes the other argument's type.
            let types = args.map { try? $0.dataType(in: scope.schema) }
            let unknown = args.map(TypeCoercion.isUnknown)
            for (i, j) in [(0, 1), (1, 0)] where unknown[i] && !unknown[j] {
                guard let t = types[j], TypeCoercion.resolvesUnknown(t) else { continue }
                do { args[i] = try TypeCoercion.resolveUnknown(args[i], as: t) } catch { throw error.located(at: spans[i]) }
            }
            return .scalarFunction(function, args)
        default:
            return .scalarFunction(function, args)
        }
    }

    /// VALUES rows with the untyped string literals of each column read as the column's
    /// common type (text when the whole column is such literals).
    func unknownsResolved(_ rows: [[Expr]], spans: [[SourceSpan]]) throws(PlanError) -> [[Expr]] {
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else { return rows }
        var rows = rows
        for c in 0..<width {
            let column = rows.map { $0[c] }
            guard let resolved = try unifiedUnknowns(column, spans: spans.map { c < $0.count ? $0[c] : .none }) else { continue }
            for r in rows.indices { rows[r][c] = resolved[r] }
        }
        return rows
    }

    /// Only the unknown-literal part of ``unifiedResults(_:spans:scope:)``, over constant
    /// values (a VALUES column); nil when nothing changes.
    func unifiedUnknowns(_ values: [Expr], spans: [SourceSpan]) throws(PlanError) -> [Expr]? {
        let unknown = values.map(TypeCoercion.isUnknown)
        guard unknown.contains(true) else { return nil }
        var types: [DataType] = []
        for v in values {
            guard let t = try? v.dataType(in: .empty) else { return nil }
            types.append(t)
        }
        guard let known = TypeCoercion.commonKnownType(types, unknown: unknown), TypeCoercion.resolvesUnknown(known) else { return nil }
        var out = values
        for i in values.indices where unknown[i] {
            do { out[i] = try TypeCoercion.resolveUnknown(values[i], as: known) } catch {
                throw error.located(at: i < spans.count ? spans[i] : .none)
            }
        }
        return out
    }

    /// The two sides of a set operation with an output column that is an untyped string
    /// literal on one side (`SELECT 1 UNION SELECT '2'`) read as the other side's type
    /// (PostgreSQL resolves them as one column; both untyped, they are text).
    func unknownOutputsResolved(_ left: LogicalPlan, _ right: LogicalPlan) throws(PlanError) -> (LogicalPlan, LogicalPlan) {
        let lf = left.schema.fields, rf = right.schema.fields
        guard lf.count == rf.count else { return (left, right) }
        var l = left, r = right
        for i in lf.indices {
            let lu = Binder.unknownOutput(left, i), ru = Binder.unknownOutput(right, i)
            if lu, !ru { l = try Binder.resolvedOutput(l, i, as: rf[i].dataType) }
            if ru, !lu { r = try Binder.resolvedOutput(r, i, as: lf[i].dataType) }
        }
        return (l, r)
    }

    static func unknownOutput(_ plan: LogicalPlan, _ i: Int) -> Bool {
        guard case .projection(let p) = plan, i < p.exprs.count else { return false }
        return TypeCoercion.isUnknown(p.exprs[i])
    }

    static func resolvedOutput(_ plan: LogicalPlan, _ i: Int, as type: DataType) throws(PlanError) -> LogicalPlan {
        guard case .projection(let p) = plan, TypeCoercion.resolvesUnknown(type) else { return plan }
        var exprs = p.exprs
        exprs[i] = try TypeCoercion.resolveUnknown(p.exprs[i], as: type).alias(p.schema.fields[i].name)
        return .projection(try Projection(exprs, input: p.input))
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
