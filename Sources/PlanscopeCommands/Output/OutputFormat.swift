import PlanCore
import PlanEngine
import PlanExec

/// How query results are printed.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, jsonl

    /// Renders a result in this format (no trailing newline).
    public func render(_ result: StatementResult, style: TableStyle = .unicode) -> String {
        switch self {
        case .table: TableFormatter(style: style).render(result)
        case .csv: CSVFormatter.render(result)
        case .json: JSONFormatter.render(result)
        case .jsonl: JSONFormatter.lines(result)
        }
    }
}

/// Text of one value as result formats print it (`NULL` is the caller's choice).
enum ValueText {
    /// A `TIMESTAMPTZ` in `zone` (the session's, as the result carries it).
    static func text(_ v: ScalarValue, zone: SQLTimeZone = .utc) -> String { v.sqlText(in: zone) }

    static func isNumeric(_ t: DataType) -> Bool { t.isNumeric }
}
