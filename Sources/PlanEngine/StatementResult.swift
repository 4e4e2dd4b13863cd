import PlanCore
import PlanExec
import PlanProviders

/// Rows a query produced, with the plan that produced them.
public struct QueryResult: Sendable {
    public let schema: Schema
    public let batches: [RecordBatch]
    public let plan: LogicalPlan
    /// Wall time from SQL text to the last batch, in seconds.
    public let elapsed: Double
    /// Warnings the statement produced (pushdown contract violations under `warn`).
    public var warnings: [RunWarning] = []

    public init(schema: Schema, batches: [RecordBatch], plan: LogicalPlan, elapsed: Double, warnings: [RunWarning] = []) {
        self.schema = schema
        self.batches = batches
        self.plan = plan
        self.elapsed = elapsed
        self.warnings = warnings
    }

    public var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }

    /// Every row as values (for tests and small results).
    public var rows: [[ScalarValue]] {
        batches.flatMap { b in (0..<b.rowCount).map { b.row($0) } }
    }
}

/// What one statement did.
public enum StatementResult: Sendable {
    /// A query (or SHOW / EXPLAIN) returned rows.
    case rows(QueryResult)
    /// A command completed: `CREATE TABLE`, `INSERT 0 3`, `SET`.
    case command(tag: String, elapsed: Double)
}

/// An error from a statement, with the SQL it came from so a front end can show the
/// line and caret.
public struct StatementError: Error, Sendable, CustomStringConvertible {
    public let error: PlanError
    /// The whole text the position refers to.
    public let source: String

    public init(_ error: PlanError, source: String) {
        self.error = error
        self.source = source
    }

    public var description: String { error.description }
    /// One line plus the offending SQL line and a caret.
    public var rendered: String { error.render(source: source) }
}
