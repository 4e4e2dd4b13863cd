/// PostgreSQL's `unknown` type: a string literal written without a type (`'5'`) is not
/// text yet but takes the type its context gives it, as PostgreSQL resolves it:
///
/// - arithmetic: the other operand's type (`'1' + 1` is `1 + 1`), or for a timestamp `±`
///   an interval, for an interval `*` `/` a double; an unknown meeting `||`, text or
///   another unknown stays text;
/// - comparisons, `IN` lists, `BETWEEN`, a simple CASE's operand: the other side's type
///   (`bool_col = 'yes'`, `date_col > '2024-01-01'`; numbers go through the text-as-number
///   rule, docs/sql-semantics.md);
/// - values that become one result (CASE branches, `coalesce`, `greatest`, `least`,
///   `nullif`, VALUES columns, the columns of UNION/INTERSECT/EXCEPT): the common type of
///   the values that are not unknown, or text when all are (PostgreSQL's
///   `select_common_type`);
/// - a function's argument: the type the function takes at that position
///   (``ScalarFunction/unknownArgumentType(at:count:)``).
///
/// The binder reads the literal's text as that type at once, so a bad literal is an
/// error at its position (`invalid input syntax for type bigint: "x"`), and the plan
/// shows the conversion as a `CAST(…)` like every other coercion.
extension TypeCoercion {
    /// Whether `e` is an untyped string literal. Only the binder meets these before they
    /// are resolved: a typed string (`CAST('5' AS TEXT)`, `'5'::text`) is a cast, and a
    /// column of a derived table or view is text, as in PostgreSQL.
    public static func isUnknown(_ e: Expr) -> Bool {
        if case .literal(.string) = e.unaliased { return true }
        return false
    }

    /// Whether an unknown meeting `type` is converted to it (text, NULL and another
    /// unknown leave it text).
    public static func resolvesUnknown(_ type: DataType) -> Bool {
        !type.isString && type != .null
    }

    /// The type an unknown operand of `op` takes opposite an operand of type `other`; nil
    /// when it stays text (`||`, text, NULL) or PostgreSQL finds no one operator (`date +
    /// '1'`, which the type check then refuses).
    public static func unknownOperandType(_ op: BinaryOperator, other: DataType) -> DataType? {
        guard op != .concat, resolvesUnknown(other) else { return nil }
        if (try? Expr.binaryType(other, op, other)) != nil { return other }
        switch (other, op) {
        case (.timestamp, .plus), (.timestamp, .minus), (.timestampTZ, .plus), (.timestampTZ, .minus): return .interval
        case (.interval, .multiply), (.interval, .divide): return .float64
        default: return nil
        }
    }

    /// The type values unified into one result meet in when `unknown` marks the untyped
    /// literals among them: the common type of the others; nil when every value is
    /// unknown (they stay text) or the others have no common type.
    public static func commonKnownType(_ types: [DataType], unknown: [Bool]) -> DataType? {
        var common: DataType = .null
        var known = false
        for (t, u) in zip(types, unknown) where !u {
            guard let c = DataType.commonType(common, t) else { return nil }
            common = c
            known = true
        }
        return known ? common : nil
    }

    /// The unknown literal `e` as a value of `type`: its text read now (a bad literal is
    /// the reader's error, `invalid input syntax for type …`), the plan showing
    /// `CAST(Utf8("…") AS type)`. `e` unchanged when `type` leaves it text.
    public static func resolveUnknown(_ e: Expr, as type: DataType) throws(PlanError) -> Expr {
        guard resolvesUnknown(type), case .literal(let v) = e.unaliased else { return e }
        _ = try ScalarOps.cast(v, to: type)
        let cast = Expr.cast(e.unaliased, type)
        if case .alias(_, let name) = e { return cast.alias(name) }
        return cast
    }
}
