import PlanCore

/// The one judgement of a filter against zones, shared by every provider that skips data
/// on statistics (``ZoneMapTable``, Parquet row groups and pages): which filters can be
/// judged (comparisons of a column with a constant, BETWEEN, IN lists, IS [NOT] NULL, and
/// ANDs of those), and whether a span of rows may hold a row that passes one.
///
/// When in doubt it keeps the span: an unknown or incomparable bound, a NULL constant in
/// an IN list, NaN (the provider reports it as unknown) all answer "may match".
public struct ZonePruning: Sendable {
    /// The column a filter operand names, as an index into the table's schema.
    let columnIndex: @Sendable (Expr) -> Int?

    public init(schema: Schema) {
        self.columnIndex = { e in
            if case .column(let c) = e { return schema.fields.firstIndex { $0.name == c.name } }
            return nil
        }
    }

    /// A constant's value, if the expression is one.
    public static func constant(_ e: Expr) -> ScalarValue? {
        switch e {
        case .literal(let v): v
        case .cast(.literal(let v), let t): try? ScalarOps.cast(v, to: t)
        case .negative(.literal(let v)): try? ScalarOps.negate(v)
        default: nil
        }
    }

    /// Whether a zone can judge `f`.
    public func judgeable(_ f: Expr) -> Bool {
        switch f {
        case .logical(.and, let operands): return operands.allSatisfy(judgeable)
        case .binary(let l, let op, let r) where op.isComparison:
            return (columnIndex(l) != nil && Self.constant(r) != nil) || (columnIndex(r) != nil && Self.constant(l) != nil)
        case .between(let e, let lo, let hi, false):
            return columnIndex(e) != nil && Self.constant(lo) != nil && Self.constant(hi) != nil
        case .inList(let e, let list, false):
            return columnIndex(e) != nil && list.allSatisfy { Self.constant($0) != nil }
        case .isTest(let e, .isNull), .isTest(let e, .isNotNull):
            return columnIndex(e) != nil
        default: return false
        }
    }

    /// The columns `f` reads, when it is judgeable.
    public func columns(_ f: Expr) -> Set<Int> {
        Set(f.columnRefs.compactMap { c in columnIndex(.column(c)) })
    }

    /// The column and the constants an equality or IN filter asks for (bloom filters).
    public func equalities(_ f: Expr) -> (column: Int, values: [ScalarValue])? {
        switch f {
        case .binary(let l, .eq, let r):
            if let c = columnIndex(l), let v = Self.constant(r) { return (c, [v]) }
            if let c = columnIndex(r), let v = Self.constant(l) { return (c, [v]) }
            return nil
        case .inList(let e, let list, false):
            guard let c = columnIndex(e) else { return nil }
            let values = list.compactMap(Self.constant)
            return values.count == list.count ? (c, values) : nil
        default: return nil
        }
    }

    /// False when no row of the span can satisfy `f` (NULL never satisfies a comparison).
    /// `zone(c)` is column `c`'s zone over the span (nil: nothing known).
    public func mayMatch(_ f: Expr, _ zone: (Int) -> ColumnZone?) -> Bool {
        func cmp(_ a: ScalarValue, _ b: ScalarValue) -> Int? { ScalarOps.compare(a, b) }
        switch f {
        case .logical(.and, let operands): return operands.allSatisfy { mayMatch($0, zone) }
        case .binary(let l, var op, let r) where op.isComparison:
            var column = columnIndex(l), value = Self.constant(r)
            if column == nil { column = columnIndex(r); value = Self.constant(l); op = op.swapped ?? op }
            guard let c = column, let v = value else { return true }
            if v.isNull { return false }
            guard let z = zone(c) else { return true }
            if z.allNull { return false }
            // Each bound is used alone: a float column's maximum is unknown (NaN sorts above
            // every number and Parquet statistics leave it out).
            let lo = z.min.flatMap { cmp($0, v) }, hi = z.max.flatMap { cmp($0, v) }
            switch op {
            case .eq: return (lo ?? -1) <= 0 && (hi ?? 1) >= 0
            case .notEq: return !(lo == 0 && hi == 0)
            case .lt: return (lo ?? -1) < 0
            case .ltEq: return (lo ?? -1) <= 0
            case .gt: return (hi ?? 1) > 0
            case .gtEq: return (hi ?? 1) >= 0
            default: return true
            }
        case .between(let e, let low, let high, false):
            guard let lo = Self.constant(low), let hi = Self.constant(high) else { return true }
            return mayMatch(.binary(e, .gtEq, .literal(lo)), zone) && mayMatch(.binary(e, .ltEq, .literal(hi)), zone)
        case .inList(let e, let list, false):
            return list.contains { mayMatch(.binary(e, .eq, $0), zone) }
        case .isTest(let e, .isNull):
            guard let c = columnIndex(e), let n = zone(c)?.nullCount else { return true }
            return n > 0
        case .isTest(let e, .isNotNull):
            guard let c = columnIndex(e), let z = zone(c) else { return true }
            return !z.allNull
        default: return true
        }
    }
}
