import Foundation

/// `now()` (`current_timestamp`) and `current_date`: the time a statement started, the
/// same value for every row and every reference in it (subqueries included), as in
/// PostgreSQL. Plans keep the calls (so a plan, and its fingerprint, does not change
/// from run to run); the physical planner puts the statement's value in their place
/// (``LogicalPlan/fixingStatementTime(_:)``) before scans are given their filters.
/// Timestamps are UTC wall-clock values (planscope has no time zones).
public enum StatementTime {
    /// Now, as microseconds since 1970-01-01 00:00:00 UTC.
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))  // safe: years from now fit 2^63 µs
    }
}

extension ScalarFunction {
    /// `now()` or `current_date`: a value fixed per statement, not per row.
    public var isStatementTime: Bool { self == .now || self == .currentDate }

    /// Its value for a statement that started at `micros`.
    public func statementTimeValue(_ micros: Int64) -> ScalarValue {
        guard self == .currentDate else { return .timestamp(micros) }
        let days = micros >= 0 ? micros / 86_400_000_000 : (micros + 1) / 86_400_000_000 - 1
        return .date(Int32(clamping: days))
    }
}

extension LogicalPlan {
    /// The plan with `now()` and `current_date` in the filters given to scans replaced by
    /// their values for a statement that started at `micros`: providers evaluate those
    /// filters themselves, outside the statement's execution context. Everywhere else the
    /// calls stay (output names are made from them) and are compiled to the context's
    /// value; subqueries get theirs when they are planned.
    public func fixingStatementTime(_ micros: Int64) throws(PlanError) -> LogicalPlan {
        func uses(_ e: Expr) -> Bool {
            e.contains { if case .scalarFunction(let f, _) = $0 { f.isStatementTime } else { false } }
        }
        return try transformUp { (node: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in
            guard case .tableScan(let scan) = node, scan.filters.contains(where: { uses($0.expr) }) else { return .no(node) }
            let filters = try scan.filters.map { (f: ScanFilter) throws(PlanError) -> ScanFilter in
                let fixed = try f.expr.transformUp { (e: Expr) throws(PlanError) -> Transformed<Expr> in
                    if case .scalarFunction(let fn, _) = e, fn.isStatementTime { return .yes(.literal(fn.statementTimeValue(micros))) }
                    return .no(e)
                }.value
                return ScanFilter(fixed, f.pushdown)
            }
            return .yes(.tableScan(try TableScan(tableName: scan.tableName, sourceSchema: scan.sourceSchema, source: scan.source.source,
                                                 projection: scan.projection, filters: filters, fetch: scan.fetch)))
        }.value
    }
}
