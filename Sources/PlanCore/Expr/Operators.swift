/// Binary operators, with their SQL spelling and binding strength.
public enum BinaryOperator: String, Hashable, Sendable, Codable, CaseIterable {
    case plus = "+", minus = "-", multiply = "*", divide = "/", modulo = "%"
    case concat = "||"
    case eq = "=", notEq = "!=", lt = "<", ltEq = "<=", gt = ">", gtEq = ">="
    /// `a IS [NOT] DISTINCT FROM b`: null-safe (in)equality, never NULL (NULL is not
    /// distinct from NULL). Not an ``isComparison`` (those are NULL in, NULL out); see
    /// ``comparesValues``.
    case isDistinctFrom = "IS DISTINCT FROM", isNotDistinctFrom = "IS NOT DISTINCT FROM"

    /// Higher binds tighter (PostgreSQL's order).
    public var precedence: Int {
        switch self {
        case .eq, .notEq, .lt, .ltEq, .gt, .gtEq, .isDistinctFrom, .isNotDistinctFrom: 20
        case .concat: 25
        case .plus, .minus: 30
        case .multiply, .divide, .modulo: 40
        }
    }

    public var isComparison: Bool {
        switch self { case .eq, .notEq, .lt, .ltEq, .gt, .gtEq: true; default: false }
    }
    /// `IS [NOT] DISTINCT FROM`: a comparison that treats NULL as a value.
    public var isNullSafeComparison: Bool { self == .isDistinctFrom || self == .isNotDistinctFrom }
    /// A comparison of either kind: its operands are coerced to one type and its result
    /// is a boolean.
    public var comparesValues: Bool { isComparison || isNullSafeComparison }
    public var isArithmetic: Bool {
        switch self { case .plus, .minus, .multiply, .divide, .modulo: true; default: false }
    }

    /// `a op b` ≡ `b op.swapped a`, for canonical comparisons.
    public var swapped: BinaryOperator? {
        switch self {
        case .eq, .notEq, .isDistinctFrom, .isNotDistinctFrom: self
        case .lt: .gt
        case .ltEq: .gtEq
        case .gt: .lt
        case .gtEq: .ltEq
        default: nil
        }
    }
}

/// AND and OR: n-ary, over a flat list of operands (``Expr/logical(_:_:)``), so a chain
/// of any length is one node.
public enum LogicalOperator: String, Hashable, Sendable, Codable, CaseIterable {
    case and = "AND", or = "OR"

    /// Higher binds tighter (PostgreSQL's order; comparisons are 20).
    public var precedence: Int { self == .or ? 5 : 10 }
}

/// `IS [NOT] NULL / TRUE / FALSE / UNKNOWN`.
public enum IsTest: String, Hashable, Sendable, Codable {
    case isNull = "IS NULL", isNotNull = "IS NOT NULL"
    case isTrue = "IS TRUE", isNotTrue = "IS NOT TRUE"
    case isFalse = "IS FALSE", isNotFalse = "IS NOT FALSE"
    case isUnknown = "IS UNKNOWN", isNotUnknown = "IS NOT UNKNOWN"
}

/// Sort direction and null placement for one ORDER BY key.
public struct SortExpr: Hashable, Sendable {
    public var expr: Expr
    public var ascending: Bool
    public var nullsFirst: Bool

    /// PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC.
    public init(_ expr: Expr, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.expr = expr
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? !ascending
    }
}

extension SortExpr: CustomStringConvertible {
    public var description: String {
        "\(expr) \(ascending ? "ASC" : "DESC") \(nullsFirst ? "NULLS FIRST" : "NULLS LAST")"
    }
}
