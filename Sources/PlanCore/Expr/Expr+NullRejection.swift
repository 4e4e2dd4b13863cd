/// What is known of an expression's value when some columns are NULL and nothing is known
/// of the others: the abstract domain of ``Expr/valueWhenNull(_:)``.
public enum NullInputValue: Hashable, Sendable {
    case null
    case `false`
    case `true`
    /// NULL or FALSE: never TRUE.
    case nullOrFalse
    /// Anything.
    case unknown

    /// A row with this value in a WHERE clause or join condition is never kept.
    public var isNeverTrue: Bool {
        switch self {
        case .null, .false, .nullOrFalse: true
        case .true, .unknown: false
        }
    }

    /// NOT of this value.
    var negated: NullInputValue {
        switch self {
        case .null: .null
        case .false: .true
        case .true: .false
        case .nullOrFalse, .unknown: .unknown
        }
    }

    /// AND of several values (three-valued logic).
    static func and(_ values: [NullInputValue]) -> NullInputValue {
        if values.contains(.false) { return .false }
        if values.allSatisfy({ $0 == .true }) { return .true }
        if values.contains(where: { $0 == .null || $0 == .nullOrFalse }) { return .nullOrFalse }
        return .unknown
    }

    /// OR of several values (three-valued logic).
    static func or(_ values: [NullInputValue]) -> NullInputValue {
        if values.contains(.true) { return .true }
        if values.allSatisfy({ $0 == .false }) { return .false }
        if values.allSatisfy(\.isNeverTrue) { return .nullOrFalse }
        return .unknown
    }

    /// A function or operator that is NULL when any operand is NULL.
    static func strict(_ operands: [NullInputValue]) -> NullInputValue {
        operands.contains(.null) ? .null : .unknown
    }

    /// `operand IS …`: never NULL itself.
    func tested(_ test: IsTest) -> NullInputValue {
        func known(_ b: Bool) -> NullInputValue { b ? .true : .false }
        switch (self, test) {
        case (.null, .isNull), (.null, .isUnknown), (.null, .isNotTrue), (.null, .isNotFalse): return .true
        case (.null, _): return .false
        case (.false, .isFalse), (.false, .isNotTrue), (.false, .isNotNull), (.false, .isNotUnknown): return .true
        case (.false, _): return .false
        case (.true, let t): return known(t == .isTrue || t == .isNotFalse || t == .isNotNull || t == .isNotUnknown)
        case (.nullOrFalse, .isTrue): return .false
        case (.nullOrFalse, .isNotTrue): return .true
        default: return .unknown
        }
    }
}

extension Expr {
    /// The value this expression has on a row where every column `isNull` picks is NULL,
    /// whatever the other columns hold, as far as can be told without evaluating it.
    ///
    /// The one place that decides NULL rejection: a predicate whose value here
    /// ``NullInputValue/isNeverTrue`` drops every row whose picked columns are NULL, such
    /// as the NULL-padded rows of an outer join. It knows which expressions can be TRUE
    /// for NULL input: IS tests, NOT, OR, CASE, `coalesce`, `greatest`, `least`, `concat`,
    /// `nullif`, NOT IN and EXISTS subqueries, and comparisons of those.
    /// Walks the tree without recursion, so chains of any length are fine.
    public func valueWhenNull(_ isNull: (Column) -> Bool) -> NullInputValue {
        var values: [NullInputValue] = []
        postOrder { expr, count in
            let operands = Array(values.suffix(count))
            values.removeLast(count)
            values.append(Self.nullInputValue(expr, operands, isNull))
        }
        return values.last ?? .unknown
    }

    /// True when this predicate is never TRUE on a row whose columns of `schema` are all
    /// NULL (the NULL-padded rows an outer join adds for that side).
    public func rejectsNulls(from schema: Schema) -> Bool {
        valueWhenNull { schema.index(of: $0) != nil }.isNeverTrue
    }

    /// One node's value from its operands' (in ``operandsForNullAnalysis`` order).
    private static func nullInputValue(_ expr: Expr, _ v: [NullInputValue], _ isNull: (Column) -> Bool) -> NullInputValue {
        switch expr {
        case .column(let c): return isNull(c) ? .null : .unknown
        case .literal(let value):
            switch value {
            case .null: return .null
            case .boolean(let b): return b ? .true : .false
            default: return .unknown
            }
        case .alias: return v[0]
        case .not: return v[0].negated
        case .negative, .cast, .like: return .strict(v)
        case .binary(_, let op, _): return op.isNullSafeComparison ? .unknown : .strict(v)
        case .logical(let op, _): return op == .and ? .and(v) : .or(v)
        case .isTest(_, let test): return v[0].tested(test)
        case .between(_, _, _, let negated):
            // x >= low AND x <= high; NOT BETWEEN: x < low OR x > high.
            let lowSide = NullInputValue.strict([v[0], v[1]]), highSide = NullInputValue.strict([v[0], v[2]])
            return negated ? .or([lowSide, highSide]) : .and([lowSide, highSide])
        case .inList(_, _, let negated):
            // x IN (a, b) is x = a OR x = b; NOT IN is x <> a AND x <> b.
            let comparisons = v.dropFirst().map { NullInputValue.strict([v[0], $0]) }
            return negated ? .and(comparisons) : .or(comparisons)
        case .scalarFunction(let f, _): return f.isStrict ? .strict(v) : .unknown
        case .inSubquery(_, _, let negated):
            // NULL IN (empty) is FALSE; NULL NOT IN (empty) is TRUE.
            return !negated && v[0] == .null ? .nullOrFalse : .unknown
        case .caseWhen, .outerColumn, .aggregate, .window, .exists, .scalarSubquery: return .unknown
        }
    }

    /// The operands the NULL analysis looks at, in order.
    fileprivate var operandsForNullAnalysis: [Expr] {
        switch self {
        case .alias(let e, _), .not(let e), .negative(let e), .cast(let e, _), .isTest(let e, _): return [e]
        case .binary(let l, _, let r): return [l, r]
        case .logical(_, let operands): return operands
        case .like(let l): return [l.expr, l.pattern]
        case .between(let e, let low, let high, _): return [e, low, high]
        case .inList(let e, let items, _): return [e] + items
        case .scalarFunction(_, let args): return args
        case .inSubquery(let e, _, _): return [e]
        case .column, .outerColumn, .literal, .caseWhen, .aggregate, .window, .exists, .scalarSubquery: return []
        }
    }

    /// Calls `body` on every node the NULL analysis looks at, operands before the node
    /// (with how many operands it has), with an explicit stack.
    fileprivate func postOrder(_ body: (Expr, Int) -> Void) {
        var stack: [(Expr, expanded: Bool)] = [(self, false)]
        while let (expr, expanded) = stack.popLast() {
            let operands = expr.operandsForNullAnalysis
            if expanded || operands.isEmpty {
                body(expr, operands.count)
            } else {
                stack.append((expr, true))
                for operand in operands.reversed() { stack.append((operand, false)) }
            }
        }
    }
}

extension ScalarFunction {
    /// NULL whenever any argument is NULL (SQL's RETURNS NULL ON NULL INPUT). `coalesce`,
    /// `greatest`, `least` and `concat` skip NULL arguments; `nullif(a, NULL)` is `a`.
    public var isStrict: Bool {
        switch self {
        case .coalesce, .nullif, .greatest, .least, .concat, .concatWs: false
        default: true
        }
    }
}
