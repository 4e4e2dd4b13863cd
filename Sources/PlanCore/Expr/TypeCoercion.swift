/// Where values of different types meet, the casts that make the meeting explicit.
///
/// The binder calls these wherever it coerces (comparisons, IN lists, BETWEEN, CASE,
/// arithmetic, `||`, function arguments, set operations), so a bound plan shows every
/// conversion the executor performs as a `CAST(…)`; `simplify_expressions` then folds
/// the casts of literals. As DataFusion's type coercion and unwrap-cast rules do, a
/// literal compared with a column is cast to the column's type when that is exact, so
/// the column stays bare and scans still see `column op literal`:
///
///     lineitem.l_quantity < Int64(24)
///       bound:      lineitem.l_quantity < CAST(Int64(24) AS Decimal128(15, 2))
///       optimized:  lineitem.l_quantity < Decimal128(Some(2400),15,2)
///
/// When the literal does not fit the column's type (`int_col = 10000000000`,
/// `int_col = 1.5`), both sides go to their common type, as the executor compares them.
public enum TypeCoercion {
    /// Whether every value of `from` converts to `to` without error or loss and in order,
    /// so that `CAST(x AS to) op CAST(y AS to)` holds exactly when `x op y` does.
    public static func isLosslessWidening(from: DataType, to: DataType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.float32, .float64), (.date, .timestamp): return true
        case (.int16, .float64), (.int32, .float64): return true
        case (.decimal(let p0, let s0), .decimal(let p, let s)): return s >= s0 && p - s >= p0 - s0
        case (.decimal(let p0, _), .numeric): return p0 <= NumericValue.maxDigits
        default: break
        }
        if from.isInteger, to.isInteger { return from.integerRank <= to.integerRank }
        if from.isInteger, to == .numeric { return true }
        if from.isInteger, case .decimal(let p, let s) = to, let (digits, _) = from.asDecimal { return p - s >= digits }
        return false
    }

    /// `v` as a value of `type` when the conversion is exact: it succeeds, the result
    /// equals `v`, and both are exact numbers, both floats or both dates/timestamps
    /// (an integer is never read as a float or back, where large values round).
    public static func exactValue(_ v: ScalarValue, as type: DataType) -> ScalarValue? {
        let from = v.dataType
        let exactNumbers = from.isExactNumeric && type.isExactNumeric
        // A TIMESTAMPTZ meets a date or timestamp only through the session's zone.
        let temporal = from.isTemporal && type.isTemporal && (from == .timestampTZ) == (type == .timestampTZ)
        guard !v.isNull, exactNumbers || (from.isFloat && type.isFloat) || temporal,
              let c = try? ScalarOps.cast(v, to: type), ScalarOps.compare(c, v) == 0 else { return nil }
        return c
    }

    /// `e` (of type `from`) as `to`: unchanged when the types are equal or `e` is NULL.
    public static func cast(_ e: Expr, from: DataType, to: DataType) -> Expr {
        from == to || from == .null ? e : .cast(e, to)
    }

    /// A value compared with others (`a = b`, `x IN (…)`, `x BETWEEN lo AND hi`, the
    /// operand of a CASE against its WHEN values), with the casts the comparison needs.
    ///
    /// Numbers and dates meet in their common type, as the executor compares them. When
    /// the value's own type is narrower, the others are cast to it instead where each is
    /// a literal that converts exactly (or already fits), so the value stays uncast.
    /// Other meetings (text with text, booleans) need no cast and are left alone.
    public static func comparison(_ value: Expr, _ valueType: DataType, _ others: [(Expr, DataType)]) -> (Expr, [Expr]) {
        let unchanged = (value, others.map(\.0))
        var common = valueType
        for (_, t) in others {
            guard let c = DataType.commonType(common, t) else { return unchanged }
            common = c
        }
        guard valueType != .null, common.isNumeric || common.isTemporal else { return unchanged }
        let fits = others.map { e, t in
            if t == valueType || t == .null || isLosslessWidening(from: t, to: valueType) { return true }
            if case .literal(let v) = e { return exactValue(v, as: valueType) != nil }
            return false
        }
        // When some do not fit, they meet the value in their common type (those that fit
        // do not widen it: `dec_2 BETWEEN 1 AND 2.555` compares in DECIMAL(11,3), not
        // in a type wide enough for every BIGINT).
        var target = valueType
        for ((_, t), fit) in zip(others, fits) where !fit { target = DataType.commonType(target, t) ?? common }
        return (cast(value, from: valueType, to: target), others.map { cast($0.0, from: $0.1, to: target) })
    }

    /// `a op b` for two comparison operands: the one that is not a literal is the value
    /// the other is fitted to.
    public static func comparison(_ a: Expr, _ at: DataType, _ b: Expr, _ bt: DataType) -> (Expr, Expr) {
        if case .literal = a, !isLiteral(b) {
            let (value, others) = comparison(b, bt, [(a, at)])
            return (others[0], value)
        }
        let (value, others) = comparison(a, at, [(b, bt)])
        return (value, others[0])
    }

    /// The operands of arithmetic or `||`, cast to the types the operator computes in:
    /// integers widen to the wider integer, an integer meeting a decimal becomes the
    /// decimal it converts to without loss (`Int64` → `Decimal128(19, 0)`), anything
    /// meeting a float becomes `Float64`, a non-text operand of `||` becomes text.
    /// Anything exact meeting an unconstrained NUMERIC becomes NUMERIC. Decimals of
    /// different shapes are left as they are (the result's precision and
    /// scale come from both). The result type is the same as without the casts.
    public static func arithmetic(_ l: Expr, _ lt: DataType, _ op: BinaryOperator, _ r: Expr, _ rt: DataType) -> (Expr, Expr) {
        if op == .concat {
            func text(_ e: Expr, _ t: DataType) -> Expr { t.isString || t == .null ? e : .cast(e, .text) }
            return (text(l, lt), text(r, rt))
        }
        guard lt.isNumeric, rt.isNumeric else { return (l, r) }
        if lt.isFloat || rt.isFloat { return (cast(l, from: lt, to: .float64), cast(r, from: rt, to: .float64)) }
        if lt.isInteger, rt.isInteger {
            let wide = lt.integerRank >= rt.integerRank ? lt : rt
            return (cast(l, from: lt, to: wide), cast(r, from: rt, to: wide))
        }
        if lt == .numeric || rt == .numeric { return (cast(l, from: lt, to: .numeric), cast(r, from: rt, to: .numeric)) }
        func decimal(_ t: DataType) -> DataType {
            guard t.isInteger, let (p, s) = t.asDecimal else { return t }
            return .decimal(precision: p, scale: s)
        }
        return (cast(l, from: lt, to: decimal(lt)), cast(r, from: rt, to: decimal(rt)))
    }

    /// Values that become one column or one result (CASE branches, COALESCE arguments,
    /// the columns of a set operation) cast to the `common` type they are unified in.
    /// Only numbers and dates are converted (text of any length is already text).
    public static func unified(_ e: Expr, _ t: DataType, to common: DataType) -> Expr {
        guard common.isNumeric || common.isTemporal else { return e }
        return cast(e, from: t, to: common)
    }

    static func isLiteral(_ e: Expr) -> Bool {
        if case .literal = e { return true }
        return false
    }
}
