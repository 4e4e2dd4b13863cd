/// What is known of one column over a span of rows (a table, a zone-map chunk, a Parquet
/// row group or page): its least and greatest non-NULL values and its NULL count, each nil
/// when unknown. Pruning judges filters against zones; the planner's estimates read a
/// table's zones for range selectivity and NULL fractions.
public struct ColumnZone: Sendable, Equatable {
    public var min: ScalarValue?
    public var max: ScalarValue?
    public var nullCount: Int?
    /// Rows in the span.
    public var rows: Int

    public init(min: ScalarValue?, max: ScalarValue?, nullCount: Int?, rows: Int) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
        self.rows = rows
    }

    /// Every row is NULL (known from the NULL count).
    public var allNull: Bool { nullCount == rows }

    /// The zone of the spans together: a bound is known when every span's is (or a span
    /// holds only NULLs), a NULL count when every span's is.
    public static func merged(_ zones: [ColumnZone]) -> ColumnZone {
        var out = ColumnZone(min: nil, max: nil, nullCount: 0, rows: 0)
        var minKnown = true, maxKnown = true
        for z in zones {
            let (rows, overflow) = out.rows.addingReportingOverflow(z.rows)
            out.rows = overflow ? Int.max : rows
            out.nullCount = out.nullCount.flatMap { n in
                z.nullCount.flatMap { m in
                    let (sum, overflow) = n.addingReportingOverflow(m)
                    return overflow ? nil : sum
                }
            }
            if z.allNull { continue }
            if let m = z.min {
                if minKnown, out.min.map({ (ScalarOps.compare(m, $0) ?? 0) < 0 }) ?? true { out.min = m }
            } else {
                minKnown = false
            }
            if let m = z.max {
                if maxKnown, out.max.map({ (ScalarOps.compare(m, $0) ?? 0) > 0 }) ?? true { out.max = m }
            } else {
                maxKnown = false
            }
        }
        if !minKnown { out.min = nil }
        if !maxKnown { out.max = nil }
        return out
    }
}
