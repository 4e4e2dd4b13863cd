import Foundation

/// `now()` (`current_timestamp`) and `current_date`: the time a statement started, the
/// same value for every row and every reference in it (subqueries included), as in
/// PostgreSQL. Plans keep the calls (so a plan, and its fingerprint, does not change
/// from run to run); the physical planner puts the statement's value in their place
/// (``LogicalPlan/fixingStatementTime(_:)``) before scans are given their filters.
/// `now()` is a `TIMESTAMPTZ`, as in PostgreSQL.
public enum StatementTime {
    /// Now, as microseconds since 1970-01-01 00:00:00 UTC.
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))  // safe: years from now fit 2^63 µs
    }
}

extension ScalarFunction {
    /// `now()` or `current_date`: a value fixed per statement, not per row.
    public var isStatementTime: Bool { self == .now || self == .currentDate }

    /// Its value for a statement that started at `micros`: `now()` the instant,
    /// `current_date` the day in the zone its argument names (the binder passes the
    /// session's; UTC without one).
    public func statementTimeValue(_ micros: Int64, arguments: [Expr] = []) -> ScalarValue {
        guard self == .currentDate else { return .timestampTZ(micros) }
        var local = micros
        if case .literal(.string(let name))? = arguments.first, let zone = SQLTimeZone(name) {
            local = (try? zone.local(fromUTC: micros)) ?? micros
        }
        let days = local >= 0 ? local / 86_400_000_000 : (local + 1) / 86_400_000_000 - 1  // safe: floor division by a positive constant
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
                    if case .scalarFunction(let fn, let args) = e, fn.isStatementTime {
                        return .yes(.literal(fn.statementTimeValue(micros, arguments: args)))
                    }
                    return .no(e)
                }.value
                return ScanFilter(fixed, f.pushdown)
            }
            return .yes(.tableScan(try TableScan(tableName: scan.tableName, sourceSchema: scan.sourceSchema, source: scan.source.source,
                                                 projection: scan.projection, filters: filters, fetch: scan.fetch)))
        }.value
    }
}
