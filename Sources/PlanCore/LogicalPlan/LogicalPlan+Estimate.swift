extension LogicalPlan {
    /// The rows this plan is estimated to produce — the one cardinality estimate, used to
    /// order joins and shown beside each operator by EXPLAIN (and beside the actual rows
    /// by EXPLAIN ANALYZE):
    ///
    /// - a scan: the table's own count (1,000 when the table cannot say) times each Exact
    ///   filter's ``selectivity(_:distinct:)``, at most its fetch;
    /// - a filter: its input times each conjunct's selectivity; an aggregate: a tenth of its input (one row
    ///   without GROUP BY); a limit: its fetch; a window with a partition limit k: k rows per
///   partition (the partition keys' distinct counts);
    /// - an inner join: the product of its inputs' rows over the keys' distinct values
    ///   (``joinDivisor(_:_:keys:)``; the tables' statistics where they have them); an
    ///   outer join: at least its preserved side; a semi or anti join: half its left
    ///   input; a cross join: the product;
    /// - anything else: its largest input.
    public var estimatedRows: Double {
        switch self {
        case .tableScan(let t):
            let rows = Double(t.source.source?.estimatedRowCount ?? 1000)
            // Distinct counts straight from the table (the scan's own would count its filters).
            func distinct(_ c: Column) -> Double? {
                guard let source = t.source.source, let i = t.sourceSchema.fields.firstIndex(where: { $0.name == c.name }),
                      let d = source.distinctCount(ofColumn: i) else { return nil }
                return Double(d)
            }
            var filtered = rows
            for f in t.filters where f.pushdown == .exact { filtered *= Self.selectivity(f.expr, distinct: distinct, zone: { self.zone(of: $0) }) }
            return max(1, t.fetch.map { min(Double($0), filtered) } ?? filtered)
        case .filter(let f): return f.input.estimatedRows(keeping: f.predicate.conjuncts)
        case .aggregate(let a): return a.groupBy.isEmpty ? 1 : max(1, a.input.estimatedRows / 10)
        case .limit(let l): return l.fetch.map { min(Double($0), l.input.estimatedRows) } ?? l.input.estimatedRows
        case .window(let w):
            // A partition limit keeps k rows of each partition: k times the partitions.
            let rows = w.input.estimatedRows
            guard let k = w.partitionLimit, let keys = w.calls.first?.partitionBy else { return rows }
            var partitions = 1.0
            for key in keys {
                guard case .column(let c) = key.unaliased, let d = w.input.distinctCount(of: c) else { return rows }
                partitions *= d.count
            }
            return max(1, min(rows, Double(k) * partitions))
        case .join(let j):
            let l = j.left.estimatedRows, r = j.right.estimatedRows
            switch j.joinType {
            case .leftSemi, .leftAnti: return l / 2
            case .inner: return Self.joinedRows(j, l, r)
            case .left: return max(l, Self.joinedRows(j, l, r))
            case .right: return max(r, Self.joinedRows(j, l, r))
            case .full: return max(l, r, Self.joinedRows(j, l, r))
            }
        case .crossJoin(let c): return c.left.estimatedRows * c.right.estimatedRows
        case .emptyRelation(let e): return e.produceOneRow ? 1 : 0
        case .values(let v): return Double(v.rows.count)
        default: return inputs.map(\.estimatedRows).max() ?? 1
        }
    }

    /// Whether ``estimatedRows`` rests on counts rather than the 1,000 rows taken for a
    /// table that cannot say how many it holds: every scan under the node (not counting
    /// subqueries inside expressions) knows its table's count or has a fetch. Where it
    /// does not, EXPLAIN and every pane show no estimate (`?`) rather than a made-up one.
    /// The rows of this plan for which every one of `conjuncts` holds: a Filter's
    /// estimate (the physical planner's filters below a join it lowers use it too).
    public func estimatedRows(keeping conjuncts: [Expr]) -> Double {
        var rows = estimatedRows
        for c in conjuncts {
            rows *= Self.selectivity(c, distinct: { distinctCount(of: $0).flatMap { $0.known ? $0.count : nil } },
                                     zone: { zone(of: $0) })
        }
        return max(1, rows)
    }

    public var estimateIsKnown: Bool {
        switch self {
        case .tableScan(let t): t.fetch != nil || t.source.source?.estimatedRowCount != nil
        case .limit(let l) where l.fetch != nil: true
        case .values, .emptyRelation: true
        default: inputs.allSatisfy(\.estimateIsKnown)
        }
    }

    /// The fraction of rows a filter conjunct keeps: `column = constant` one over the
    /// column's distinct count, `column IN (k constants)` k over it (when the table knows
    /// the count); with the column's ``ColumnZone`` (Parquet footers), a comparison or
    /// BETWEEN the part of [min, max] it covers, `= constant` outside it none, IS [NOT] NULL
    /// the NULL fraction; anything else, a quarter.
    static func selectivity(_ e: Expr, distinct: (Column) -> Double?, zone: (Column) -> ColumnZone? = { _ in nil }) -> Double {
        func isConstant(_ x: Expr) -> Bool { if case .literal = x.unaliased { true } else { false } }
        func constant(_ x: Expr) -> ScalarValue? { if case .literal(let v) = x.unaliased { v } else { nil } }
        switch e {
        case .binary(let a, let op, let b) where op.isComparison:
            var (column, value, op) = (a, b, op)
            if case .column = b.unaliased, isConstant(a) { (column, value, op) = (b, a, op.swapped ?? op) }
            guard case .column(let c) = column.unaliased, let v = constant(value) else { break }
            if let z = zone(c), let f = Self.rangeFraction(z, op, v) { return f }
            if op == .eq, let d = distinct(c), d >= 1 { return 1 / d }
        case .between(let x, let low, let high, false):
            if case .column(let c) = x.unaliased, let lo = constant(low), let hi = constant(high), let z = zone(c),
               let a = Self.rangeFraction(z, .gtEq, lo), let b = Self.rangeFraction(z, .ltEq, hi) {
                return max(0, a + b - Self.nonNullFraction(z))
            }
        case .inList(let x, let items, false):
            if case .column(let c) = x.unaliased, items.allSatisfy(isConstant), let d = distinct(c), d >= 1 {
                return min(1, Double(items.count) / d)
            }
        case .isTest(let x, let test) where test == .isNull || test == .isNotNull:
            if case .column(let c) = x.unaliased, let z = zone(c), z.nullCount != nil {
                let nonNull = Self.nonNullFraction(z)
                return test == .isNull ? 1 - nonNull : nonNull
            }
        default: break
        }
        return 0.25
    }

    /// The fraction of a zone's rows that are not NULL (all, when the count is unknown).
    static func nonNullFraction(_ z: ColumnZone) -> Double {
        guard let n = z.nullCount, z.rows > 0 else { return 1 }
        return max(0, 1 - Double(n) / Double(z.rows))
    }

    /// The fraction of a zone's rows `column op v` keeps, taking the values spread evenly
    /// over [min, max] (numbers, dates, timestamps); nil when the zone cannot say.
    static func rangeFraction(_ z: ColumnZone, _ op: BinaryOperator, _ v: ScalarValue) -> Double? {
        guard let lo = z.min.flatMap(position), let hi = z.max.flatMap(position), let x = position(v), hi >= lo else { return nil }
        let nonNull = nonNullFraction(z)
        let below: Double  // the share of values < x (≤ x for a point range)
        if hi == lo {
            below = x > lo ? 1 : 0
        } else {
            below = min(1, max(0, (x - lo) / (hi - lo)))
        }
        switch op {
        case .lt, .ltEq: return nonNull * (hi == lo && x == lo && op == .ltEq ? 1 : below)
        case .gt, .gtEq: return nonNull * (hi == lo && x == lo && op == .gtEq ? 1 : 1 - below)
        case .eq: return x < lo || x > hi ? 0 : nil
        default: return nil
        }
    }

    /// A value's place on a line, for range fractions.
    static func position(_ v: ScalarValue) -> Double? {
        switch v {
        case .date(let d): Double(d)
        case .timestamp(let t): Double(t)
        default: v.doubleValue.flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// An inner join's rows: the product of its inputs' rows over the join keys'
    /// ``joinDivisor(_:_:keys:)`` (the larger input's rows when no key is a plain column).
    static func joinedRows(_ j: Join, _ l: Double, _ r: Double) -> Double {
        var columns: [(Column, Column)] = []
        for key in j.on {
            if case .column(let a) = key.left.unaliased, case .column(let b) = key.right.unaliased { columns.append((a, b)) }
        }
        guard let divisor = joinDivisor(j.left, j.right, keys: columns) else { return max(l, r) }
        return max(1, l * r / divisor)
    }

    /// What the product of two inputs' rows is divided by when they join on equal
    /// `keys` (a left column, a right column each): the largest distinct count the
    /// tables know for any key column (rows match when their keys do, and each of the
    /// side with more values finds about one partner per row of the other) or, when no
    /// table knows, the smallest guess (a key column is taken to be unique in its input:
    /// joined on the smaller one, a foreign key keeps its rows). Nil without keys.
    public static func joinDivisor(_ left: LogicalPlan, _ right: LogicalPlan, keys: [(Column, Column)]) -> Double? {
        var known = 0.0, guess = Double.infinity
        for (a, b) in keys {
            for d in [left.distinctCount(of: a), right.distinctCount(of: b)] {
                guard let d else { continue }
                if d.known { known = max(known, d.count) } else { guess = min(guess, d.count) }
            }
        }
        if known > 0 { return max(1, known) }
        return guess < .infinity ? max(1, guess) : nil
    }

    /// How many distinct values a column takes, as the join estimates see it.
    public struct DistinctEstimate: Equatable, Sendable {
        public var count: Double
        /// From the table's statistics (otherwise a guess: the column taken to be unique).
        public var known: Bool
    }

    /// `column`'s distinct values in this plan's output: the table's count (or the rows
    /// of the input it is read from, when the table cannot say), at most the rows of the
    /// scan or filter it comes through. Nil for computed columns.
    public func distinctCount(of column: Column) -> DistinctEstimate? {
        func capped(_ d: DistinctEstimate?) -> DistinctEstimate? {
            d.map { DistinctEstimate(count: min($0.count, estimatedRows), known: $0.known) }
        }
        switch self {
        case .tableScan(let t):
            guard let i = t.schema.index(of: column) else { return nil }
            let name = t.schema.fields[i].name
            if let source = t.source.source, let at = t.sourceSchema.fields.firstIndex(where: { $0.name == name }),
               let d = source.distinctCount(ofColumn: at) {
                return capped(DistinctEstimate(count: Double(d), known: true))
            }
            return DistinctEstimate(count: estimatedRows, known: false)
        case .filter(let f): return capped(f.input.distinctCount(of: column))
        case .limit(let l): return capped(l.input.distinctCount(of: column))
        case .sort(let s): return s.input.distinctCount(of: column)
        case .window(let w): return w.input.schema.index(of: column) == nil ? nil : w.input.distinctCount(of: column)
        case .projection(let p):
            guard let i = p.schema.index(of: column), case .column(let c) = p.exprs[i].unaliased else { return nil }
            return p.input.distinctCount(of: c)
        case .subqueryAlias(let a):
            guard let i = a.schema.index(of: column) else { return nil }
            return a.input.distinctCount(of: a.input.schema.fields[i].column)
        case .aggregate(let a):
            guard let i = a.schema.index(of: column), i < a.groupBy.count,
                  case .column(let c) = a.groupBy[i].unaliased else { return nil }
            return capped(a.input.distinctCount(of: c))
        case .join(let j):
            if j.left.schema.index(of: column) != nil { return j.left.distinctCount(of: column) }
            if j.joinType != .leftSemi, j.joinType != .leftAnti, j.right.schema.index(of: column) != nil {
                return j.right.distinctCount(of: column)
            }
            return nil
        case .extension(let e):
            return e.node.estimateSource?.distinctCount(of: column)
        default:
            return nil
        }
    }

    /// What the table under this plan knows of `column`'s values (its ``ColumnZone``),
    /// through filters, sorts, limits, projections of the column and aliases: filters only
    /// narrow the values, so the table's min and max still bound them.
    public func zone(of column: Column) -> ColumnZone? {
        switch self {
        case .tableScan(let t):
            guard let i = t.schema.index(of: column), let source = t.source.source,
                  let at = t.sourceSchema.fields.firstIndex(where: { $0.name == t.schema.fields[i].name }) else { return nil }
            return source.zone(ofColumn: at)
        case .filter(let f): return f.input.zone(of: column)
        case .limit(let l): return l.input.zone(of: column)
        case .sort(let s): return s.input.zone(of: column)
        case .window(let w): return w.input.schema.index(of: column) == nil ? nil : w.input.zone(of: column)
        case .projection(let p):
            guard let i = p.schema.index(of: column), case .column(let c) = p.exprs[i].unaliased else { return nil }
            return p.input.zone(of: c)
        case .subqueryAlias(let a):
            guard let i = a.schema.index(of: column) else { return nil }
            return a.input.zone(of: a.input.schema.fields[i].column)
        case .extension(let e):
            return e.node.estimateSource?.zone(of: column)
        default:
            return nil
        }
    }

    /// The rows of the table under a single-table input before its filters: a scan's
    /// table count, through filters, projections and aliases; for anything else, its own
    /// estimate. A filtered input keeps ``estimatedRows`` of these.
    public var unfilteredRows: Double {
        switch self {
        case .tableScan(let t): return Double(t.source.source?.estimatedRowCount ?? 1000)
        case .filter(let f): return f.input.unfilteredRows
        case .projection(let p): return p.input.unfilteredRows
        case .subqueryAlias(let a): return a.input.unfilteredRows
        default: return estimatedRows
        }
    }
}

extension LogicalPlan {
    /// What join ordering minimizes, for this plan as it stands: the number of joins and
    /// the sum of their estimated rows (C_out: the rows every join produces for the next
    /// to hash or probe). EXPLAIN shows it as `join_cost`.
    public var joinCost: (joins: Int, rows: Double) {
        var joins = 0, rows = 0.0
        func walk(_ p: LogicalPlan) {
            switch p {
            case .join, .crossJoin:
                joins += 1
                rows += p.estimatedRows
            default: break
            }
            for input in p.inputs { walk(input) }
            for s in p.subqueries { walk(s.plan) }
        }
        walk(self)
        return (joins, rows)
    }

    /// `join_cost` as EXPLAIN prints it: `3 joins, 1,234,567 estimated rows`.
    public var joinCostLine: String? {
        let c = joinCost
        guard c.joins > 0 else { return nil }
        let rows = Int(min(c.rows, 9e18).rounded())
        return "\(counted(c.joins, "join")), \(grouped(rows)) estimated rows (the sum over joins of the rows each produces)"
    }
}
