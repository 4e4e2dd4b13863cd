/// A window function call: `f(args) [FILTER (WHERE …)] [IGNORE NULLS] OVER (PARTITION BY …
/// ORDER BY … frame)`. Evaluated by a ``Window`` node; elsewhere in a plan it appears as
/// the column that node adds.
public struct WindowCall: Hashable, Sendable {
    public var function: WindowFunction
    /// Empty for `count(*)` and the ranking functions.
    public var args: [Expr]
    public var distinct: Bool
    public var filter: Expr?
    public var ignoreNulls: Bool
    public var partitionBy: [Expr]
    public var orderBy: [SortExpr]
    /// The frame as written, or PostgreSQL's default (``WindowFrame/default``); always the
    /// default for functions that read no frame.
    public var frame: WindowFrame

    public init(_ function: WindowFunction, _ args: [Expr], distinct: Bool = false, filter: Expr? = nil, ignoreNulls: Bool = false,
                partitionBy: [Expr] = [], orderBy: [SortExpr] = [], frame: WindowFrame = .default) {
        self.function = function
        self.args = args
        self.distinct = distinct
        self.filter = filter
        self.ignoreNulls = ignoreNulls
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = function.usesFrame ? frame : .default
    }

    /// The rows' order this call needs: partition keys (ascending), then its ORDER BY.
    public var sortKeys: [SortExpr] { partitionBy.map { SortExpr($0) } + orderBy }

    /// PARTITION BY and ORDER BY: calls with the same spec share one sort and one cut into
    /// partitions. Equal sort keys are not enough (`PARTITION BY p` and `ORDER BY p` sort
    /// alike but partition differently).
    public struct Spec: Hashable, Sendable {
        public var partitionBy: [Expr]
        public var orderBy: [SortExpr]
    }

    public var spec: Spec { Spec(partitionBy: partitionBy, orderBy: orderBy) }

    /// `PARTITION BY … ORDER BY … frame` as plans show it (the default frame not shown).
    public func windowText(_ show: (Expr) -> String) -> String {
        var parts: [String] = []
        if !partitionBy.isEmpty { parts.append("PARTITION BY \(partitionBy.map(show).joined(separator: ", "))") }
        if !orderBy.isEmpty {
            parts.append("ORDER BY " + orderBy.map { o in
                "\(show(o.expr)) \(o.ascending ? "ASC" : "DESC") NULLS \(o.nullsFirst ? "FIRST" : "LAST")"
            }.joined(separator: ", "))
        }
        if frame != .default { parts.append(frame.description) }
        return parts.joined(separator: " ")
    }
}

/// `ROWS | RANGE | GROUPS BETWEEN start AND end [EXCLUDE …]`.
public struct WindowFrame: Hashable, Sendable, CustomStringConvertible {
    public enum Units: String, Hashable, Sendable { case rows = "ROWS", range = "RANGE", groups = "GROUPS" }

    /// One end of a frame; offsets are constants (a number of rows or groups, or for RANGE
    /// a distance in the ORDER BY key's type: a number or an interval).
    public enum Bound: Hashable, Sendable {
        case unboundedPreceding
        case preceding(ScalarValue)
        case currentRow
        case following(ScalarValue)
        case unboundedFollowing

        public var description: String {
            switch self {
            case .unboundedPreceding: "UNBOUNDED PRECEDING"
            case .preceding(let v): "\(v.sqlLiteral) PRECEDING"
            case .currentRow: "CURRENT ROW"
            case .following(let v): "\(v.sqlLiteral) FOLLOWING"
            case .unboundedFollowing: "UNBOUNDED FOLLOWING"
            }
        }
    }

    public enum Exclusion: String, Hashable, Sendable {
        case noOthers = "NO OTHERS", currentRow = "CURRENT ROW", group = "GROUP", ties = "TIES"
    }

    public var units: Units
    public var start: Bound
    public var end: Bound
    public var exclusion: Exclusion

    public init(_ units: Units, start: Bound, end: Bound, exclusion: Exclusion = .noOthers) {
        self.units = units
        self.start = start
        self.end = end
        self.exclusion = exclusion
    }

    /// PostgreSQL's default frame: `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (the
    /// whole partition when there is no ORDER BY, every row being a peer).
    public static let `default` = WindowFrame(.range, start: .unboundedPreceding, end: .currentRow)

    public var description: String {
        var s = "\(units.rawValue) BETWEEN \(start.description) AND \(end.description)"
        if exclusion != .noOthers { s += " EXCLUDE \(exclusion.rawValue)" }
        return s
    }
}
