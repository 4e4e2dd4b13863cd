import PlanCore

/// Folds constants, applies boolean algebra and puts comparisons in a canonical form.
///
///     Filter: t.a > Int64(1) + Int64(2) AND Boolean(true)    ──►    Filter: t.a > Int64(3)
///
/// - constant folding: a subtree without columns or subqueries is evaluated (one that
///   would fail, such as `1/0`, is left for run time);
/// - `x AND true` → `x`, `x AND false` → `false`, `x OR false` → `x`, `x OR true` → `true`,
///   `NOT NOT x` → `x`;
/// - `literal op column` → `column op' literal`;
/// - casts of literals fold (`CAST(Int64(100) AS Decimal128(15, 2))` →
///   `Decimal128(Some(10000),15,2)`) when the cast succeeds; one that would fail
///   (overflow, text that does not parse) stays, to fail at run time as written;
/// - `CAST(column AS wider) op literal` → `column op literal` when the literal is
///   exactly a value of the column's type (unwrap-cast, as DataFusion's simplifier);
/// - CASE branches whose WHEN is a constant false are dropped; a first WHEN true wins;
///   `coalesce` drops NULL arguments and those after a non-NULL constant (never reached).
///   Nothing raises here: a constant that would fail is left to fail at run time, on the
///   rows that reach it.
/// Output column names are kept: a changed projection item is aliased to its old name.
public struct SimplifyExpressions: OptimizerRule {
    public let name = "simplify_expressions"
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        let old = plan.expressions
        if old.isEmpty { return .no(plan) }
        guard let schema = plan.inputs.count == 1 ? plan.inputs[0].schema
                : (plan.inputs.count == 2 ? plan.inputs[0].schema.joined(with: plan.inputs[1].schema) : Schema.empty) as Schema? else {
            return .no(plan)
        }
        var new: [Expr] = []
        var changed = false
        for e in old {
            let s = try Self.simplify(e, schema: schema)
            if s != e { changed = true }
            new.append(s)
        }
        guard changed else { return .no(plan) }
        // Keep output names where the node's expressions name its output.
        switch plan {
        case .projection(let p):
            for i in new.indices where new[i] != old[i] {
                if case .alias = old[i] { continue }
                new[i] = new[i].alias(p.schema.fields[i].name)
            }
        case .aggregate(let a):
            for i in new.indices where new[i] != old[i] {
                if case .alias = old[i] { continue }
                if i < a.groupBy.count, case .column = old[i] { continue }
                new[i] = new[i].alias(a.schema.fields[i].name)
            }
        case .window(let w):
            let width = w.input.schema.count
            for i in new.indices where new[i] != old[i] {
                if case .alias = old[i] { continue }
                new[i] = new[i].alias(w.schema.fields[width + i].name)
            }
        default: break
        }
        return .yes(try plan.withExpressions(new))
    }

    static func simplify(_ e: Expr, schema: Schema) throws(PlanError) -> Expr {
        // Bottom-up, each node looked at once and never compared with its rewrite (a deep
        // comparison at every node of a long AND chain would be quadratic).
        try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            simplifyNode(x, schema: schema).map { .yes($0) } ?? .no(x)
        }.value
    }

    static func isNullLiteral(_ e: Expr) -> Bool {
        if case .literal(.null) = e { return true }
        if case .cast(.literal(.null), _) = e { return true }
        return false
    }

    static func isConstant(_ e: Expr) -> Bool {
        if case .literal = e { return true }
        if case .cast(.literal, _) = e { return true }
        return false
    }

    /// `x` simplified, or nil when no rule applies (its inputs are already simplified).
    static func simplifyNode(_ x: Expr, schema: Schema) -> Expr? {
        switch x {
        case .logical(let op, let operands):
            // AND: TRUE operands drop out and a FALSE one decides (OR the other way round);
            // nested chains of the same operator flatten; a repeated operand counts once.
            let deciding = ScalarValue.boolean(op == .or), neutral = Expr.literal(.boolean(op == .and))
            var kept: [Expr] = []
            var seen = Set<Expr>()
            for e in operands.flatMap({ $0.operands(of: op) }) {
                if e == .literal(deciding) { return .literal(deciding) }
                if e == neutral || !seen.insert(e).inserted { continue }
                kept.append(e)
            }
            if let lists = equalitiesAsInList(op, kept) { return lists }
            if kept != operands { return Expr.chain(op, kept) ?? neutral }
        case .not(.not(let inner)):
            return inner
        case .binary(let l, let op, let r) where op.isNullSafeComparison && (Self.isNullLiteral(l) || Self.isNullLiteral(r)):
            // `x IS DISTINCT FROM NULL` is `x IS NOT NULL` (a test scans can take).
            return .isTest(Self.isNullLiteral(l) ? r : l, op == .isDistinctFrom ? .isNotNull : .isNull)
        case .binary(let l, _, let r) where Self.isNullLiteral(l) || Self.isNullLiteral(r):
            // NULL propagates through arithmetic, comparisons and ||.
            if let t = try? x.dataType(in: schema) { return t == .null ? .literal(.null) : .cast(.literal(.null), t) }
        case .binary(let l, let op, let r) where op.isComparison && isConstant(l) && !isConstant(r):
            if let swapped = op.swapped {
                let canonical = Expr.binary(r, swapped, l)
                return unwrappedCast(canonical, schema: schema) ?? canonical
            }
        case .binary(.cast, _, .literal), .inList(.cast, _, _):
            if let unwrapped = unwrappedCast(x, schema: schema) { return unwrapped }
        case .scalarFunction(.coalesce, let args):
            // NULL arguments never give the value, and those after a non-NULL constant are
            // never reached (so `coalesce(1, 1/0)` is 1, as in PostgreSQL). The binder has
            // cast the arguments to one type, so the result keeps it.
            var kept: [Expr] = []
            for a in args where !isNullLiteral(a) {
                kept.append(a)
                if isConstant(a) { break }
            }
            if kept.isEmpty, let t = try? x.dataType(in: schema) { return t == .null ? .literal(.null) : .cast(.literal(.null), t) }
            if !kept.isEmpty, kept != args { return .scalarFunction(.coalesce, kept) }
        case .caseWhen(let c) where c.operand == nil:
            var branches = c.branches.filter { $0.when != .literal(.boolean(false)) && $0.when != .literal(.null) }
            if let first = branches.first, first.when == .literal(.boolean(true)) { return first.then }
            if branches.isEmpty { return c.elseExpr ?? .literal(.null) }
            if branches.count != c.branches.count {
                branches = Array(branches)
                return .caseWhen(CaseWhen(operand: nil, branches: branches, elseExpr: c.elseExpr))
            }
        default: break
        }
        // Constant folding: inputs are already folded, so a node folds when every input is
        // a constant (looking only at the node and its inputs keeps the pass linear).
        if case .literal = x { return nil }
        if case .alias = x { return nil }
        switch x {
        case .column, .outerColumn, .aggregate, .exists, .inSubquery, .scalarSubquery: return nil
        default: break
        }
        guard x.children.allSatisfy(isConstant), let type = try? x.dataType(in: schema),
              let v = try? ConstantEvaluator.evaluate(x) else { return nil }
        if v.isNull { return type == .null ? .literal(.null) : .cast(.literal(.null), type) }
        guard let typed = try? ScalarOps.cast(v, to: type) else { return nil }
        if case .cast(.literal(let inner), _) = x, inner == typed { return nil }
        // A DECIMAL literal must carry the expression's precision to keep types equal.
        return .literal(typed)
    }
}

extension SimplifyExpressions {
    /// `CAST(x AS wide) op literal` → `x op literal′` (and IN lists alike) when `x`'s type
    /// widens into `wide` without loss and the literal is exactly a value of `x`'s type:
    /// the comparison is the same, and a scan sees its column bare (DataFusion's
    /// unwrap-cast). Literals that do not fit (`CAST(int_col AS Int64) = 10000000000`)
    /// keep the cast.
    static func unwrappedCast(_ x: Expr, schema: Schema) -> Expr? {
        func narrowed(_ inner: Expr, _ wide: DataType, _ literals: [Expr]) -> [Expr]? {
            guard let t = try? inner.dataType(in: schema), t != wide, TypeCoercion.isLosslessWidening(from: t, to: wide) else { return nil }
            var out: [Expr] = []
            for e in literals {
                guard case .literal(let v) = e else { return nil }
                if v.isNull { out.append(e); continue }
                guard let fitted = TypeCoercion.exactValue(v, as: t) else { return nil }
                out.append(.literal(fitted))
            }
            return out
        }
        switch x {
        case .binary(.cast(let inner, let wide), let op, .literal(let v)) where op.isComparison:
            return narrowed(inner, wide, [.literal(v)]).map { .binary(inner, op, $0[0]) }
        case .inList(.cast(let inner, let wide), let items, let negated):
            return narrowed(inner, wide, items).map { .inList(inner, $0, negated: negated) }
        default:
            return nil
        }
    }
}

/// Evaluates an expression made only of constants with ``ScalarOps`` (the executor's
/// semantics).
enum ConstantEvaluator {
    static func evaluate(_ e: Expr) throws(PlanError) -> ScalarValue {
        let type = try e.dataType(in: .empty)
        switch e {
        case .literal(let v): return v
        case .alias(let x, _): return try evaluate(x)
        case .cast(let x, let t): return try ScalarOps.cast(try evaluate(x), to: t)
        case .negative(let x): return try ScalarOps.negate(try evaluate(x))
        case .not(let x):
            let v = try evaluate(x)
            if case .boolean(let b) = v { return .boolean(!b) }
            return .null
        case .binary(let l, let op, let r):
            return try ScalarOps.binary(op, try evaluate(l), try evaluate(r), resultType: type)
        case .isTest(let x, let t):
            let v = try evaluate(x)
            switch t {
            case .isNull, .isUnknown: return .boolean(v.isNull)
            case .isNotNull, .isNotUnknown: return .boolean(!v.isNull)
            case .isTrue: return .boolean(v == .boolean(true))
            case .isNotTrue: return .boolean(v != .boolean(true))
            case .isFalse: return .boolean(v == .boolean(false))
            case .isNotFalse: return .boolean(v != .boolean(false))
            }
        case .scalarFunction(let f, let args):
            var values: [ScalarValue] = []
            for a in args { values.append(try evaluate(a)) }
            return try ScalarOps.function(f, values, resultType: type)
        default:
            throw PlanError(.unsupported, "not a constant")
        }
    }
}
