/// Orders rows; with `fetch` only the first rows are needed (top-k).
public struct Sort: Hashable, Sendable {
    public let exprs: [SortExpr]
    public let input: LogicalPlan
    public let fetch: Int?

    public init(_ exprs: [SortExpr], input: LogicalPlan, fetch: Int? = nil) throws(PlanError) {
        for e in exprs { _ = try e.expr.dataType(in: input.schema) }
        self.exprs = exprs
        self.input = input
        self.fetch = fetch
    }
}

/// Skips `skip` rows, then passes at most `fetch` rows (all when `nil`).
public struct Limit: Hashable, Sendable {
    public let skip: Int
    public let fetch: Int?
    public let input: LogicalPlan

    public init(skip: Int = 0, fetch: Int?, input: LogicalPlan) {
        self.skip = skip
        self.fetch = fetch
        self.input = input
    }

    /// Rows the input must produce for this limit: `skip + fetch`, or nil without a
    /// fetch. Saturates at `Int.max` (a LIMIT past the end is no error, as PostgreSQL).
    public var rowsNeeded: Int? {
        fetch.map { Limit.saturatingSum(skip, $0) }
    }

    /// `a + b` for row counts (never negative), `Int.max` when it would overflow.
    public static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? Int.max : r
    }
}

/// Removes duplicate rows.
public struct Distinct: Hashable, Sendable {
    public let input: LogicalPlan
    public init(input: LogicalPlan) { self.input = input }
}
