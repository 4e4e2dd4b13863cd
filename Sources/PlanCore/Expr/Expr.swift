/// A scalar expression: an immutable value tree.
///
/// Types are checked when a node is built into a plan (``dataType(in:)``); expressions
/// never hold a schema themselves, so one expression can be moved between plans by the
/// optimizer without rebinding.
public indirect enum Expr: Hashable, Sendable {
    case column(Column)
    /// A column of an enclosing query, seen from inside a correlated subquery.
    case outerColumn(Column, DataType)
    case literal(ScalarValue)
    case alias(Expr, name: String)
    case not(Expr)
    case negative(Expr)
    case binary(Expr, BinaryOperator, Expr)
    /// `a AND b AND …` / `a OR b OR …`: two or more operands, none of them the same
    /// operator (``Expr/and(_:)`` and ``Expr/or(_:)`` flatten).
    case logical(LogicalOperator, [Expr])
    case isTest(Expr, IsTest)
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    case like(Like)
    case inList(Expr, [Expr], negated: Bool)
    case caseWhen(CaseWhen)
    case cast(Expr, DataType)
    case scalarFunction(ScalarFunction, [Expr])
    case aggregate(AggregateCall)
    /// `f(…) OVER (…)`: computed by a ``Window`` node (see ``WindowCall``).
    case window(WindowCall)
    case exists(Subquery, negated: Bool)
    case inSubquery(Expr, Subquery, negated: Bool)
    case scalarSubquery(Subquery)
}

/// `expr [NOT] [I]LIKE pattern [ESCAPE c]`.
public struct Like: Hashable, Sendable {
    public var expr: Expr
    public var pattern: Expr
    public var negated: Bool
    public var caseInsensitive: Bool
    /// The character that makes the next one literal: backslash unless the query says
    /// otherwise (PostgreSQL's default); nil for `ESCAPE ''`, which switches escaping off.
    public var escape: Character?

    public static let defaultEscape: Character = "\\"

    public init(_ expr: Expr, _ pattern: Expr, negated: Bool = false, caseInsensitive: Bool = false,
                escape: Character? = Like.defaultEscape) {
        self.expr = expr
        self.pattern = pattern
        self.negated = negated
        self.caseInsensitive = caseInsensitive
        self.escape = escape
    }
}

/// `CASE [operand] WHEN … THEN … [ELSE …] END`.
public struct CaseWhen: Hashable, Sendable {
    public struct Branch: Hashable, Sendable {
        public var when: Expr
        public var then: Expr
        public init(when: Expr, then: Expr) { self.when = when; self.then = then }
    }
    public var operand: Expr?
    public var branches: [Branch]
    public var elseExpr: Expr?

    public init(operand: Expr? = nil, branches: [Branch], elseExpr: Expr? = nil) {
        self.operand = operand
        self.branches = branches
        self.elseExpr = elseExpr
    }
}

/// An aggregate function applied to arguments, with DISTINCT, ORDER BY and FILTER.
///
/// An ordered-set aggregate (`percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`) keeps its
/// direct arguments (the constant fraction) in `args` and `x` as its one `orderBy`.
public struct AggregateCall: Hashable, Sendable {
    public var function: AggregateFunction
    /// Empty for `count(*)`.
    public var args: [Expr]
    public var distinct: Bool
    public var filter: Expr?
    /// `f(args ORDER BY …)`, or an ordered-set aggregate's `WITHIN GROUP (ORDER BY …)`.
    public var orderBy: [SortExpr]

    public init(_ function: AggregateFunction, _ args: [Expr], distinct: Bool = false, filter: Expr? = nil,
                orderBy: [SortExpr] = []) {
        self.function = function
        self.args = args
        self.distinct = distinct
        self.filter = filter
        self.orderBy = orderBy
    }

    /// The argument each row gives the aggregate: an ordered-set aggregate's WITHIN GROUP
    /// value, otherwise the first argument (nil for `count(*)`).
    public var rowArgument: Expr? { function.isOrderedSet ? orderBy.first?.expr : args.first }

    /// The arguments the function's signature is checked against: an ordered-set
    /// aggregate's WITHIN GROUP value, then its direct arguments; otherwise `args`.
    public var signatureArgs: [Expr] { function.isOrderedSet ? orderBy.prefix(1).map(\.expr) + args : args }

    /// The constant an argument is written as: a literal, possibly negated or cast (nil
    /// for anything else, or a cast that fails).
    public static func constant(_ e: Expr) -> ScalarValue? {
        switch e {
        case .literal(let v): return v
        case .alias(let x, _): return constant(x)
        case .negative(let x): return constant(x).flatMap { try? ScalarOps.negate($0) }
        case .cast(let x, let t): return constant(x).flatMap { try? ScalarOps.cast($0, to: t) }
        default: return nil
        }
    }

    /// The constant argument the function reads once: `string_agg`'s delimiter, a
    /// percentile's fraction (nil where it has none or it is not a constant).
    public var constantArgument: ScalarValue? {
        switch function {
        case .stringAgg: args.count == 2 ? AggregateCall.constant(args[1]) : nil
        case .percentileCont, .percentileDisc: args.first.flatMap(AggregateCall.constant)
        default: nil
        }
    }

    /// The ORDER BY that decides the result: an order-sensitive function's or an
    /// ordered-set aggregate's (others give the same result in any order).
    public var effectiveOrder: [SortExpr] { function.isOrderSensitive || function.isOrderedSet ? orderBy : [] }
}

/// A subquery used as an expression. `outerReferences` lists the enclosing query's
/// columns it reads (empty when uncorrelated).
public struct Subquery: Hashable, Sendable {
    public var plan: LogicalPlan
    public var outerReferences: [Column]

    public init(plan: LogicalPlan, outerReferences: [Column] = []) {
        self.plan = plan
        self.outerReferences = outerReferences
    }

    public var isCorrelated: Bool { !outerReferences.isEmpty }
}

// MARK: - Convenience

extension Expr {
    /// The expression without a top-level alias.
    public var unaliased: Expr {
        if case .alias(let inner, _) = self { return inner.unaliased }
        return self
    }

    public func alias(_ name: String) -> Expr { .alias(unaliased, name: name) }

    /// True if the expression (not counting subqueries) contains an aggregate call.
    public var containsAggregate: Bool {
        contains { if case .aggregate = $0 { true } else { false } }
    }

    /// True if the expression contains a window call.
    public var containsWindow: Bool {
        contains { if case .window = $0 { true } else { false } }
    }

    /// Whether evaluating this can never raise an error on any row: columns, literals,
    /// comparisons, AND/OR/NOT, IS tests, BETWEEN, IN lists and LIKE with a literal
    /// pattern over such operands, and casts of literals that succeed (no arithmetic,
    /// functions or other casts). The executor may
    /// then evaluate it on rows another condition already ruled out.
    public var cannotFail: Bool {
        switch self {
        case .column, .literal: return true
        case .alias(let e, _), .not(let e), .isTest(let e, _): return e.cannotFail
        case .binary(let a, let op, let b):
            return op.isComparison && a.cannotFail && b.cannotFail
        case .logical(_, let operands): return operands.allSatisfy(\.cannotFail)
        case .between(let e, let low, let high, _): return e.cannotFail && low.cannotFail && high.cannotFail
        case .inList(let e, let items, _): return e.cannotFail && items.allSatisfy(\.cannotFail)
        case .like(let l):
            // A pattern ending with its escape character fails on some texts.
            if case .literal(let p) = l.pattern {
                guard case .string(let text) = p else { return l.expr.cannotFail }
                let matcher = try? LikeMatcher(pattern: text, escape: l.escape, caseInsensitive: l.caseInsensitive)
                return matcher?.danglingEscape.isEmpty == true && l.expr.cannotFail
            }
            return false
        case .cast(.literal(let v), let t):
            // A coercion of a literal the optimizer has not folded (every rule off).
            return (try? ScalarOps.cast(v, to: t)) != nil
        default: return false
        }
    }

    /// True if this expression or any sub-expression is a subquery expression.
    public var containsSubquery: Bool {
        contains {
            switch $0 { case .exists, .inSubquery, .scalarSubquery: true; default: false }
        }
    }

    /// The columns this expression reads (not outer references; not inside subqueries).
    public var columnRefs: [Column] {
        var out: [Column] = []
        visit { expr in
            if case .column(let c) = expr, !out.contains(c) { out.append(c) }
            return .continue
        }
        return out
    }

    /// Splits `a AND b AND c` into `[a, b, c]`.
    public var conjuncts: [Expr] { operands(of: .and) }

    /// Splits `a OR b OR c` into `[a, b, c]`.
    public var disjuncts: [Expr] { operands(of: .or) }

    /// The operands of a chain of `op` (nested chains of the same operator flattened,
    /// without recursion); `[self]` for anything else.
    public func operands(of op: LogicalOperator) -> [Expr] {
        guard case .logical(op, let top) = self else { return [self] }
        var out: [Expr] = []
        var stack: [Expr] = top.reversed()
        while let e = stack.popLast() {
            if case .logical(op, let inner) = e { stack.append(contentsOf: inner.reversed()) } else { out.append(e) }
        }
        return out
    }

    /// `a op b op …` as one flat node: nested chains of `op` are flattened, one operand is
    /// itself, and none is `nil`.
    public static func chain(_ op: LogicalOperator, _ exprs: [Expr]) -> Expr? {
        var flat: [Expr] = []
        for e in exprs { flat.append(contentsOf: e.operands(of: op)) }
        guard flat.count > 1 else { return flat.first }
        return .logical(op, flat)
    }

    /// `a AND b AND …`, or `nil` for an empty list.
    public static func conjunction(_ exprs: [Expr]) -> Expr? { chain(.and, exprs) }

    /// `a OR b OR …`, or `nil` for an empty list.
    public static func disjunction(_ exprs: [Expr]) -> Expr? { chain(.or, exprs) }
}

// MARK: - Builders (for tests and rules)

public func col(_ name: String) -> Expr {
    let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
    if parts.count == 2 { return .column(Column(relation: parts[0], name: parts[1])) }
    return .column(Column(name: name))
}

public func lit(_ value: Int) -> Expr { .literal(.int64(Int64(value))) }
public func lit(_ value: String) -> Expr { .literal(.string(value)) }
public func lit(_ value: Bool) -> Expr { .literal(.boolean(value)) }
public func lit(_ value: Double) -> Expr { .literal(.float64(value)) }

extension Expr {
    public static func + (l: Expr, r: Expr) -> Expr { .binary(l, .plus, r) }
    public static func - (l: Expr, r: Expr) -> Expr { .binary(l, .minus, r) }
    public static func * (l: Expr, r: Expr) -> Expr { .binary(l, .multiply, r) }
    public static func / (l: Expr, r: Expr) -> Expr { .binary(l, .divide, r) }
    public static func > (l: Expr, r: Expr) -> Expr { .binary(l, .gt, r) }
    public static func < (l: Expr, r: Expr) -> Expr { .binary(l, .lt, r) }
    public static func >= (l: Expr, r: Expr) -> Expr { .binary(l, .gtEq, r) }
    public static func <= (l: Expr, r: Expr) -> Expr { .binary(l, .ltEq, r) }
    public func eq(_ r: Expr) -> Expr { .binary(self, .eq, r) }
    public func and(_ r: Expr) -> Expr { Expr.chain(.and, [self, r]) ?? r }
    public func or(_ r: Expr) -> Expr { Expr.chain(.or, [self, r]) ?? r }
}

extension Expr {
    /// The expression with every column's table qualifier removed (how a table provider
    /// names its own columns).
    public var unqualifiedColumns: Expr {
        (try? transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            if case .column(let c) = x, c.relation != nil { return .yes(.column(Column(name: c.name))) }
            return .no(x)
        }.value) ?? self
    }
}

extension Expr {
    /// Replaces columns by the expressions `map` gives (others unchanged).
    public func replacingColumns(_ map: [Column: Expr]) -> Expr {
        (try? transformUp { (e: Expr) throws(PlanError) -> Transformed<Expr> in
            if case .column(let c) = e, let r = map[c] { return .yes(r.unaliased) }
            return .no(e)
        }.value) ?? self
    }
}
